package dev.abacus.commander;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** The OAuth 2 scopes the commander's routes require, and how the scopes a caller holds are read. */
final class Scopes {

    static final String COMMANDS_WRITE = "abacus:commands:write";
    static final String COMMANDS_READ = "abacus:commands:read";
    /** Reserved for the view's {@code GET /values} routes; the commander serves none of them. */
    static final String VALUES_READ = "abacus:values:read";
    static final Set<String> ALL = Set.of(COMMANDS_WRITE, COMMANDS_READ, VALUES_READ);

    /** The OAuth 2 claim (RFC 8693 §4.2): scopes separated by spaces. Static tokens carry it too. */
    static final String SCOPE_CLAIM = "scope";
    /** What some issuers (Azure AD, Okta) send instead: an array, or a space-separated string. */
    static final String SCP_CLAIM = "scp";

    private Scopes() {}

    static Set<String> granted(Authentication authentication) {
        Set<String> granted = new LinkedHashSet<>();
        addAll(granted, authentication.getAttributes().get(SCOPE_CLAIM));
        addAll(granted, authentication.getAttributes().get(SCP_CLAIM));
        return granted;
    }

    private static void addAll(Set<String> into, Object claim) {
        if (claim instanceof String text) {
            for (String scope : text.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    into.add(scope);
                }
            }
        } else if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String scope && !scope.isBlank()) {
                    into.add(scope);
                }
            }
        }
    }
}
