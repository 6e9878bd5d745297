package dev.abacus.commander;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps a presented bearer token to the principal it names. */
@Singleton
final class BearerTokens {

    static final String ANONYMOUS = "anonymous";

    private record Entry(String principal, byte[] digest) {}

    private final List<Entry> entries;

    BearerTokens(AuthConfig config) {
        List<Entry> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : config.tokensOrEmpty()) {
            String item = raw == null ? "" : raw.strip();
            int colon = item.indexOf(':');
            String token = colon < 0 ? item : item.substring(colon + 1);
            if (token.isBlank()) {
                throw new IllegalArgumentException("abacus.commander.auth.tokens has an empty token");
            }
            byte[] digest = sha256(token);
            String name = colon < 0 ? "token-" + HexFormat.of().formatHex(digest, 0, 4) : item.substring(0, colon);
            if (name.isBlank() || !names.add(name)) {
                throw new IllegalArgumentException("abacus.commander.auth.tokens: blank or repeated name '" + name + "'");
            }
            parsed.add(new Entry(name, digest));
        }
        this.entries = List.copyOf(parsed);
    }

    boolean enabled() {
        return !entries.isEmpty();
    }

    /** The principal owning {@code token}; digests compared in constant time so timing tells nothing. */
    Optional<String> principalFor(String token) {
        byte[] digest = sha256(token);
        String match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.principal();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
