package dev.abacus.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stops the start while a setting is left under the commander's old prefix {@code abacus.commander.auth}
 * (env {@code ABACUS_COMMANDER_AUTH_*}). Nothing reads it any more, so ignoring it would start the
 * service open that its operator meant to guard.
 */
@Context
final class MovedAuthSettings {

    static final String OLD_PREFIX = "abacus.commander.auth";
    static final List<String> KEYS = List.of("mode", "tokens", "secret", "jwks-url", "issuer", "audience", "clock-skew");

    MovedAuthSettings(Environment environment) {
        if (environment.getPropertyEntries(OLD_PREFIX).isEmpty()) {
            return;
        }
        List<String> renames = new ArrayList<>();
        for (String key : KEYS) {
            if (environment.containsProperty(OLD_PREFIX + "." + key)) {
                renames.add(OLD_PREFIX + "." + key + " to " + AuthConfig.PREFIX + "." + key + " (env "
                        + env(OLD_PREFIX + "." + key) + " to " + env(AuthConfig.PREFIX + "." + key) + ")");
            }
        }
        throw new IllegalStateException(OLD_PREFIX + ".* is no longer read: authentication moved to "
                + AuthConfig.PREFIX + ".* (env " + env(AuthConfig.PREFIX) + "_*), which guards the commander and the view"
                + " alike. Rename " + (renames.isEmpty()
                        ? "every " + OLD_PREFIX + ".<key> to " + AuthConfig.PREFIX + ".<key>"
                        : String.join(", ", renames)));
    }

    private static String env(String key) {
        return key.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }
}
