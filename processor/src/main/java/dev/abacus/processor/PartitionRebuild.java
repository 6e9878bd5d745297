package dev.abacus.processor;

import dev.abacus.processor.EventLogReader.Range;
import dev.abacus.processor.SnapshotCodec.Header;
import dev.abacus.processor.SnapshotStore.Stored;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one partition's state after its previous owner was fenced: from its newest usable snapshot and the
 * events after it when snapshots are on, else (or when the snapshot does not fit this log) from the whole events
 * partition. The events stay the source of truth: a snapshot is only a fold of a prefix of them. Used by the loop
 * thread only.
 */
final class PartitionRebuild implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRebuild.class);

    private final ProcessorConfig config;
    private final EventLogReader eventLog;
    private final SnapshotStore snapshots;

    PartitionRebuild(ProcessorConfig config, ProcessorClientConfigs clients, Duration stallTimeout) {
        this.config = config;
        this.eventLog = new EventLogReader(clients.reader("events-replay"), config.eventsTopic(), stallTimeout);
        this.snapshots = config.snapshots()
                ? new SnapshotStore(clients.reader("snapshots"), config.snapshotsTopic(), stallTimeout)
                : null;
    }

    /**
     * A partition's rebuilt state: {@code events} folded after the snapshot (all of them without one), up to events
     * offset {@code eventsEnd}; {@code snapshotEntries} and {@code snapshotChunks} describe the snapshot it started
     * from, 0 without one.
     */
    record Rebuilt(PartitionState state, long events, long eventsEnd, long snapshotOffset, long snapshotEntries,
            int snapshotChunks) {
        boolean fromSnapshot() {
            return snapshotOffset >= 0;
        }
    }

    Rebuilt rebuild(int partition, int partitions, Uuid eventsTopicId) {
        Optional<Stored> stored = snapshots == null ? Optional.empty() : snapshots.latest(partition);
        Range log = eventLog.offsets(partition);
        if (stored.isPresent()) {
            Header header = stored.get().snapshot().header();
            String unfit = unfit(header, partition, partitions, eventsTopicId, log);
            if (unfit == null) {
                PartitionState state = stored.get().snapshot().state();
                long tail = eventLog.replay(partition, partitions, state, header.eventsOffset(), log.end());
                return new Rebuilt(state, tail, log.end(), header.eventsOffset(), stored.get().snapshot().entries(),
                        stored.get().chunks());
            }
            LOG.warn("processor {}: the snapshot of partition {} on {} does not fit ({}); replaying the whole events"
                    + " partition", config.instanceId(), partition, config.snapshotsTopic(), unfit);
        }
        PartitionState state = new PartitionState(config.idempotency());
        long events = eventLog.replay(partition, partitions, state, log.start(), log.end());
        return new Rebuilt(state, events, log.end(), -1, 0, stored.map(Stored::chunks).orElse(0));
    }

    /** Why a snapshot cannot stand for this partition's prefix of the log, or null when it can. */
    private String unfit(Header header, int partition, int partitions, Uuid eventsTopicId, Range log) {
        if (header.partition() != partition || header.partitions() != partitions) {
            return "it is of partition " + header.partition() + " of " + header.partitions();
        }
        if (!header.eventsTopicId().equals(eventsTopicId)) {
            return "it folds events topic " + header.eventsTopicId() + ", not " + eventsTopicId;
        }
        if (!header.bound().equals(config.idempotency())) {
            return "it remembers commands under " + header.bound() + ", not " + config.idempotency();
        }
        if (header.eventsOffset() < log.start() || header.eventsOffset() > log.end()) {
            return "it folds events up to offset " + header.eventsOffset() + ", outside the log's " + log.start()
                    + ".." + log.end();
        }
        return null;
    }

    void close(Duration timeout) {
        eventLog.close(timeout);
        if (snapshots != null) {
            snapshots.close(timeout);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
