package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes condition status. */
public enum ConditionStatus {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN
}
