package dev.abacus.support.kafka;

import dev.abacus.support.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds Kafka clients' own metrics to Micrometer, keeping only the ones worth a dashboard or an alert ({@link #KEPT}:
 * consumer lag, producer errors and retries, transaction times): a client has some 150 metrics, and the processor runs
 * a producer per partition. One refresh thread serves every client bound here. Micronaut applies the filter to its
 * registry (KeptKafkaMeters); a registry made by hand needs {@link #ONLY_KEPT} added before its first meter.
 */
public final class KafkaClientMeters implements AutoCloseable {

    static final Set<String> KEPT = Set.of(
            "kafka.consumer.fetch.manager.records.lag.max",
            "kafka.consumer.fetch.manager.records.lag",
            "kafka.consumer.fetch.manager.records.consumed.total",
            "kafka.consumer.coordinator.rebalance.total",
            "kafka.consumer.coordinator.failed.rebalance.total",
            "kafka.producer.record.send.total",
            "kafka.producer.record.error.total",
            "kafka.producer.record.retry.total",
            "kafka.producer.request.latency.avg",
            "kafka.producer.txn.begin.time.ns.total",
            "kafka.producer.txn.send.offsets.time.ns.total",
            "kafka.producer.txn.commit.time.ns.total",
            "kafka.producer.txn.abort.time.ns.total");

    /** Denies every {@code kafka.*} meter not in {@link #KEPT}; other meters are left to other filters. */
    public static final MeterFilter ONLY_KEPT = new MeterFilter() {
        @Override
        public MeterFilterReply accept(Meter.Id id) {
            return !id.getName().startsWith("kafka.") || KEPT.contains(id.getName())
                    ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
        }
    };

    /** A client's meters, removed by {@link #close()}. */
    public interface Bound extends AutoCloseable {
        @Override
        void close();
    }

    private final MeterRegistry registry;
    private final ScheduledExecutorService refresh;

    public KafkaClientMeters(MeterRegistry registry, String service) {
        this.registry = registry;
        this.refresh = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.factory("abacus-" + service + "-kafka-meters"));
    }

    /** Binds until the returned handle is closed (close it with the client, so its meters go too). */
    public Bound bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.empty(), refresh);
        metrics.bindTo(registry);
        return metrics::close;
    }

    public Bound bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer, Tags.empty(), refresh);
        metrics.bindTo(registry);
        return metrics::close;
    }

    @Override
    public void close() {
        refresh.shutdownNow();
    }
}
