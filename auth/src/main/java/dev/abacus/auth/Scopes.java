package dev.abacus.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** The OAuth 2 scopes the commander's and the view's routes require, and how the scopes a caller holds are read. */
public final class Scopes {

    /** The commander's {@code POST /values} and {@code PUT /values/{id}}. */
    public static final String COMMANDS_WRITE = "abacus:commands:write";
    /** The commander's {@code GET /commands/{id}}. */
    public static final String COMMANDS_READ = "abacus:commands:read";
    /** The view's {@code GET /values/{id}} and {@code GET /values}. */
    public static final String VALUES_READ = "abacus:values:read";
    public static final Set<String> ALL = Set.of(COMMANDS_WRITE, COMMANDS_READ, VALUES_READ);

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
