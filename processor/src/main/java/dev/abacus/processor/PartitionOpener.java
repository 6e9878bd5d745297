package dev.abacus.processor;

import dev.abacus.processor.ProcessorStatus.PartitionStatus;
import dev.abacus.processor.ProcessorStatus.Phase;
import dev.abacus.support.kafka.KafkaClientMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the commands partitions assigned to the loop: fences each one's previous owner, rebuilds its state
 * ({@link PartitionRebuild}) and seeks to the group's committed offset. A partition stays paused until it is open;
 * one that cannot open yet is tried again on {@link RetryBackoff}'s schedule, one that was fenced after the next
 * rebalance. Used by the loop thread only.
 */
final class PartitionOpener {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOpener.class);
    private static final Duration REPLAY_STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FENCED_PATIENCE = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final ProcessorClientConfigs clients;
    private final TopologyCheck topology;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaClientMeters kafkaMeters;
    private final ProcessorMetrics metrics;
    private final ConcurrentMap<Integer, PartitionStatus> statuses;
    private final Clock clock;
    private final PartitionRebuild rebuild;
    private final Map<Integer, OpenRetry> unopened = new HashMap<>();
    private long rebalances;

    PartitionOpener(ProcessorConfig config, ProcessorClientConfigs clients, TopologyCheck topology,
            KafkaConsumer<String, byte[]> consumer, KafkaClientMeters kafkaMeters, ProcessorMetrics metrics,
            ConcurrentMap<Integer, PartitionStatus> statuses, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.topology = topology;
        this.consumer = consumer;
        this.kafkaMeters = kafkaMeters;
        this.metrics = metrics;
        this.statuses = statuses;
        this.clock = clock;
        this.rebuild = new PartitionRebuild(config, clients, REPLAY_STALL_TIMEOUT);
    }

    /** A rebalance ended and {@code partitions} are newly ours: pause them until each is open. */
    void assigned(Collection<TopicPartition> partitions) {
        rebalances++;
        consumer.pause(partitions);
        for (TopicPartition tp : partitions) {
            unopened.put(tp.partition(), OpenRetry.first());
            statuses.put(tp.partition(), new PartitionStatus(tp.partition(), Phase.REBUILDING, 0, 0, 0, null));
        }
        if (!partitions.isEmpty()) {
            topology.ok(true);
        }
    }

    /** The partition is no longer ours. */
    void forget(int partition) {
        unopened.remove(partition);
        statuses.remove(partition);
    }

    /** Its transaction failed: reopen it (fence, rebuild, seek to the committed offset) after the first backoff. */
    void reopenAfterBackoff(int partition, RuntimeException cause) {
        retryLater(partition, OpenRetry.first(), cause);
    }

    /**
     * Another owner fenced it, or the group moved on to a new generation: the rebalance that follows says whether
     * the partition is still ours. Reopening before it would fence the rightful owner.
     */
    void reopenAfterRebalance(int partition, KafkaException cause) {
        unopened.put(partition, OpenRetry.fencedAt(rebalances, clock.instant().plus(FENCED_PATIENCE)));
        consumer.pause(List.of(new TopicPartition(config.commandsTopic(), partition)));
        statuses.put(partition, new PartitionStatus(partition, Phase.FENCED, 0, 0, 0, cause.toString()));
    }

    /**
     * Opens, one after another while {@code running} holds, each assigned partition whose retry is due, and hands
     * each to {@code opened} before it resumes; forgets those no longer assigned. Opens nothing while the topics
     * are not co-partitioned.
     */
    void openDue(BooleanSupplier running, Consumer<PartitionWorker> opened) {
        if (unopened.isEmpty()) {
            return;
        }
        if (!topology.ok(false)) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        Instant now = clock.instant();
        for (Map.Entry<Integer, OpenRetry> entry : new TreeMap<>(unopened).entrySet()) {
            int partition = entry.getKey();
            OpenRetry retry = entry.getValue();
            if (!assigned.contains(new TopicPartition(config.commandsTopic(), partition))) {
                forget(partition);
            } else if (retry.due(now, rebalances) && running.getAsBoolean()) {
                open(partition, retry, opened);
            }
        }
    }

    /** Fences the partition's previous owner, rebuilds its state, and resumes at the committed offset. */
    private void open(int partition, OpenRetry retry, Consumer<PartitionWorker> opened) {
        TopicPartition tp = new TopicPartition(config.commandsTopic(), partition);
        statuses.put(partition, new PartitionStatus(partition, Phase.REBUILDING, 0, 0, 0, null));
        PartitionTransactions transactions = null;
        try {
            long started = System.nanoTime();
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer(partition),
                    new StringSerializer(), new ByteArraySerializer());
            transactions = new PartitionTransactions(producer, tp);
            transactions.fencePreviousOwner();
            PartitionRebuild.Rebuilt rebuilt = rebuild.rebuild(partition, topology.commandPartitions(),
                    topology.eventsTopicId());
            PartitionState state = rebuilt.state();
            long events = rebuilt.events();
            OffsetAndMetadata committed = consumer.committed(Set.of(tp)).get(tp);
            if (committed != null) {
                consumer.seek(tp, committed);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            PartitionWorker worker = new PartitionWorker(tp, transactions, rebuilt, millis, metrics,
                    metrics.partitionValues(partition, () -> valuesOf(partition)), kafkaMeters.bind(producer));
            opened.accept(worker);
            unopened.remove(partition);
            consumer.resume(List.of(tp));
            metrics.rebuilt(Duration.ofMillis(millis), events);
            if (rebuilt.fromSnapshot()) {
                metrics.snapshotRestored();
            }
            statuses.put(partition, worker.ready());
            LOG.info("processor {} owns {}: {} values from {} in {} ms, resuming at offset {}",
                    config.instanceId(), tp, state.valueCount(), rebuilt.fromSnapshot()
                            ? String.format(Locale.ROOT, "a snapshot of %d entries at events offset %d, then %d events",
                                    rebuilt.snapshotEntries(), rebuilt.snapshotOffset(), events)
                            : events + " events",
                    millis, committed == null ? "0 (no committed offset)" : committed.offset());
        } catch (WakeupException | InterruptException e) {
            closeAbandoned(transactions);
            throw e;
        } catch (RuntimeException e) {
            closeAbandoned(transactions);
            LOG.warn("processor {} cannot open {} yet: {}", config.instanceId(), tp, e.toString());
            retryLater(partition, retry, e);
        }
    }

    private void retryLater(int partition, OpenRetry previous, RuntimeException cause) {
        OpenRetry retry = previous.next(clock.instant());
        unopened.put(partition, retry);
        consumer.pause(List.of(new TopicPartition(config.commandsTopic(), partition)));
        statuses.put(partition, new PartitionStatus(partition, Phase.RETRYING, 0, 0, 0, cause.toString()));
    }

    private int valuesOf(int partition) {
        PartitionStatus status = statuses.get(partition);
        return status == null ? 0 : status.values();
    }

    private static void closeAbandoned(PartitionTransactions transactions) {
        if (transactions != null) {
            transactions.close(Duration.ZERO);
        }
    }

    /** Closes the replay consumers. */
    void close(Duration timeout) {
        rebuild.close(timeout);
    }
}
