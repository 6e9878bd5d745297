package dev.abacus.auth;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Authenticates the static tokens of {@code static} mode; in other modes none are configured. */
@Singleton
final class StaticTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final StaticTokens tokens;

    StaticTokenValidator(AuthConfig config) {
        this.tokens = StaticTokens.parse(config.tokensOrEmpty());
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return tokens.find(token.strip())
                .map(grant -> Publishers.just(Authentication.build(grant.principal(), List.of(),
                        Map.of(Scopes.SCOPE_CLAIM, String.join(" ", grant.scopes())))))
                .orElseGet(Publishers::empty);
    }
}
