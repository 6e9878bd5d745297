package dev.abacus.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SensitiveEndpointRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Lets a request through a {@link RequiresBearerToken} route only with a token granting the route's
 * scope. It decides on the route the router matched, never on the path's spelling, so a trailing
 * slash, another case or an encoding that reaches a guarded route is guarded too. It runs after
 * Micronaut's own rules, so {@code @Secured} routes and sensitive management endpoints (shut to
 * all, as without Micronaut Security) are theirs; every other request (other services' routes in a
 * shared context, health, unknown paths) is let through, as before authentication existed.
 */
@Singleton
final class ScopeRule implements SecurityRule<HttpRequest<?>> {

    private final boolean enabled;

    ScopeRule(AuthConfig config) {
        this.enabled = config.enabled();
    }

    @Override
    public int getOrder() {
        return SensitiveEndpointRule.ORDER + 100;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        Optional<String> scope = requiredScope(request);
        if (scope.isEmpty() || !enabled) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        boolean granted = authentication != null && Scopes.granted(authentication).contains(scope.get());
        return Publishers.just(granted ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    static Optional<String> requiredScope(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getRouteInfo().getAnnotationMetadata().stringValue(RequiresBearerToken.class));
    }
}
