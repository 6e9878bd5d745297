package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where the static bearer tokens are kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthTokensSpec {

    @Required
    @JsonPropertyDescription("The Secret key holding the tokens: comma-separated [name:]token [scope ...] entries, "
            + "e.g. 'ci:s3cret,reader:0ther abacus:values:read' (an entry without scopes grants all of them). The "
            + "commander and the view read it from env ABACUS_AUTH_TOKENS, which the kubelet fills from the Secret; "
            + "the operator only checks that the key exists.")
    private SecretKeyRef secretKeyRef;

    public AuthTokensSpec() {
    }

    public AuthTokensSpec(SecretKeyRef secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    public SecretKeyRef getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }
}
