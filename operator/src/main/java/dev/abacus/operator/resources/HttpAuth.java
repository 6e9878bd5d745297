package dev.abacus.operator.resources;

import dev.abacus.contract.AuthEnvironment;
import dev.abacus.operator.api.AuthMode;
import dev.abacus.operator.api.AuthSpec;
import dev.abacus.operator.api.AuthTokensSpec;
import dev.abacus.operator.api.JwtAuthSpec;
import dev.abacus.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's {@code spec.auth} as references only: the mode, which Secret keys hold the tokens or the HS256
 * secret, and the plain JWT settings. Secret values never enter it; the pods get the references as
 * {@code valueFrom.secretKeyRef} and the kubelet resolves them.
 *
 * @param mode empty: the operator sets no auth env, and spec env may
 */
public record HttpAuth(Optional<AuthMode> mode, Optional<SecretKeyRef> tokens, Optional<SecretKeyRef> secret,
                       Optional<String> jwksUrl, Optional<String> issuer, Optional<String> audience) {

    public static final HttpAuth NONE = new HttpAuth(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public static final String TOKENS_FIELD = "spec.auth.tokens.secretKeyRef";
    public static final String SECRET_FIELD = "spec.auth.jwt.secretKeyRef";

    /** A referenced Secret key, with the spec field that names it, for messages. */
    public record Reference(String field, SecretKeyRef ref) {

        public boolean hs256Secret() {
            return SECRET_FIELD.equals(field);
        }
    }

    static HttpAuth of(AuthSpec spec) {
        if (spec == null || spec.getMode() == null) {
            return NONE;
        }
        Optional<JwtAuthSpec> jwt = spec.getMode() == AuthMode.JWT ? Optional.ofNullable(spec.getJwt()) : Optional.empty();
        return new HttpAuth(Optional.of(spec.getMode()),
                spec.getMode() == AuthMode.STATIC
                        ? Optional.ofNullable(spec.getTokens()).map(AuthTokensSpec::getSecretKeyRef) : Optional.empty(),
                jwt.map(JwtAuthSpec::getSecretKeyRef),
                jwt.map(JwtAuthSpec::getJwksUrl).filter(s -> !s.isBlank()),
                jwt.map(JwtAuthSpec::getIssuer).filter(s -> !s.isBlank()),
                jwt.map(JwtAuthSpec::getAudience).filter(s -> !s.isBlank()));
    }

    /** Whether the pipeline declares its auth, and so owns {@link AuthEnvironment#ALL} on the commander and view. */
    public boolean declared() {
        return mode.isPresent();
    }

    /** The Secret keys the pods will read, in spec order. */
    public List<Reference> references() {
        List<Reference> references = new ArrayList<>();
        tokens.ifPresent(ref -> references.add(new Reference(TOKENS_FIELD, ref)));
        secret.ifPresent(ref -> references.add(new Reference(SECRET_FIELD, ref)));
        return references;
    }

    /** The commander's and the view's auth env: names, plain settings and Secret references, never a secret. */
    public List<EnvVar> env() {
        if (mode.isEmpty()) {
            return List.of();
        }
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(AuthEnvironment.MODE,
                mode.get() == AuthMode.STATIC ? AuthEnvironment.MODE_STATIC : AuthEnvironment.MODE_JWT, null));
        tokens.ifPresent(ref -> env.add(fromSecret(AuthEnvironment.TOKENS, ref)));
        secret.ifPresent(ref -> env.add(fromSecret(AuthEnvironment.SECRET, ref)));
        jwksUrl.ifPresent(url -> env.add(new EnvVar(AuthEnvironment.JWKS_URL, url, null)));
        issuer.ifPresent(iss -> env.add(new EnvVar(AuthEnvironment.ISSUER, iss, null)));
        audience.ifPresent(aud -> env.add(new EnvVar(AuthEnvironment.AUDIENCE, aud, null)));
        return env;
    }

    private static EnvVar fromSecret(String name, SecretKeyRef ref) {
        // not optional: a pod without its tokens would start open, so it waits for the Secret instead
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(ref.getName()).withKey(ref.getKey())
                .endSecretKeyRef().endValueFrom().build();
    }
}
