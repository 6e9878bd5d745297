package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One finished view rebuild, kept in {@link ViewStatus#getHistory()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RebuildRecord {

    @JsonPropertyDescription("View generation the rebuild built.")
    private Integer generation;

    @JsonPropertyDescription("spec.view.rebuild when the rebuild started; absent when it was unset.")
    private String trigger;

    @JsonPropertyDescription("When the rebuild started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("Completed, Aborted, Cancelled or Superseded.")
    private String outcome;

    @JsonPropertyDescription("Why it ended so, in CamelCase: Switched, DeadlineExceeded, AbortRequested, SpecReverted "
            + "or SpecChanged.")
    private String reason;

    @JsonPropertyDescription("Human-readable account of the ending.")
    private String message;

    public RebuildRecord() {
    }

    public RebuildRecord(Integer generation, String trigger, String startedAt, String finishedAt,
                         RebuildOutcome outcome, String reason, String message) {
        this.generation = generation;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.outcome = JsonNames.of(outcome);
        this.reason = reason;
        this.message = message;
    }

    public boolean is(RebuildOutcome candidate) {
        return JsonNames.of(candidate).equals(outcome);
    }

    public Integer getGeneration() {
        return generation;
    }

    public void setGeneration(Integer generation) {
        this.generation = generation;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof RebuildRecord r && Objects.equals(generation, r.generation)
                && Objects.equals(trigger, r.trigger) && Objects.equals(startedAt, r.startedAt)
                && Objects.equals(finishedAt, r.finishedAt) && Objects.equals(outcome, r.outcome)
                && Objects.equals(reason, r.reason) && Objects.equals(message, r.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(generation, trigger, startedAt, finishedAt, outcome, reason, message);
    }

    @Override
    public String toString() {
        return "RebuildRecord[generation=" + generation + ", outcome=" + outcome + ", reason=" + reason + "]";
    }
}
