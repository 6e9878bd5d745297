package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a view copy answered the operator's progress probe. */
public enum ProgressState {
    @JsonProperty("Reported")
    REPORTED,
    @JsonProperty("Unknown")
    UNKNOWN
}
