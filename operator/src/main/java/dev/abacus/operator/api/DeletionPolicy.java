package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What deleting a pipeline does to its topics. */
public enum DeletionPolicy {
    @JsonProperty("Retain")
    RETAIN,
    @JsonProperty("Delete")
    DELETE
}
