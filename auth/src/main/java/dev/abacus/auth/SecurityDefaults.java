package dev.abacus.auth;

import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Micronaut Security settings every service guarded by {@link AuthConfig} runs with, whatever
 * environments it starts in, so no service's own configuration has to repeat them. They sit below
 * the service's files and the environment; a loader (found through {@code META-INF/services}) is
 * the one hook Micronaut reads before any bean exists.
 */
public final class SecurityDefaults implements PropertySourceLoader {

    static final String NAME = "abacus-auth-defaults";
    private static final int POSITION = AbstractPropertySourceLoader.DEFAULT_POSITION - 100;

    static final Map<String, Object> SETTINGS = Map.of(
            // a path no route serves stays 404, as it was before security was on the classpath
            "micronaut.security.reject-not-found", false,
            "micronaut.security.basic-auth.enabled", false,
            // no security endpoint is served: tokens come from an issuer, not from a service
            "micronaut.security.endpoints.keys.enabled", false,
            "micronaut.security.endpoints.introspection.enabled", false,
            // JwtClaimsPolicy checks exp (and nbf) with abacus.auth.clock-skew
            "micronaut.security.token.jwt.claims-validators.expiration", false);

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        // asked once per configuration location; the classpath is the one every start has
        return resourceLoader.supportsPrefix("classpath:")
                ? Optional.of(PropertySource.of(NAME, SETTINGS, POSITION))
                : Optional.empty();
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
            ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    @Override
    public Set<String> getExtensions() {
        return Set.of();
    }

    @Override
    public Map<String, Object> read(String name, InputStream input) {
        return Map.of();
    }
}
