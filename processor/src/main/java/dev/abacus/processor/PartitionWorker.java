package dev.abacus.processor;

import dev.abacus.processor.ProcessorStatus.PartitionStatus;
import dev.abacus.processor.ProcessorStatus.Phase;
import dev.abacus.support.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/** One owned commands partition: its transactions and the state rebuilt for it. */
final class PartitionWorker {

    final TopicPartition commands;
    final PartitionTransactions transactions;
    final PartitionState state;
    final long eventsReplayed;
    final long rebuildMillis;
    private final Gauge valuesGauge;
    private final ProcessorMetrics metrics;
    private final KafkaClientMeters.Bound producerMeters;

    PartitionWorker(
            TopicPartition commands,
            PartitionTransactions transactions,
            PartitionState state,
            long eventsReplayed,
            long rebuildMillis,
            ProcessorMetrics metrics,
            Gauge valuesGauge,
            KafkaClientMeters.Bound producerMeters) {
        this.commands = commands;
        this.transactions = transactions;
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

    PartitionStatus ready() {
        return new PartitionStatus(partition(), Phase.READY, state.valueCount(), eventsReplayed, rebuildMillis, null);
    }

    /** Closes the producer; with {@link Duration#ZERO} an open transaction is left for the next owner to abort. */
    void close(Duration timeout) {
        metrics.remove(valuesGauge);
        producerMeters.close();
        transactions.close(timeout);
    }
}
