package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Replica counts of one component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {

    @JsonPropertyDescription("Replicas the operator asked for.")
    private Integer replicas;

    @JsonPropertyDescription("Replicas that are available (ready for at least minReadySeconds).")
    private Integer availableReplicas;

    @JsonPropertyDescription("Set only when the operator runs fewer replicas than spec asks for: the spec value. "
            + "The processor is capped at the partition count.")
    private Integer requestedReplicas;

    @JsonPropertyDescription("Image the operator runs.")
    private String image;

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getAvailableReplicas() {
        return availableReplicas;
    }

    public void setAvailableReplicas(Integer availableReplicas) {
        this.availableReplicas = availableReplicas;
    }

    public Integer getRequestedReplicas() {
        return requestedReplicas;
    }

    public void setRequestedReplicas(Integer requestedReplicas) {
        this.requestedReplicas = requestedReplicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }
}
