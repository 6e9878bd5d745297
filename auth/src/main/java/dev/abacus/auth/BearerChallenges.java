package dev.abacus.auth;

import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a refused request as problem+json with the RFC 6750 challenge: 401 when it has no valid
 * token, {@code error="invalid_token"} when it sent a bearer token that is not; 403
 * {@code error="insufficient_scope"} naming the scope when the token is valid but lacks the route's.
 * A route without a scope (a sensitive management endpoint) gets a plain 403.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class BearerChallenges implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private static final String REALM = "Bearer realm=\"abacus\"";

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            Optional<String> scope = ScopeRule.requiredScope(request);
            Problem problem = Problem.of(ProblemType.FORBIDDEN, scope
                            .map(needed -> "the bearer token does not grant scope " + needed)
                            .orElse("no token grants access here"))
                    .withInstance(request.getPath());
            MutableHttpResponse<?> response = problem(problem);
            scope.ifPresent(needed -> response.header(HttpHeaders.WWW_AUTHENTICATE,
                    REALM + ", error=\"insufficient_scope\", scope=\"" + needed + "\""));
            return response;
        }
        boolean presented = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION).stream()
                .anyMatch(value -> value.toLowerCase(Locale.ROOT).startsWith("bearer "));
        Problem problem = Problem.of(ProblemType.UNAUTHORIZED, presented
                        ? "the bearer token is not valid: unknown, malformed, wrongly signed, expired, or not"
                                + " issued for this service"
                        : "a bearer token is required")
                .withInstance(request.getPath());
        return problem(problem).header(HttpHeaders.WWW_AUTHENTICATE,
                presented ? REALM + ", error=\"invalid_token\"" : REALM);
    }

    private static MutableHttpResponse<Problem> problem(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(problem);
    }
}
