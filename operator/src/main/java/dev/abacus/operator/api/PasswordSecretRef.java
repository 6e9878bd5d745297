package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where a password is kept: a key of a Secret in the pipeline's namespace (Strimzi's {@code passwordSecret}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordSecretRef {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Secret, in the pipeline's namespace.")
    private String secretName;

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key within the Secret that holds the password.")
    private String password;

    public PasswordSecretRef() {
    }

    public PasswordSecretRef(String secretName, String password) {
        this.secretName = secretName;
        this.password = password;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
