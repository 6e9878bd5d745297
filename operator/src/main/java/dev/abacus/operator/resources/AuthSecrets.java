package dev.abacus.operator.resources;

import dev.abacus.operator.api.AuthMode;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Whether the Secret keys a pipeline's {@code spec.auth} references exist, as the {@code AuthReady} condition. The
 * pods read them through {@code valueFrom.secretKeyRef}; without them the kubelet does not start the commander and
 * view pods, which is what keeps them from serving open. The operator reads a Secret only to see that the key is there
 * (and, for the HS256 secret, how many bytes it has): messages name Secrets and keys, never a value.
 */
public final class AuthSecrets {

    /** HS256 needs a key of at least 256 bits; the services refuse to start with less. */
    public static final int MIN_HS256_SECRET_BYTES = 32;

    private AuthSecrets() {
    }

    /** Empty when the pipeline declares no auth mode. */
    public static Optional<Condition> check(KubernetesClient client, PipelineModel model) {
        HttpAuth auth = model.auth();
        if (!auth.declared()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (HttpAuth.Reference reference : auth.references()) {
            SecretKeyRef ref = reference.ref();
            String where = "Secret " + model.namespace() + "/" + ref.getName();
            Secret secret;
            try {
                secret = client.secrets().inNamespace(model.namespace()).withName(ref.getName()).get();
            } catch (KubernetesClientException e) {
                missing.add("cannot read " + where + " (" + reference.field() + ", key " + ref.getKey() + "): HTTP "
                        + e.getCode() + (e.getStatus() == null || e.getStatus().getReason() == null ? ""
                        : " " + e.getStatus().getReason()));
                continue;
            }
            if (secret == null) {
                missing.add(where + " not found (" + reference.field() + ", key " + ref.getKey() + ")");
                continue;
            }
            String encoded = secret.getData() == null ? null : secret.getData().get(ref.getKey());
            if (encoded == null) {
                missing.add(where + " has no key " + ref.getKey() + " (" + reference.field() + ")");
                continue;
            }
            if (reference.hs256Secret()) {
                int bytes = decodedLength(encoded);
                if (bytes < MIN_HS256_SECRET_BYTES) {
                    invalid.add("key " + ref.getKey() + " of " + where + " (" + reference.field() + ") holds " + bytes
                            + " bytes; an HS256 secret needs at least " + MIN_HS256_SECRET_BYTES);
                }
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(new Condition(ConditionType.AUTH_READY, ConditionStatus.FALSE,
                    ConditionReason.SECRET_NOT_FOUND, String.join("; ", missing)
                    + "; the commander and view pods cannot start until it exists"));
        }
        if (!invalid.isEmpty()) {
            return Optional.of(new Condition(ConditionType.AUTH_READY, ConditionStatus.FALSE,
                    ConditionReason.INVALID_SPEC, String.join("; ", invalid)));
        }
        return Optional.of(new Condition(ConditionType.AUTH_READY, ConditionStatus.TRUE,
                ConditionReason.AUTH_CONFIGURED, describe(auth)));
    }

    private static String describe(HttpAuth auth) {
        List<String> parts = new ArrayList<>();
        parts.add("mode " + (auth.mode().orElseThrow() == AuthMode.STATIC ? "Static" : "Jwt")
                + " on the commander and the view");
        auth.tokens().ifPresent(ref -> parts.add("tokens from Secret " + ref.getName() + " key " + ref.getKey()));
        auth.secret().ifPresent(ref -> parts.add("HS256 secret from Secret " + ref.getName() + " key " + ref.getKey()));
        auth.jwksUrl().ifPresent(url -> parts.add("keys from " + url));
        return String.join(", ", parts);
    }

    private static int decodedLength(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded).length;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
