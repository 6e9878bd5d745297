package dev.abacus.view;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The view copy's meters ({@code abacus.view.*}), read from the projector and the store when scraped. */
final class ViewMetrics {

    private final MeterRegistry registry;
    private final EventProjector projector;

    ViewMetrics(MeterRegistry registry, EventProjector projector, ValueStore store) {
        this.registry = registry;
        this.projector = projector;
        counter("applied", EventProjector::applied);
        counter("duplicate", EventProjector::duplicates);
        counter("malformed", EventProjector::malformed);
        FunctionCounter.builder("abacus.view.version.gaps", projector, EventProjector::gaps)
                .description("events refused because their version skipped one or more versions (also counted as malformed)")
                .register(registry);
        Gauge.builder("abacus.view.values", store, ValueStore::size)
                .description("values held by this view copy")
                .register(registry);
        Gauge.builder("abacus.view.lag", projector, p -> p.progress().lag())
                .description("records between the applied positions and the read-committed log end")
                .baseUnit("records")
                .register(registry);
        Gauge.builder("abacus.view.ready", projector, p -> p.ready() ? 1 : 0)
                .description("1 once this copy has caught up and may take traffic")
                .register(registry);
    }

    /** Per-partition gauges for partitions {@code from} (inclusive) to {@code to} (exclusive) of the events topic. */
    void partitions(int from, int to) {
        for (int partition = from; partition < to; partition++) {
            partitionGauge("abacus.view.partition.position", partition, PartitionProgress::position);
            partitionGauge("abacus.view.partition.end.offset", partition, PartitionProgress::endOffset);
            partitionGauge("abacus.view.partition.lag", partition, PartitionProgress::lag);
        }
    }

    private void counter(String outcome, ToDoubleFunction<EventProjector> count) {
        FunctionCounter.builder("abacus.view.events", projector, count)
                .description("event records read, by what became of them")
                .tag("outcome", outcome)
                .register(registry);
    }

    private void partitionGauge(String name, int partition, ToDoubleFunction<PartitionProgress> reading) {
        Gauge.builder(name, projector, p -> {
                    PartitionProgress progress = p.progress().partition(partition);
                    return progress == null ? Double.NaN : reading.applyAsDouble(progress);
                })
                .tag("topic", projector.topic())
                .tag("partition", String.valueOf(partition))
                .register(registry);
    }
}
