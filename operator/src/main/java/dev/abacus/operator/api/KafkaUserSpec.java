package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One Kafka user: a name and where its password is kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaUserSpec {

    @Required
    @Pattern("^[^\\s\"\\\\]+$")
    @JsonPropertyDescription("The Kafka user name (principal User:<username>).")
    private String username;

    @Required
    @JsonPropertyDescription("The Secret key holding the user's password. It is mounted as a file, never copied.")
    private PasswordSecretRef passwordSecret;

    public KafkaUserSpec() {
    }

    public KafkaUserSpec(String username, PasswordSecretRef passwordSecret) {
        this.username = username;
        this.passwordSecret = passwordSecret;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public PasswordSecretRef getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(PasswordSecretRef passwordSecret) {
        this.passwordSecret = passwordSecret;
    }
}
