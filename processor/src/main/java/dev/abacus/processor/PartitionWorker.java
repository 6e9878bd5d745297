package dev.abacus.processor;

import dev.abacus.processor.ProcessorStatus.PartitionStatus;
import dev.abacus.processor.ProcessorStatus.Phase;
import dev.abacus.support.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/**
 * One owned commands partition: its transactions, the state rebuilt for it, and how far that state is ahead of the
 * partition's last snapshot.
 */
final class PartitionWorker {

    final TopicPartition commands;
    final PartitionTransactions transactions;
    final PartitionState state;
    final long eventsReplayed;
    final long rebuildMillis;
    private final Gauge valuesGauge;
    private final ProcessorMetrics metrics;
    private final KafkaClientMeters.Bound producerMeters;
    private long eventsEnd;
    private long eventsSinceSnapshot;
    private long snapshotEntries;
    private int snapshotChunks;

    PartitionWorker(
            TopicPartition commands,
            PartitionTransactions transactions,
            PartitionRebuild.Rebuilt rebuilt,
            long rebuildMillis,
            ProcessorMetrics metrics,
            Gauge valuesGauge,
            KafkaClientMeters.Bound producerMeters) {
        this.commands = commands;
        this.transactions = transactions;
        this.state = rebuilt.state();
        this.eventsReplayed = rebuilt.events();
        this.eventsEnd = rebuilt.eventsEnd();
        this.eventsSinceSnapshot = rebuilt.events();
        this.snapshotEntries = rebuilt.snapshotEntries();
        this.snapshotChunks = rebuilt.snapshotChunks();
        this.rebuildMillis = rebuildMillis;
        this.metrics = metrics;
        this.valuesGauge = valuesGauge;
        this.producerMeters = producerMeters;
    }

    int partition() {
        return commands.partition();
    }

    /** A batch committed {@code events} events, the last of them just before events offset {@code eventsEnd}. */
    void committedEvents(int events, long eventsEnd) {
        if (events > 0) {
            this.eventsSinceSnapshot += events;
            this.eventsEnd = eventsEnd;
        }
    }

    /** The events offset the state has folded up to. */
    long eventsEnd() {
        return eventsEnd;
    }

    long eventsSinceSnapshot() {
        return eventsSinceSnapshot;
    }

    long snapshotEntries() {
        return snapshotEntries;
    }

    int snapshotChunks() {
        return snapshotChunks;
    }

    /** A snapshot of the state as it is now committed, of {@code entries} entries in {@code chunks} chunks. */
    void snapshotted(long entries, int chunks) {
        eventsSinceSnapshot = 0;
        snapshotEntries = entries;
        snapshotChunks = chunks;
    }

    /** The snapshot did not commit: the last one stays, and the next is due after another interval. */
    void snapshotSkipped() {
        eventsSinceSnapshot = 0;
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
