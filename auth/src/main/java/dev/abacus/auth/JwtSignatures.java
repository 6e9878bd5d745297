package dev.abacus.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.DisabledBeanException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfigurationProperties;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The keys Micronaut Security verifies JWT signatures with, taken from {@link AuthConfig} rather than
 * {@code micronaut.security.token.jwt.signatures.*}, so each service has one place for auth settings.
 */
@Factory
final class JwtSignatures {

    static final String NAME = "abacus";

    @Singleton
    @Named(NAME + "-secret")
    SignatureConfiguration sharedSecret(AuthConfig config) {
        if (config.mode() != AuthConfig.Mode.JWT || config.secret() == null) {
            throw new DisabledBeanException("no shared secret configured");
        }
        SecretSignatureConfiguration secret = new SecretSignatureConfiguration(NAME);
        secret.setJwsAlgorithm(JWSAlgorithm.HS256);
        secret.setSecret(config.secret());
        return new SecretSignature(secret);
    }

    @Singleton
    @Named(NAME)
    JwksSignatureConfiguration jwks(AuthConfig config) {
        if (config.mode() != AuthConfig.Mode.JWT || config.jwksUrl() == null) {
            throw new DisabledBeanException("no JWKS configured");
        }
        String url = config.jwksUrl().toString();
        return new JwksSignatureConfiguration() {
            @Override
            public String getName() {
                return NAME;
            }

            @Override
            public String getUrl() {
                return url;
            }

            @Override
            @Nullable
            public KeyType getKeyType() {
                return null;
            }

            @Override
            @SuppressWarnings("removal")
            public Integer getCacheExpiration() {
                return JwksSignatureConfigurationProperties.DEFAULT_CACHE_EXPIRATION;
            }
        };
    }

    /**
     * Outside jwt mode, a signature nothing passes. Without any, Micronaut Security would take an
     * unsigned ({@code alg: none}) JWT as valid.
     */
    @Singleton
    @Named(NAME + "-refuse")
    SignatureConfiguration refuseAll(AuthConfig config) {
        if (config.mode() == AuthConfig.Mode.JWT) {
            throw new DisabledBeanException("jwt mode has real signatures");
        }
        return new SignatureConfiguration() {
            @Override
            public String supportedAlgorithmsMessage() {
                return "no JWT is accepted: " + AuthConfig.PREFIX + ".mode is not jwt";
            }

            @Override
            public boolean supports(JWSAlgorithm algorithm) {
                return false;
            }

            @Override
            public boolean verify(SignedJWT jwt) {
                return false;
            }
        };
    }
}
