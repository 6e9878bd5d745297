package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Phases of the blue-green view rebuild state machine. */
public enum ViewPhase {
    @JsonProperty("Stable")
    STABLE,
    @JsonProperty("Provisioning")
    PROVISIONING,
    @JsonProperty("CatchingUp")
    CATCHING_UP,
    @JsonProperty("Switching")
    SWITCHING,
    @JsonProperty("Draining")
    DRAINING,
    @JsonProperty("Aborted")
    ABORTED;

    public boolean rebuilding() {
        return this == PROVISIONING || this == CATCHING_UP || this == SWITCHING || this == DRAINING;
    }
}
