package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * SASL authentication to Kafka. The top-level user is the operator's, and every component's unless the component
 * has a user of its own; separate users are what lets ACLs tell the processor from the rest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaAuthenticationSpec {

    @Required
    @JsonPropertyDescription("The SASL mechanism: scram-sha-512, scram-sha-256 or plain.")
    private KafkaAuthenticationType type;

    @Required
    @Pattern("^[^\\s\"\\\\]+$")
    @JsonPropertyDescription("The user the operator's admin client uses, and every component without a user of its own.")
    private String username;

    @Required
    @JsonPropertyDescription("The Secret key holding that user's password.")
    private PasswordSecretRef passwordSecret;

    @JsonPropertyDescription("The commander's own user.")
    private KafkaUserSpec commander;

    @JsonPropertyDescription("The processor's own user.")
    private KafkaUserSpec processor;

    @JsonPropertyDescription("The view's own user.")
    private KafkaUserSpec view;

    public KafkaAuthenticationType getType() {
        return type;
    }

    public void setType(KafkaAuthenticationType type) {
        this.type = type;
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

    public KafkaUserSpec getCommander() {
        return commander;
    }

    public void setCommander(KafkaUserSpec commander) {
        this.commander = commander;
    }

    public KafkaUserSpec getProcessor() {
        return processor;
    }

    public void setProcessor(KafkaUserSpec processor) {
        this.processor = processor;
    }

    public KafkaUserSpec getView() {
        return view;
    }

    public void setView(KafkaUserSpec view) {
        this.view = view;
    }
}
