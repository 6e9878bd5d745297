package dev.abacus.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a JWT must claim once its signature is good: a subject, an expiry, a time window that holds
 * within the clock skew, and the issuer and audience when they are configured. Nimbus does the
 * checks; Micronaut's own expiry check, which has no skew, is switched off in abacus-auth.yml.
 */
@Singleton
final class JwtClaimsPolicy<T> implements GenericJwtClaimsValidator<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JwtClaimsPolicy.class);

    private final DefaultJWTClaimsVerifier<SecurityContext> verifier;

    JwtClaimsPolicy(AuthConfig config) {
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (config.issuer() != null) {
            exact.issuer(config.issuer());
        }
        this.verifier = new DefaultJWTClaimsVerifier<>(
                config.audience() == null ? null : Collections.singleton(config.audience()),
                exact.build(),
                Set.of(Claims.SUBJECT, Claims.EXPIRATION_TIME),
                null);
        verifier.setMaxClockSkew(Math.toIntExact(config.clockSkew().toSeconds()));
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        try {
            verifier.verify(JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims), null);
            return true;
        } catch (BadJWTException e) {
            LOG.debug("JWT refused: {}", e.getMessage());
            return false;
        }
    }
}
