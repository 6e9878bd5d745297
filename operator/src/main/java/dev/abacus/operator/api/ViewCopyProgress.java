package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How far one view generation has replayed the event log, as its {@code GET /view/status} last said. Informational:
 * the switch is decided on Deployment availability (the copy's readiness), never on these numbers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ViewCopyProgress {

    @JsonPropertyDescription("View generation probed.")
    private Integer generation;

    @JsonPropertyDescription("Reported when the copy answered; Unknown when it could not be reached or answered "
            + "something unusable (see message). The other fields are absent when Unknown.")
    private ProgressState state;

    @JsonPropertyDescription("Whether the copy reports itself ready (caught up, and lag within threshold for the sustain "
            + "window).")
    private Boolean ready;

    @JsonPropertyDescription("Whether the copy has applied every partition up to the end offsets it saw at start-up.")
    private Boolean caughtUp;

    @JsonPropertyDescription("Events the copy has applied since it started replaying from offset 0.")
    private Long eventsApplied;

    @JsonPropertyDescription("Events between the copy's positions and the log end, summed over partitions.")
    private Long lag;

    @JsonPropertyDescription("When the operator probed the copy (RFC 3339).")
    private String observedAt;

    @JsonPropertyDescription("Why the progress is unknown.")
    private String message;

    public Integer getGeneration() {
        return generation;
    }

    public void setGeneration(Integer generation) {
        this.generation = generation;
    }

    public ProgressState getState() {
        return state;
    }

    public void setState(ProgressState state) {
        this.state = state;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public Boolean getCaughtUp() {
        return caughtUp;
    }

    public void setCaughtUp(Boolean caughtUp) {
        this.caughtUp = caughtUp;
    }

    public Long getEventsApplied() {
        return eventsApplied;
    }

    public void setEventsApplied(Long eventsApplied) {
        this.eventsApplied = eventsApplied;
    }

    public Long getLag() {
        return lag;
    }

    public void setLag(Long lag) {
        this.lag = lag;
    }

    public String getObservedAt() {
        return observedAt;
    }

    public void setObservedAt(String observedAt) {
        this.observedAt = observedAt;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
