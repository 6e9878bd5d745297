package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * A Kubernetes-style condition (the shape of metav1.Condition). Type and reason are stored as their wire strings, not
 * as {@link ConditionType} and {@link ConditionReason}: a status written by a newer operator, with a type or reason
 * this one does not know, must still read (and write back) unchanged after a rollback.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    @Required
    @JsonPropertyDescription("Condition type, CamelCase; this operator reports Ready, TopicsReady, "
            + "CommanderAvailable, ProcessorAvailable, ViewAvailable, ViewRebuilding and, when spec.auth sets a mode, "
            + "AuthReady.")
    private String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    private ConditionStatus status;

    @Required
    @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition or the current state.")
    private String reason;

    @JsonPropertyDescription("Human-readable details.")
    private String message;

    @JsonPropertyDescription("When the status last changed (RFC 3339, UTC).")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation this condition was computed for.")
    private Long observedGeneration;

    public Condition() {
    }

    public Condition(ConditionType type, ConditionStatus status, ConditionReason reason, String message) {
        this(JsonNames.of(type), status, JsonNames.of(reason), message);
    }

    public Condition(String type, ConditionStatus status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public boolean is(ConditionType type) {
        return JsonNames.of(type).equals(this.type);
    }

    public boolean hasReason(ConditionReason reason) {
        return JsonNames.of(reason).equals(this.reason);
    }

    @JsonIgnore
    public boolean isTrue() {
        return status == ConditionStatus.TRUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && Objects.equals(type, c.type) && status == c.status
                && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message) && Objects.equals(lastTransitionTime, c.lastTransitionTime)
                && Objects.equals(observedGeneration, c.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }

    @Override
    public String toString() {
        return type + "=" + status + "/" + reason + " (" + message + ")";
    }
}
