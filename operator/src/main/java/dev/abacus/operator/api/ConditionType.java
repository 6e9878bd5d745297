package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The condition types a pipeline reports. */
public enum ConditionType {
    @JsonProperty("Ready")
    READY,
    @JsonProperty("TopicsReady")
    TOPICS_READY,
    @JsonProperty("CommanderAvailable")
    COMMANDER_AVAILABLE,
    @JsonProperty("ProcessorAvailable")
    PROCESSOR_AVAILABLE,
    @JsonProperty("ViewAvailable")
    VIEW_AVAILABLE,
    @JsonProperty("ViewRebuilding")
    VIEW_REBUILDING,
    @JsonProperty("AuthReady")
    AUTH_READY
}
