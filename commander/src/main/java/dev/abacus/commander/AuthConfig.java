package dev.abacus.commander;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Bearer tokens allowed to send commands ({@code abacus.commander.auth.tokens}); each entry is
 * {@code name:token} or a bare token. None configured means authentication is off.
 */
@Context
@ConfigurationProperties("abacus.commander.auth")
public record AuthConfig(@Nullable List<String> tokens) {

    public List<String> tokensOrEmpty() {
        return tokens == null ? List.of() : tokens;
    }
}
