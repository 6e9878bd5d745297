package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a view rebuild ended, as written in {@link RebuildRecord#getOutcome()}. The record stores the wire name, so a
 * newer operator's outcome stays readable by an older one.
 */
public enum RebuildOutcome {
    /** The new generation took over the view Service and the previous one was drained. */
    @JsonProperty("Completed")
    COMPLETED,
    /** The new generation was given up (deadline, or a person asked); the active generation kept serving. */
    @JsonProperty("Aborted")
    ABORTED,
    /** The spec went back to the active generation's template before the switch. */
    @JsonProperty("Cancelled")
    CANCELLED,
    /** The spec changed again before the switch; a newer rebuild replaced this one. */
    @JsonProperty("Superseded")
    SUPERSEDED
}
