package dev.abacus.processor;

import dev.abacus.support.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/** One owned commands partition: its transactional producer and the state rebuilt for it. */
final class PartitionWorker {

    final TopicPartition commands;
    final KafkaProducer<String, byte[]> producer;
    final PartitionState state;
    final long eventsReplayed;
    final long rebuildMillis;
    private final Gauge valuesGauge;
    private final ProcessorMetrics metrics;
    private final KafkaClientMeters.Bound producerMeters;

    PartitionWorker(
            TopicPartition commands,
            KafkaProducer<String, byte[]> producer,
            PartitionState state,
            long eventsReplayed,
            long rebuildMillis,
            ProcessorMetrics metrics,
            Gauge valuesGauge,
            KafkaClientMeters.Bound producerMeters) {
        this.commands = commands;
        this.producer = producer;
        this.state = state;
        this.eventsReplayed = eventsReplayed;
        this.rebuildMillis = rebuildMillis;
        this.metrics = metrics;
        this.valuesGauge = valuesGauge;
        this.producerMeters = producerMeters;
    }

    int partition() {
        return commands.partition();
    }

    /** Closes the producer; with {@link Duration#ZERO} an open transaction is left for the next owner to abort. */
    void close(Duration timeout) {
        metrics.remove(valuesGauge);
        producerMeters.close();
        CommandProcessor.closeQuietly(producer, timeout);
    }
}
