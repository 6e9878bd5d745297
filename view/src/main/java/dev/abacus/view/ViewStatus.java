package dev.abacus.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * What a view copy has read: its generation, whether it is ready, how many events it applied or
 * skipped (duplicates plus malformed records), how long its replay took (-1 while replaying) and
 * where it stands on every partition.
 */
@Introspected
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ViewStatus(
        String generation,
        String topic,
        boolean ready,
        boolean caughtUp,
        boolean alive,
        long eventsApplied,
        long eventsSkipped,
        long duplicates,
        long malformed,
        long versionGaps,
        long values,
        long lag,
        long replayMillis,
        List<Partition> partitions) {

    /** Progress on one partition of the events topic. */
    @Introspected
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Partition(int partition, long position, long endOffset, long startupEndOffset, long lag) {}
}
