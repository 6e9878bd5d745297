package dev.abacus.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Spellings of a path that a router may send to the same route, for walking the guarded routes. */
public final class PathSpellings {

    private PathSpellings() {}

    /** {@code path} itself first, then trailing slashes, case, percent-encodings, dot segments, queries, parameters. */
    public static List<String> of(String path) {
        String upperLast = path.substring(0, path.lastIndexOf('/') + 1) + path.substring(path.lastIndexOf('/') + 1)
                .toUpperCase(Locale.ROOT);
        return List.copyOf(new LinkedHashSet<>(List.of(path, path + "/", path + "//", "/" + path, path + "?wait=1s",
                path + "/?wait=1s", upperLast, upperLast + "/", path.toUpperCase(Locale.ROOT), path.replace("-", "%2D"),
                "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2), "/." + path,
                path + "%2F", path + ";x=1")));
    }
}
