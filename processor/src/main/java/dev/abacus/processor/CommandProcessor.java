package dev.abacus.processor;

import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.WireCodec;
import dev.abacus.processor.PartitionTransactions.TransactionOutcome;
import dev.abacus.processor.ProcessorStatus.PartitionStatus;
import dev.abacus.processor.ProcessorStatus.Phase;
import dev.abacus.support.kafka.HomePartition;
import dev.abacus.support.kafka.KafkaClientMeters;
import dev.abacus.support.kafka.StallWatch;
import dev.abacus.support.logging.LimitedWarnings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once command loop: consumes commands (read_committed, no auto-commit), decides each
 * against state folded from the events topic, and writes events, outcomes and the consumed offsets
 * in one transaction per partition, each partition decided on its own thread ({@link PartitionPool}) and the open
 * transactions committed together when {@link CommitPacing} says. Each commands partition has its own transactional producer
 * ({@code <prefix>-<commands topic>-<partition>}), so whoever owns a partition next fences the previous owner and
 * aborts its open transaction before rebuilding state.
 *
 * <p>The consumer is used by the loop thread only. A partition's producer and state are used by its thread while it
 * has work in hand, and by the loop thread (opening, snapshots, closing) only when it has none; {@link #status()} is
 * safe from any thread.
 */
public final class CommandProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How many polls' records of a partition may be in hand before the loop waits for the oldest. */
    private static final int IN_HAND_POLLS = 4;
    /**
     * A poll of at most this share of {@code max-poll-records} means the consumer is caught up (at 5,000 commands/s a
     * poll holds tens); a backlog's polls hold hundreds to thousands, even when short of the maximum.
     */
    private static final int CAUGHT_UP_SHARE = 10;

    private final ProcessorConfig config;
    private final ProcessorClientConfigs clients;
    private final TopologyCheck topology;
    private final ProcessorMetrics metrics;
    private final MeterRegistry registry;
    private final Clock clock;

    private final LimitedWarnings poisonWarnings = new LimitedWarnings(20, 10, TimeUnit.SECONDS);
    private final Map<Integer, PartitionWorker> workers = new HashMap<>();
    private final ConcurrentMap<Integer, PartitionStatus> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, OpenBatch> open = new HashMap<>();

    private volatile boolean running;
    private volatile boolean abrupt;
    private volatile boolean joined;
    private volatile Throwable died;

    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaClientMeters kafkaMeters;
    private KafkaClientMeters.Bound consumerMeters;
    private PartitionOpener opener;
    private SnapshotWriter snapshots;
    private PartitionPool partitions;
    private CommitPacing pacing;
    private StallWatch stallWatch;

    /**
     * @param kafka the common client settings (bootstrap servers, TLS/SASL, and any tuning such as
     *     {@code session.timeout.ms}); the settings exactly-once depends on are always overridden
     */
    public CommandProcessor(ProcessorConfig config, Map<String, Object> kafka, MeterRegistry registry) {
        this(config, kafka, registry, Clock.systemUTC());
    }

    CommandProcessor(ProcessorConfig config, Map<String, Object> kafka, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clients = new ProcessorClientConfigs(config, kafka);
        this.metrics = new ProcessorMetrics(registry);
        this.registry = registry;
        this.clock = clock;
        this.topology = new TopologyCheck(config, clients, clock);
    }

    public ProcessorConfig config() {
        return config;
    }

    /** Creates the clients and starts the loop thread; returns at once (readiness tells when it decides). */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("processor " + config.instanceId() + " was already started");
        }
        consumer = new KafkaConsumer<>(clients.consumer(), new StringDeserializer(), new ByteArrayDeserializer());
        kafkaMeters = new KafkaClientMeters(registry, "processor");
        consumerMeters = kafkaMeters.bind(consumer);
        opener = new PartitionOpener(config, clients, topology, consumer, kafkaMeters, metrics, statuses, clock);
        snapshots = config.snapshots() ? new SnapshotWriter(config, topology, metrics) : null;
        partitions = new PartitionPool(config.instanceId());
        pacing = new CommitPacing(config, System.nanoTime());
        stallWatch = new StallWatch(config.commandsTopic(), config.stallTimeout(), clock,
                () -> Admin.create(clients.admin("stall-watch")));
        metrics.stalledPartitions(() -> stallWatch.stalls().size());
        running = true;
        thread = new Thread(this::run, "abacus-processor-" + config.instanceId());
        thread.setUncaughtExceptionHandler((t, e) -> died = e);
        thread.start();
        LOG.info("processor {} started: group {}, {} -> {} + {}", config.instanceId(), config.groupId(),
                config.commandsTopic(), config.eventsTopic(), config.outcomesTopic());
    }

    /** Finishes the batch in hand, closes every client and leaves the group. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Simulates a crash: interrupts the loop, never commits the transaction in hand, and closes every
     * client without waiting, so the next owner of each partition must fence and abort what is left.
     */
    public void closeAbruptly() {
        stop(true);
    }

    private synchronized void stop(boolean crash) {
        if (thread == null || !running) {
            return;
        }
        abrupt = crash;
        running = false;
        if (crash) {
            thread.interrupt();
        }
        try {
            consumer.wakeup();
            thread.join(CLOSE_TIMEOUT.toMillis() * 2);
            if (thread.isAlive()) {
                LOG.warn("processor {} loop did not stop in time; interrupting", config.instanceId());
                abrupt = true;
                thread.interrupt();
                thread.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the loop thread runs; false before {@link #start()}, after a stop, or if it died. */
    public boolean isAlive() {
        Thread loop = thread;
        return loop != null && loop.isAlive() && died == null;
    }

    public ProcessorStatus status() {
        List<PartitionStatus> partitions = withStalls(statuses.values());
        partitions.sort(Comparator.comparingInt(PartitionStatus::partition));
        boolean alive = isAlive() && running;
        String problem = null;
        if (!alive) {
            problem = died != null ? "processing loop died: " + died : "processing loop is not running";
        } else if (!joined) {
            problem = "not yet a member of consumer group " + config.groupId();
        } else if (topology.problem() != null) {
            problem = topology.problem();
        } else {
            List<Integer> notReady = partitions.stream()
                    .filter(p -> p.phase() != Phase.READY && p.phase() != Phase.STALLED)
                    .map(PartitionStatus::partition)
                    .toList();
            List<String> stalled = partitions.stream()
                    .filter(p -> p.phase() == Phase.STALLED)
                    .map(p -> "partition " + p.partition() + " of " + config.commandsTopic() + " stalled: " + p.lastError())
                    .toList();
            if (!stalled.isEmpty()) {
                problem = String.join("; ", stalled) + (notReady.isEmpty() ? "" : "; partitions not ready: " + notReady);
            } else if (!notReady.isEmpty()) {
                problem = "partitions not ready: " + notReady;
            }
        }
        long values = partitions.stream().mapToLong(PartitionStatus::values).sum();
        return new ProcessorStatus(config.instanceId(), alive, problem == null, problem, values, partitions);
    }

    private List<PartitionStatus> withStalls(Collection<PartitionStatus> partitions) {
        Map<Integer, StallWatch.Stall> stalls = stallWatch == null ? Map.of() : stallWatch.stalls();
        Instant now = clock.instant();
        List<PartitionStatus> merged = new ArrayList<>(partitions.size());
        for (PartitionStatus p : partitions) {
            StallWatch.Stall stall = stalls.get(p.partition());
            merged.add(stall == null || p.phase() != Phase.READY ? p
                    : new PartitionStatus(p.partition(), Phase.STALLED, p.values(), p.eventsReplayed(),
                            p.rebuildMillis(), stall.describe(now)));
        }
        return merged;
    }

    /** The positions of the partitions that decide: each should move whenever its log end does. */
    private Map<Integer, Long> decidingPositions() {
        Map<Integer, Long> positions = new HashMap<>();
        for (PartitionWorker worker : workers.values()) {
            PartitionStatus status = statuses.get(worker.partition());
            if (status != null && status.phase() == Phase.READY) {
                try {
                    positions.put(worker.partition(), consumer.position(worker.commands, Duration.ZERO));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // no position yet: the first fetch of the partition has not come back
                }
            }
        }
        return positions;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.commandsTopic()), new Rebalances());
            int failures = 0;
            while (running) {
                try {
                    openDuePartitions();
                    ConsumerRecords<String, byte[]> records = consumer.poll(
                            pacing.pollTimeout(System.nanoTime(), !open.isEmpty(), config.pollTimeout()));
                    process(records);
                    writeDueSnapshots();
                    stallWatch.check(this::decidingPositions);
                    failures = 0;
                } catch (FencedInstanceIdException e) {
                    died = e;
                    LOG.error("processor {}: another member of group {} joined with the same instance id; two processes"
                            + " must never share one (it is the pod name on Kubernetes)", config.instanceId(), config.groupId(), e);
                    break;
                } catch (WakeupException | InterruptException | CrashStop e) {
                    if (!running) {
                        break;
                    }
                    LOG.warn("processor {} woken up while running; continuing", config.instanceId());
                } catch (KafkaException | IllegalStateException e) {
                    Duration backoff = RetryBackoff.after(failures++);
                    LOG.error("processor {} loop error; retrying in {}", config.instanceId(), backoff, e);
                    sleep(backoff);
                }
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                died = e;
                LOG.error("processor {} loop died", config.instanceId(), e);
            }
        } finally {
            closeClients();
        }
    }

    /**
     * Hands each partition's records to the partition's thread, to be decided and sent in its open transaction (begun
     * by the first poll since the last commit) while the loop polls again, then commits every open transaction
     * together when {@link CommitPacing} says so. A partition has at most {@link #IN_HAND_POLLS} polls' records in
     * hand: beyond that the loop waits for the oldest.
     */
    private void process(ConsumerRecords<String, byte[]> records) {
        boolean caughtUp = records.count() <= config.maxPollRecords() / CAUGHT_UP_SHARE;
        for (TopicPartition tp : records.partitions()) {
            PartitionWorker worker = workers.get(tp.partition());
            if (worker != null && running) {
                try {
                    hand(worker, records.records(tp), caughtUp);
                } catch (RuntimeException e) {
                    // its records are behind the consumer's position now: only a rebuild from the committed offset
                    // decides them
                    abandon(worker, e);
                }
            }
        }
        if (!open.isEmpty() && pacing.due(System.nanoTime(), records.count())) {
            commitOpen();
        }
    }

    /**
     * Decides the records on the partition's thread; on the loop thread instead when the processor is caught up and
     * the partition has nothing in hand, as a hand-off to another thread and back only adds to a command's wait then.
     */
    private void hand(PartitionWorker worker, List<ConsumerRecord<String, byte[]>> records, boolean caughtUp) {
        OpenBatch batch = openBatch(worker);
        if (batch == null) {
            return;
        }
        long next = nextOffset(worker.commands, records.get(records.size() - 1).offset() + 1);
        if (!caughtUp || !batch.inHand.isEmpty()) {
            batch.handed(records.size(), partitions.submit(worker.partition(),
                    () -> decideAndSend(worker, records, batch, next)));
            return;
        }
        RuntimeException failed = decideAndSend(worker, records, batch, next);
        if (failed != null) {
            abandon(worker, failed);
        }
    }

    /**
     * Takes the partition's open transaction out of the next commit round, waits for what it still has in hand (it
     * sends on the producer about to close), and drops the partition for a rebuild.
     */
    private void abandon(PartitionWorker worker, RuntimeException failure) {
        awaitInHand(open.remove(worker.partition()));
        droppedAfter(worker, PartitionTransactions.outcomeOf(failure));
    }

    private static void awaitInHand(OpenBatch batch) {
        if (batch != null) {
            batch.inHand.forEach(handed -> PartitionPool.await(handed.decided(), e -> e));
        }
    }

    /**
     * The offset to commit once the poll's records up to {@code afterLast} are decided: the position when the consumer
     * knows it, as it is past the markers of transactions (ours forwarding to this partition among them) and so the
     * group's lag reaches 0 (KAFKA-6607). Right after a broker restart the position may be awaiting validation: then
     * the offset after the last record, never an exception that would leave the records undecided behind a position
     * that moved past them.
     */
    private long nextOffset(TopicPartition tp, long afterLast) {
        try {
            return Math.max(afterLast, consumer.position(tp, Duration.ZERO));
        } catch (KafkaException e) {
            return afterLast;
        }
    }

    /**
     * The partition's open transaction with its records in hand decided, begun now if none is open; null when they or
     * the beginning failed (the partition was dropped).
     */
    private OpenBatch openBatch(PartitionWorker worker) {
        OpenBatch batch = open.get(worker.partition());
        if (batch != null) {
            return settled(batch, config.maxPollRecords() * (IN_HAND_POLLS - 1)) ? batch : null;
        }
        try {
            worker.transactions.begin();
        } catch (RuntimeException e) {
            droppedAfter(worker, PartitionTransactions.outcomeOf(e));
            return null;
        }
        batch = new OpenBatch(worker);
        if (open.isEmpty()) {
            pacing.opened(System.nanoTime());
        }
        open.put(worker.partition(), batch);
        return batch;
    }

    /**
     * Waits until the batch has at most {@code inHand} records in hand, failing at once if any of them failed (the
     * partition is dropped, and false is answered).
     */
    private boolean settled(OpenBatch batch, int inHand) {
        while (!batch.inHand.isEmpty()) {
            InHand oldest = batch.inHand.peek();
            if (!oldest.decided().isDone() && batch.recordsInHand() <= inHand) {
                return true;
            }
            RuntimeException failure = PartitionPool.await(oldest.decided(), e -> e);
            batch.inHand.poll();
            if (failure != null) {
                abandon(batch.worker, failure);
                return false;
            }
        }
        return true;
    }

    /**
     * Commits every open transaction at the same time, each on its partition's thread once its records in hand are
     * decided, and waits for all: a commit round costs the slowest commit, not the sum.
     */
    private void commitOpen() {
        ConsumerGroupMetadata group = consumer.groupMetadata();
        List<OpenBatch> batches = List.copyOf(open.values());
        open.clear();
        List<Future<TransactionOutcome>> commits = new ArrayList<>(batches.size());
        for (OpenBatch batch : batches) {
            commits.add(partitions.submit(batch.worker.partition(), () -> commitAfterInHand(batch, group)));
        }
        List<TransactionOutcome> outcomes = commits.stream()
                .map(commit -> PartitionPool.await(commit, TransactionOutcome.Failed::new))
                .toList();
        pacing.committed(System.nanoTime());
        Iterator<TransactionOutcome> committed = outcomes.iterator();
        for (OpenBatch batch : batches) {
            ended(batch, committed.next());
        }
    }

    /**
     * On the partition's thread, after its records in hand: commits the transaction unless deciding them failed.
     */
    private TransactionOutcome commitAfterInHand(OpenBatch batch, ConsumerGroupMetadata group) {
        RuntimeException failed = abrupt ? new CrashStop() : batch.failedInHand();
        if (failed != null) {
            return PartitionTransactions.outcomeOf(failed);
        }
        TransactionOutcome ended = batch.worker.transactions.commit(batch.next, group);
        if (ended instanceof TransactionOutcome.Committed) {
            batch.worker.committedEvents(batch.decided.events, batch.decided.eventsEnd());
        }
        return ended;
    }

    private void ended(OpenBatch batch, TransactionOutcome ended) {
        PartitionWorker worker = batch.worker;
        if (droppedAfter(worker, ended)) {
            return;
        }
        metrics.committed();
        batch.decided.count(metrics);
        publishReady(worker);
    }

    /** One partition's open transaction: what it decided and sent over one or more polls, and the offset it consumes up to. */
    private static final class OpenBatch {
        final PartitionWorker worker;
        final Decided decided = new Decided();
        /** The commands offset the transaction consumes up to, once the records in hand are decided. */
        long next;
        /** Polls' records handed to the partition's thread, oldest first, until they are decided and sent. */
        final ArrayDeque<InHand> inHand = new ArrayDeque<>();

        OpenBatch(PartitionWorker worker) {
            this.worker = worker;
        }

        void handed(int records, Future<RuntimeException> decided) {
            inHand.add(new InHand(decided, records));
        }

        int recordsInHand() {
            return inHand.stream().mapToInt(InHand::records).sum();
        }

        /** What the first of the records in hand that failed threw, or null; on the partition's thread, after them. */
        RuntimeException failedInHand() {
            return inHand.stream().map(handed -> PartitionPool.await(handed.decided(), e -> e))
                    .filter(failed -> failed != null).findFirst().orElse(null);
        }
    }

    /** One poll's records of a partition on its thread: what failed when they are decided and sent, or null. */
    private record InHand(Future<RuntimeException> decided, int records) {}

    /** Snapshots each partition that is due, between batches, so the snapshot is of committed state only. */
    private void writeDueSnapshots() {
        if (snapshots == null) {
            return;
        }
        for (PartitionWorker worker : List.copyOf(workers.values())) {
            if (!running || open.containsKey(worker.partition()) || !snapshots.due(worker)) {
                continue;
            }
            droppedAfter(worker, snapshots.write(worker));
        }
    }

    /**
     * Drops the partition when its transaction was fenced (to be reopened after the rebalance) or failed (reopened
     * after a backoff); rethrows a stop's interruption. True when the partition was dropped.
     */
    private boolean droppedAfter(PartitionWorker worker, TransactionOutcome ended) {
        if (ended instanceof TransactionOutcome.Fenced fenced) {
            lost(worker, fenced.cause());
            return true;
        }
        if (ended instanceof TransactionOutcome.Failed failed) {
            RuntimeException cause = failed.cause();
            if (!running && (cause instanceof InterruptException || cause instanceof CrashStop)) {
                throw cause;
            }
            reset(worker, cause);
            return true;
        }
        return false;
    }

    /**
     * Decides the records on the partition's state and sends what they yield, then moves the batch's next offset to
     * {@code next}; answers what failed, or null. Runs on the partition's thread.
     */
    private RuntimeException decideAndSend(PartitionWorker worker, List<ConsumerRecord<String, byte[]>> records,
            OpenBatch open, long next) {
        try {
            decideAndSend(worker, records, open.decided);
            open.next = next;
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void decideAndSend(PartitionWorker worker, List<ConsumerRecord<String, byte[]>> records, Decided decided) {
        PartitionTransactions transactions = worker.transactions;
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : records) {
            CommandRecordReader.Read read = CommandRecordReader.read(
                    record.topic(), record.partition(), record.offset(), record.key(), record.value());
            Outcome outcome;
            String key;
            if (read instanceof CommandRecordReader.Valid valid) {
                int home = HomePartition.of(valid.command().valueId(), topology.commandPartitions());
                if (home != record.partition()) {
                    // another partitioner put it here; deciding it here would fork the value's history
                    transactions.send(new ProducerRecord<>(config.commandsTopic(), home, null,
                            valid.key(), record.value(), record.headers()));
                    decided.forwarded++;
                    continue;
                }
                PartitionState.Verdict verdict = worker.state.decide(valid.command(), now);
                if (verdict.event() != null) {
                    decided.events++;
                    decided.lastEvent = transactions.send(eventRecord(record.partition(), valid.key(), verdict.event()));
                }
                outcome = verdict.outcome();
                key = valid.key();
            } else {
                CommandRecordReader.Poison bad = (CommandRecordReader.Poison) read;
                poisonWarnings.warn(() -> LOG.warn("poison record at {}-{}@{} (command {}): {}", record.topic(),
                                record.partition(), record.offset(), bad.commandId(), bad.detail()),
                        left -> LOG.warn("{} more poison records answered INVALID without a warning each"
                                + " (all are counted in abacus.processor.poison.records)", left));
                outcome = new Outcome.Rejected(bad.commandId(), bad.valueId(), RejectionReason.INVALID, bad.detail(), now);
                decided.poison++;
                key = outcome.valueId() != null ? outcome.valueId().toString() : record.key();
            }
            transactions.send(new ProducerRecord<>(config.outcomesTopic(), key, WireCodec.encode(outcome)));
            decided.outcomes.add(outcome);
        }
        if (abrupt) {
            throw new CrashStop();
        }
    }

    private ProducerRecord<String, byte[]> eventRecord(int partition, String valueKey, Event event) {
        // pinned to the command's partition number: partition p's state is the fold of events partition p
        return new ProducerRecord<>(config.eventsTopic(), partition, valueKey, WireCodec.encode(event));
    }

    /** Another owner fenced us, or the group moved on to a new generation: the next rebalance says whether it is still ours. */
    private void lost(PartitionWorker worker, KafkaException e) {
        metrics.aborted();
        LOG.warn("processor {} lost partition {} ({}); waiting for the rebalance",
                config.instanceId(), worker.partition(), e.toString());
        drop(worker.partition(), Duration.ZERO);
        opener.reopenAfterRebalance(worker.partition(), e);
    }

    /** The transaction failed: throw away the producer and state; reopening fences, rebuilds and seeks to the committed offset. */
    private void reset(PartitionWorker worker, RuntimeException e) {
        metrics.aborted();
        LOG.warn("processor {}: transaction on partition {} failed; rebuilding it: {}",
                config.instanceId(), worker.partition(), e.toString());
        drop(worker.partition(), Duration.ZERO);
        opener.reopenAfterBackoff(worker.partition(), e);
    }

    private void openDuePartitions() {
        opener.openDue(() -> running, worker -> workers.put(worker.partition(), worker));
    }

    private void publishReady(PartitionWorker worker) {
        statuses.put(worker.partition(), worker.ready());
    }

    private void drop(int partition, Duration timeout) {
        awaitInHand(open.remove(partition)); // they still send on the producer closed below
        partitions.forget(partition);
        PartitionWorker worker = workers.remove(partition);
        if (worker != null) {
            worker.close(timeout);
        }
    }

    private void closeClients() {
        Thread.interrupted();
        Duration timeout = abrupt ? Duration.ZERO : CLOSE_TIMEOUT;
        if (!abrupt) {
            commitOpenQuietly();
        }
        for (Integer partition : List.copyOf(workers.keySet())) {
            drop(partition, timeout);
        }
        try {
            opener.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("closing the replay consumer", e);
        }
        try {
            stallWatch.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the stall watch", e);
        }
        partitions.close();
        consumerMeters.close();
        kafkaMeters.close();
        try {
            // a static member that stops on purpose leaves at once, so its partitions move without waiting for
            // the session timeout; a crash (or its simulation) stays, and a restart under the same id takes them back
            consumer.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(abrupt
                    ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                    : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            LOG.debug("closing the consumer", e);
        }
        statuses.clear();
        LOG.info("processor {} stopped{}", config.instanceId(), abrupt ? " abruptly" : "");
    }

    /** A stop or a revocation commits what was decided, so the next owner does not decide it again. */
    private void commitOpenQuietly() {
        try {
            commitOpen();
        } catch (RuntimeException e) {
            LOG.warn("processor {}: committing the open transactions failed; the next owner decides their commands"
                    + " again: {}", config.instanceId(), e.toString());
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /** What a batch decided, counted in the metrics only once its transaction committed. */
    private static final class Decided {
        final List<Outcome> outcomes = new ArrayList<>();
        int events;
        int poison;
        int forwarded;
        Future<RecordMetadata> lastEvent;

        /** The events offset after the batch's last event; the transaction committed, so every send completed. */
        long eventsEnd() {
            if (lastEvent == null) {
                return -1;
            }
            try {
                return lastEvent.get().offset() + 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a committed transaction's event send failed", e.getCause());
            }
        }

        void count(ProcessorMetrics metrics) {
            outcomes.forEach(metrics::decided);
            for (int i = 0; i < poison; i++) {
                metrics.poisonRecord();
            }
            metrics.forwarded(forwarded);
        }
    }

    /** Raised inside a batch once {@link #closeAbruptly()} was called, so that batch never commits. */
    private static final class CrashStop extends RuntimeException {
        CrashStop() {
            super("stopped abruptly", null, false, false);
        }
    }

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!abrupt && !partitions.isEmpty()) {
                commitOpenQuietly();
            }
            forget(partitions, abrupt ? Duration.ZERO : CLOSE_TIMEOUT);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions, Duration.ZERO);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            if (!partitions.isEmpty()) {
                LOG.info("processor {} assigned {}", config.instanceId(),
                        partitions.stream().map(TopicPartition::partition).sorted().collect(Collectors.toList()));
            }
            opener.assigned(partitions);
            openDuePartitions();
        }

        private void forget(Collection<TopicPartition> partitions, Duration timeout) {
            for (TopicPartition tp : partitions) {
                drop(tp.partition(), timeout);
                opener.forget(tp.partition());
            }
        }
    }
}
