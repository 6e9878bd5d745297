package dev.abacus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.config.SecurityConfiguration;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every context with auth on its classpath runs Micronaut Security with Abacus's settings, whatever its environments. */
class SecurityDefaultsTest {

    @Test
    void aContextWithoutAnyConfigurationFileHasThem() {
        try (ApplicationContext context = BareContext.start(Map.of())) {
            assertThat(context.getBean(SecurityConfiguration.class).isRejectNotFound()).isFalse();
            assertThat(context.containsBean(ExpirationJwtClaimsValidator.class))
                    .as("Micronaut's expiry check, which has no clock skew").isFalse();
            SecurityDefaults.SETTINGS.forEach((key, value) ->
                    assertThat(context.getProperty(key, Object.class)).as(key).contains(value));
        }
    }

    @Test
    void theServicesOwnConfigurationStillWins() {
        try (ApplicationContext context = BareContext.start(Map.of("micronaut.security.reject-not-found", true))) {
            assertThat(context.getBean(SecurityConfiguration.class).isRejectNotFound()).isTrue();
        }
    }
}
