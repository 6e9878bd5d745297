package dev.abacus.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The view's {@code GET /view/status} answer, as the view writes it and the operator's rebuild probe reads it: the
 * copy's generation, whether it is ready, how many events it applied or skipped (duplicates plus malformed records),
 * how long its replay took (-1 while replaying) and where it stands on every partition of the events topic.
 */
public record ViewStatusDocument(
        @JsonProperty(value = "generation", required = true) String generation,
        @JsonProperty("topic") String topic,
        @JsonProperty(value = "ready", required = true) boolean ready,
        @JsonProperty(value = "caught_up", required = true) boolean caughtUp,
        @JsonProperty("alive") boolean alive,
        @JsonProperty(value = "events_applied", required = true) long eventsApplied,
        @JsonProperty("events_skipped") long eventsSkipped,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("malformed") long malformed,
        @JsonProperty("version_gaps") long versionGaps,
        @JsonProperty("values") long values,
        @JsonProperty(value = "lag", required = true) long lag,
        @JsonProperty("replay_millis") long replayMillis,
        @JsonProperty("partitions") List<Partition> partitions) {

    /** The environment variable that names a view copy's generation; the operator sets it on each copy. */
    public static final String GENERATION_ENV = "ABACUS_VIEW_GENERATION";

    /** Progress on one partition of the events topic. */
    public record Partition(
            @JsonProperty("partition") int partition,
            @JsonProperty("position") long position,
            @JsonProperty("end_offset") long endOffset,
            @JsonProperty("startup_end_offset") long startupEndOffset,
            @JsonProperty("lag") long lag) {
    }
}
