package dev.abacus.processor;

import dev.abacus.processor.PartitionTransactions.TransactionOutcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a partition's state to the snapshots topic, in a transaction of its own on the partition's producer, once
 * it has folded at least {@link ProcessorConfig#snapshotMinEvents()} events since the last snapshot and at least as
 * many as that snapshot held entries: so writing snapshots costs at most about one entry per event, and a new owner
 * replays at most about that many events after the snapshot it reads. Used by the loop thread only.
 */
final class SnapshotWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final ProcessorConfig config;
    private final TopologyCheck topology;
    private final ProcessorMetrics metrics;

    SnapshotWriter(ProcessorConfig config, TopologyCheck topology, ProcessorMetrics metrics) {
        this.config = config;
        this.topology = topology;
        this.metrics = metrics;
    }

    boolean due(PartitionWorker worker) {
        return worker.eventsSinceSnapshot() >= Math.max(config.snapshotMinEvents(), worker.snapshotEntries());
    }

    /**
     * Snapshots the worker's committed state. {@link TransactionOutcome.Aborted} leaves the last snapshot in place
     * and the next is tried after another interval; the caller handles a fenced or failed producer as it would a
     * batch's.
     */
    TransactionOutcome write(PartitionWorker worker) {
        long started = System.nanoTime();
        PartitionState state = worker.state;
        SnapshotCodec.Header header = new SnapshotCodec.Header(worker.partition(), topology.commandPartitions(),
                topology.eventsTopicId(), worker.eventsEnd(), state.bound());
        long entries = (long) state.valueCount() + state.decidedCommandCount();
        int[] chunks = {0};
        TransactionOutcome ended = worker.transactions.runAlone(() -> chunks[0] = SnapshotStore.write(
                config.snapshotsTopic(), worker.transactions, header, state, worker.snapshotChunks()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (ended instanceof TransactionOutcome.Committed) {
            worker.snapshotted(entries, chunks[0]);
            metrics.snapshotWritten(took);
            LOG.info("processor {} snapshotted partition {}: {} values and {} remembered commands up to events offset"
                    + " {}, {} chunks in {} ms", config.instanceId(), worker.partition(), state.valueCount(),
                    state.decidedCommandCount(), header.eventsOffset(), chunks[0], took.toMillis());
        } else if (ended instanceof TransactionOutcome.Aborted aborted) {
            worker.snapshotSkipped();
            metrics.snapshotFailed();
            LOG.warn("processor {}: snapshot of partition {} did not commit; the last one stays and the next is tried"
                    + " after another {} events: {}", config.instanceId(), worker.partition(),
                    Math.max(config.snapshotMinEvents(), worker.snapshotEntries()), aborted.cause().toString());
        } else {
            metrics.snapshotFailed();
        }
        return ended;
    }
}
