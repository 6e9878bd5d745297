package dev.abacus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A setting under the commander's old prefix stops the start, naming its new key, rather than being ignored. */
class MovedAuthSettingsTest {

    @Test
    void anOldPropertyStopsTheStartNamingItsNewKey() {
        assertThatThrownBy(() -> BareContext.start(PropertySource.of("test", Map.of(
                "abacus.commander.auth.tokens", "ci:ci-token-0123456789"))))
                .rootCause()
                .hasMessageContaining("abacus.commander.auth.* is no longer read")
                .hasMessageContaining("abacus.commander.auth.tokens to abacus.auth.tokens")
                .hasMessageContaining("ABACUS_AUTH_TOKENS")
                .hasMessageNotContaining("ci-token-0123456789");
    }

    @Test
    void anOldEnvironmentVariableStopsTheStartNamingItsNewOne() {
        assertThatThrownBy(() -> BareContext.start(environment(Map.of(
                "ABACUS_COMMANDER_AUTH_MODE", "jwt",
                "ABACUS_COMMANDER_AUTH_JWKS_URL", "https://issuer.test/jwks.json"))))
                .rootCause()
                .hasMessageContaining("(env ABACUS_COMMANDER_AUTH_MODE to ABACUS_AUTH_MODE)")
                .hasMessageContaining("abacus.commander.auth.jwks-url to abacus.auth.jwks-url"
                        + " (env ABACUS_COMMANDER_AUTH_JWKS_URL to ABACUS_AUTH_JWKS_URL)");
    }

    /** Even one left empty, or a key auth never had: the user meant something by it. */
    @Test
    void anyOldKeyStopsTheStart() {
        assertThatThrownBy(() -> BareContext.start(environment(Map.of("ABACUS_COMMANDER_AUTH_TOKENS", ""))))
                .rootCause()
                .hasMessageContaining("ABACUS_AUTH_TOKENS");
        assertThatThrownBy(() -> BareContext.start(PropertySource.of("test", Map.of("abacus.commander.auth.realm", "x"))))
                .rootCause()
                .hasMessageContaining("Rename every abacus.commander.auth.<key> to abacus.auth.<key>");
    }

    @Test
    void theNewKeysAndTheCommandersOtherSettingsStart() {
        try (ApplicationContext context = BareContext.start(environment(Map.of(
                "ABACUS_AUTH_TOKENS", "ci:ci-token-0123456789",
                "ABACUS_COMMANDER_MAX_WAIT", "10s",
                "ABACUS_COMMANDER_AUTHORITY", "x")))) {
            AuthConfig config = context.getBean(AuthConfig.class);
            assertThat(config.mode()).isEqualTo(AuthConfig.Mode.STATIC);
            assertThat(config.tokens()).containsExactly("ci:ci-token-0123456789");
        }
    }

    /** Read as Micronaut reads the process environment. */
    private static PropertySource environment(Map<String, Object> variables) {
        return PropertySource.of("env", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
    }
}
