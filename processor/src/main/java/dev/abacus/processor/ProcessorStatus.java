package dev.abacus.processor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * A snapshot of one processor: {@code ready} only while its loop runs, it has joined the group,
 * and every assigned partition has been rebuilt; {@code problem} says why not.
 */
@Introspected
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProcessorStatus(
        String instanceId,
        boolean alive,
        boolean ready,
        String problem,
        long valuesHeld,
        List<PartitionStatus> partitions) {

    /**
     * Where a partition is: being rebuilt, deciding, waiting to retry after an error, fenced by another
     * owner, or stalled (ready, but its position stands still below the log end).
     */
    public enum Phase {
        REBUILDING,
        READY,
        RETRYING,
        FENCED,
        STALLED
    }

    /** One assigned commands partition. */
    @Introspected
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PartitionStatus(
            int partition, Phase phase, int values, long eventsReplayed, long rebuildMillis, String lastError) {}
}
