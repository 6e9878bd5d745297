package dev.abacus.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How callers of the commander and the view authenticate ({@code abacus.auth.*}), checked at start-up.
 *
 * @param mode {@code none}, {@code static} or {@code jwt}; unset means {@code static} when tokens are
 *     listed and {@code none} otherwise, as before modes existed
 * @param tokens static mode: {@code [name:]token [scope ...]} entries, see {@link StaticTokens}
 * @param secret jwt mode: the HS256 shared secret, at least 256 bits (32 bytes of UTF-8)
 * @param jwksUrl jwt mode: where the issuer publishes its signing keys (RS256, ES256, ...)
 * @param issuer jwt mode: the {@code iss} a token must carry, exactly; unset means any
 * @param audience jwt mode: a value the token's {@code aud} must contain; unset means any
 * @param clockSkew jwt mode: how far {@code exp} and {@code nbf} may be off the service's clock
 */
@Context
@ConfigurationProperties(AuthConfig.PREFIX)
public record AuthConfig(
        @Nullable Mode mode,
        @Nullable List<String> tokens,
        @Nullable String secret,
        @Nullable URI jwksUrl,
        @Nullable String issuer,
        @Nullable String audience,
        @Bindable(defaultValue = "30s") @NotNull Duration clockSkew) {

    /** Where the settings live; env {@code ABACUS_AUTH_MODE}, {@code ABACUS_AUTH_TOKENS}, ... */
    public static final String PREFIX = "abacus.auth";
    static final int MIN_SECRET_BYTES = 32;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Who may call the guarded routes. */
    public enum Mode {
        /** Anyone, as {@code anonymous}. */
        NONE,
        /** Holders of a configured static token. */
        STATIC,
        /** Holders of a JWT signed by the shared secret or a key of the JWKS. */
        JWT
    }

    public AuthConfig {
        tokens = tokens == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tokens));
        secret = blankToNull(secret);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        mode = mode != null ? mode : tokens.isEmpty() ? Mode.NONE : Mode.STATIC;
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw invalid("clock-skew must be between 0s and " + MAX_CLOCK_SKEW + ", was " + clockSkew);
        }
        if (mode == Mode.STATIC) {
            if (tokens.isEmpty()) {
                throw invalid("mode static needs " + PREFIX + ".tokens");
            }
            StaticTokens.parse(tokens);
        } else if (!tokens.isEmpty()) {
            throw invalid("tokens are only read in mode static, the mode is " + name(mode));
        }
        if (mode == Mode.JWT) {
            if (secret == null && jwksUrl == null) {
                throw invalid("mode jwt needs a secret (HS256) or a jwks-url");
            }
            int secretBytes = secret == null ? MIN_SECRET_BYTES : secret.getBytes(StandardCharsets.UTF_8).length;
            if (secretBytes < MIN_SECRET_BYTES) {
                throw invalid("secret must be at least 256 bits (" + MIN_SECRET_BYTES
                        + " bytes) for HS256, it has " + secretBytes + " bytes");
            }
            if (jwksUrl != null && (!jwksUrl.isAbsolute() || jwksUrl.getHost() == null
                    || !List.of("http", "https").contains(jwksUrl.getScheme().toLowerCase(Locale.ROOT)))) {
                throw invalid("jwks-url must be an absolute http(s) URL, was " + jwksUrl);
            }
        } else if (secret != null || jwksUrl != null || issuer != null || audience != null) {
            throw invalid("secret, jwks-url, issuer and audience are only read in mode jwt, the mode is " + name(mode));
        }
    }

    /** Whether the guarded routes need a token. */
    public boolean enabled() {
        return mode != Mode.NONE;
    }

    public List<String> tokensOrEmpty() {
        return tokens;
    }

    /** Without the tokens and the secret, so a logged config gives nothing away. */
    @Override
    public String toString() {
        return "AuthConfig[mode=" + name(mode) + ", tokens=" + tokens.size() + ", secret="
                + (secret == null ? "unset" : "set") + ", jwksUrl=" + jwksUrl + ", issuer=" + issuer
                + ", audience=" + audience + ", clockSkew=" + clockSkew + "]";
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(PREFIX + "." + message);
    }
}
