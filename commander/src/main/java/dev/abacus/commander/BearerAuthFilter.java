package dev.abacus.commander;

import dev.abacus.support.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import java.util.Locale;

/**
 * Authenticates every route marked {@link RequiresBearerToken} before its body is read, so an
 * unauthenticated caller learns nothing from validation errors. It decides on the route the router
 * matched, never on the path's spelling: a trailing slash, another case or an encoding that reaches
 * a guarded route is guarded too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BearerAuthFilter {

    static final String PRINCIPAL = "abacus.commander.principal";
    private static final String SCHEME = "bearer ";

    private final BearerTokens tokens;

    BearerAuthFilter(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        boolean guarded = RouteAttributes.getRouteMatch(request)
                .map(route -> route.getRouteInfo().getAnnotationMetadata().hasAnnotation(RequiresBearerToken.class))
                .orElse(false);
        if (!guarded) {
            return null;
        }
        if (!tokens.enabled()) {
            request.setAttribute(PRINCIPAL, BearerTokens.ANONYMOUS);
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return unauthorized(request, "a bearer token is required", null);
        }
        String principal = tokens.principalFor(header.substring(SCHEME.length()).strip()).orElse(null);
        if (principal == null) {
            return unauthorized(request, "the bearer token is not valid", "invalid_token");
        }
        request.setAttribute(PRINCIPAL, principal);
        return null;
    }

    private static HttpResponse<?> unauthorized(HttpRequest<?> request, String detail, @Nullable String error) {
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized", detail)
                .withReason("UNAUTHORIZED")
                .withInstance(request.getPath());
        return CommandResponses.problem(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        error == null ? "Bearer realm=\"abacus\"" : "Bearer realm=\"abacus\", error=\"" + error + "\"");
    }
}
