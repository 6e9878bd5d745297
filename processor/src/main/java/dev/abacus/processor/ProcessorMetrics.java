package dev.abacus.processor;

import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The processor's Micrometer meters, all named {@code abacus.processor.*}. */
final class ProcessorMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Counter duplicates;
    private final Counter poison;
    private final Counter forwarded;
    private final Counter commits;
    private final Counter aborts;
    private final Timer rebuildDuration;
    private final Counter eventsReplayed;
    private final Timer snapshotWrites;
    private final Counter snapshotFailures;
    private final Counter snapshotsRestored;

    ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("abacus.processor.commands")
                .description("Commands decided, by result")
                .tag("result", "accepted")
                .tag("reason", "none")
                .register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder("abacus.processor.commands")
                    .description("Commands decided, by result")
                    .tag("result", "rejected")
                    .tag("reason", reason.name())
                    .register(registry));
        }
        this.duplicates = Counter.builder("abacus.processor.duplicates")
                .description("Retried commands answered from an earlier decision")
                .register(registry);
        this.poison = Counter.builder("abacus.processor.poison.records")
                .description("Command records that could not be read as commands")
                .register(registry);
        this.forwarded = Counter.builder("abacus.processor.forwarded")
                .description("Commands found off their value's home partition and forwarded there")
                .register(registry);
        this.commits = Counter.builder("abacus.processor.transactions")
                .description("Transactions, by result")
                .tag("result", "committed")
                .register(registry);
        this.aborts = Counter.builder("abacus.processor.transactions")
                .description("Transactions, by result")
                .tag("result", "aborted")
                .register(registry);
        this.rebuildDuration = Timer.builder("abacus.processor.rebuild.duration")
                .description("Time to rebuild a partition's state from the events topic")
                .register(registry);
        this.eventsReplayed = Counter.builder("abacus.processor.rebuild.events")
                .description("Events replayed while rebuilding partition state")
                .register(registry);
        this.snapshotWrites = Timer.builder("abacus.processor.snapshot.writes")
                .description("Committed snapshot transactions of partition state and the time each took")
                .register(registry);
        this.snapshotFailures = Counter.builder("abacus.processor.snapshot.failures")
                .description("Snapshot transactions that did not commit (the next is tried after another interval)")
                .register(registry);
        this.snapshotsRestored = Counter.builder("abacus.processor.snapshot.restored")
                .description("Partitions rebuilt from a snapshot and the events after it instead of the whole log")
                .register(registry);
    }

    void decided(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted acceptedOutcome) {
            if (acceptedOutcome.duplicate()) {
                duplicates.increment();
            } else {
                accepted.increment();
            }
        } else {
            rejected.get(((Outcome.Rejected) outcome).reason()).increment();
        }
    }

    void poisonRecord() {
        poison.increment();
    }

    void forwarded(int count) {
        forwarded.increment(count);
    }

    void committed() {
        commits.increment();
    }

    void aborted() {
        aborts.increment();
    }

    void rebuilt(Duration took, long events) {
        rebuildDuration.record(took);
        eventsReplayed.increment(events);
    }

    void snapshotWritten(Duration took) {
        snapshotWrites.record(took);
    }

    void snapshotFailed() {
        snapshotFailures.increment();
    }

    void snapshotRestored() {
        snapshotsRestored.increment();
    }

    /** A gauge of the values held for {@code partition}; remove it with {@link #remove(Gauge)}. */
    Gauge partitionValues(int partition, Supplier<Number> values) {
        return Gauge.builder("abacus.processor.partition.values", values)
                .description("Values held in memory for a commands partition")
                .tag("partition", String.valueOf(partition))
                .strongReference(true)
                .register(registry);
    }

    void stalledPartitions(Supplier<Number> stalled) {
        Gauge.builder("abacus.processor.stalled.partitions", stalled)
                .description("Deciding partitions whose position stands still below the log end (an open transaction)")
                .strongReference(true)
                .register(registry);
    }

    void remove(Gauge gauge) {
        if (gauge != null) {
            registry.remove(gauge);
        }
    }
}
