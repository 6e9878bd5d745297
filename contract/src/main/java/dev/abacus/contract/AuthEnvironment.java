package dev.abacus.contract;

import java.util.Set;

/**
 * The environment variables through which the commander and the view learn how callers authenticate: Micronaut's
 * environment form of their {@code abacus.auth.*} settings (the {@code auth} module's {@code AuthConfig}). The
 * operator sets them from a pipeline's {@code spec.auth}, secrets as references the kubelet resolves.
 */
public final class AuthEnvironment {

    /** {@code abacus.auth.mode}: {@link #MODE_STATIC} or {@link #MODE_JWT} ({@code none} when unset and no tokens). */
    public static final String MODE = "ABACUS_AUTH_MODE";
    /** {@code abacus.auth.tokens}: comma-separated {@code [name:]token [scope ...]} entries, static mode. */
    public static final String TOKENS = "ABACUS_AUTH_TOKENS";
    /** {@code abacus.auth.secret}: the HS256 shared secret, at least 32 bytes, jwt mode. */
    public static final String SECRET = "ABACUS_AUTH_SECRET";
    /** {@code abacus.auth.jwks-url}: where the issuer publishes its signing keys, jwt mode. */
    public static final String JWKS_URL = "ABACUS_AUTH_JWKS_URL";
    /** {@code abacus.auth.issuer}: the {@code iss} a token must carry, jwt mode. */
    public static final String ISSUER = "ABACUS_AUTH_ISSUER";
    /** {@code abacus.auth.audience}: a value a token's {@code aud} must contain, jwt mode. */
    public static final String AUDIENCE = "ABACUS_AUTH_AUDIENCE";
    /** {@code abacus.auth.clock-skew}: not set by the operator; a spec's env may set it. */
    public static final String CLOCK_SKEW = "ABACUS_AUTH_CLOCK_SKEW";

    public static final String MODE_STATIC = "static";
    public static final String MODE_JWT = "jwt";

    /** The names the operator owns when a pipeline declares its auth: a spec's env must not set them then. */
    public static final Set<String> ALL = Set.of(MODE, TOKENS, SECRET, JWKS_URL, ISSUER, AUDIENCE);

    private AuthEnvironment() {
    }
}
