package dev.abacus.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The static bearer tokens of {@code abacus.auth.tokens}. Each entry is
 * {@code [name:]token [scope ...]}: a bare token is named {@code token-<8 hex of its SHA-256>}, and
 * one listing no scopes grants them all, as every token did before scopes existed.
 */
final class StaticTokens {

    /** Who a token names and what it may do. */
    record Grant(String principal, Set<String> scopes) {}

    private record Entry(Grant grant, byte[] digest) {}

    private static final String TOKENS = AuthConfig.PREFIX + ".tokens";

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = entries;
    }

    /** Refuses an empty token, a token or name listed twice, and a scope no service knows. */
    static StaticTokens parse(List<String> configured) {
        List<Entry> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : configured) {
            String[] words = raw == null ? new String[0] : raw.strip().split("\\s+");
            String spec = words.length == 0 ? "" : words[0];
            int colon = spec.indexOf(':');
            String token = colon < 0 ? spec : spec.substring(colon + 1);
            if (token.isBlank()) {
                throw new IllegalArgumentException(TOKENS + " has an empty token");
            }
            byte[] digest = sha256(token);
            String name = colon < 0 ? "token-" + HexFormat.of().formatHex(digest, 0, 4) : spec.substring(0, colon);
            if (name.isBlank() || !names.add(name)) {
                throw new IllegalArgumentException(TOKENS + ": blank or repeated name '" + name + "'");
            }
            if (parsed.stream().anyMatch(entry -> Arrays.equals(entry.digest(), digest))) {
                throw new IllegalArgumentException(TOKENS + ": the token of '" + name
                        + "' is listed twice, so it would not say which principal it is");
            }
            Set<String> scopes = new LinkedHashSet<>(Arrays.asList(words).subList(1, words.length));
            for (String scope : scopes) {
                if (!Scopes.ALL.contains(scope)) {
                    throw new IllegalArgumentException(TOKENS + ": token '" + name
                            + "' lists unknown scope '" + scope + "'; known: " + String.join(", ", new TreeSet<>(Scopes.ALL)));
                }
            }
            parsed.add(new Entry(new Grant(name, Set.copyOf(scopes.isEmpty() ? Scopes.ALL : scopes)), digest));
        }
        return new StaticTokens(List.copyOf(parsed));
    }

    /** The grant of {@code token}; digests compared in constant time so timing tells nothing. */
    Optional<Grant> find(String token) {
        byte[] digest = sha256(token);
        Grant match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.grant();
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
