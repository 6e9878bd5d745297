package dev.abacus.view;

import dev.abacus.support.concurrent.DaemonThreads;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.support.logging.LimitedWarnings;
import dev.abacus.support.logging.ReplayProgress;
import dev.abacus.support.kafka.KafkaClientConfig;
import dev.abacus.support.kafka.KafkaClientMeters;
import dev.abacus.support.kafka.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the events topic from the beginning (read-committed, no consumer group:
 * each view copy owns its whole replay) and folds the events into the {@link ValueStore}.
 * Unreadable records are counted and skipped; the position always moves on.
 *
 * <p>Two threads form a pipeline: the poller fetches the next batch while the applier decodes and
 * applies the previous one (the only writer of the store). The applier publishes a batch's
 * positions only after applying it, so progress and readiness never run ahead of the answers.
 */
@Context
public final class EventProjector {

    private static final Logger LOG = LoggerFactory.getLogger(EventProjector.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration REPLAY_LOG_INTERVAL = Duration.ofSeconds(5);
    /**
     * Records the poller may fetch ahead of the applier (8 batches at the default max-poll-records), so it
     * keeps fetches in flight while the applier catches up: the consumer only asks for more in poll().
     */
    private static final int HANDOFF_RECORDS = 40_000;

    private final ViewConfig config;
    private final String topic;
    private final KafkaClientConfig kafka;
    private final ValueStore store;
    private final Optional<MeterRegistry> meters;
    private Optional<ViewMetrics> viewMetrics = Optional.empty();
    private final CatchUpTracker tracker;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread poller;
    private final Thread applier;
    private final BlockingQueue<Batch> handoff;

    private volatile KafkaConsumer<byte[], ByteBuffer> consumer;
    private volatile Progress progress = Progress.NONE;
    private volatile boolean polling;
    private volatile boolean applying;
    private volatile Throwable failure;
    private volatile long applied;
    private volatile long duplicates;
    private volatile long malformed;
    private volatile long gaps;
    private volatile long replayMillis = -1;

    private Progress fetched = Progress.NONE;
    /** The applier's one event, read into again for every record. */
    private final EventDecoder.Decoded decoded = new EventDecoder.Decoded();
    private volatile long replayStarted;
    private volatile ReplayProgress replayLog;
    private final LimitedWarnings malformedWarnings = new LimitedWarnings(20, 10, TimeUnit.SECONDS);

    EventProjector(
            ViewConfig config,
            TopicNames topics,
            KafkaClientConfig kafka,
            ValueStore store,
            Optional<MeterRegistry> meters) {
        this.config = config;
        this.topic = topics.events();
        this.kafka = kafka;
        this.store = store;
        this.meters = meters;
        this.tracker = new CatchUpTracker(config.readyLagThreshold(), config.readySustain().toNanos());
        this.handoff = new ArrayBlockingQueue<>(Math.max(2, Math.min(8, HANDOFF_RECORDS / config.maxPollRecords())));
        this.poller = DaemonThreads.of("abacus-view-poller", this::run);
        this.applier = DaemonThreads.of("abacus-view-applier", this::applyBatches);
    }

    @PostConstruct
    void start() {
        viewMetrics = meters.map(registry -> new ViewMetrics(registry, this, store));
        polling = true;
        applying = true;
        applier.start();
        poller.start();
    }

    @PreDestroy
    void close() throws InterruptedException {
        closing.countDown();
        KafkaConsumer<byte[], ByteBuffer> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        poller.join(TimeUnit.SECONDS.toMillis(30));
        applier.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** False once the consumer loop has died: the process cannot recover by itself. */
    public boolean alive() {
        return polling && applying && failure == null;
    }

    /** Whether this copy has caught up and stayed caught up long enough to take traffic. */
    public boolean ready() {
        return tracker.ready(System.nanoTime());
    }

    public boolean caughtUp() {
        return tracker.caughtUp();
    }

    Progress progress() {
        return progress;
    }

    long applied() {
        return applied;
    }

    long duplicates() {
        return duplicates;
    }

    long malformed() {
        return malformed;
    }

    long gaps() {
        return gaps;
    }

    /** How long the replay up to the startup log end took; -1 until it is done. */
    long replayMillis() {
        return replayMillis;
    }

    String topic() {
        return topic;
    }

    private void run() {
        try (KafkaConsumer<byte[], ByteBuffer> kafkaConsumer =
                new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteBufferDeserializer())) {
            consumer = kafkaConsumer;
            Optional<KafkaClientMeters> kafkaMeters = meters.map(registry -> new KafkaClientMeters(registry, "view"));
            try {
                kafkaMeters.ifPresent(bound -> bound.bind(kafkaConsumer));
                if (!isClosing()) {
                    project(kafkaConsumer);
                }
            } finally {
                kafkaMeters.ifPresent(KafkaClientMeters::close);
            }
        } catch (WakeupException | InterruptException e) {
            if (!isClosing()) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            polling = false;
        }
    }

    private void applyBatches() {
        try {
            while (true) {
                Batch batch = handoff.poll(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
                if (batch != null) {
                    if (batch.records() != null) {
                        applyAll(batch.records(), batch.progress().partitions().size());
                    }
                    publish(batch.progress());
                } else if (!polling) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            applying = false;
        }
    }

    private boolean handOver(Batch batch) {
        try {
            while (!isClosing()) {
                if (handoff.offer(batch, RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (!applying) {
                    throw new IllegalStateException("the applier thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Records fetched by the poller and the positions they take the view to once applied. */
    private record Batch(ConsumerRecords<byte[], ByteBuffer> records, Progress progress) {}

    private void fail(Throwable e) {
        failure = e;
        LOG.error("view projector of topic {} stopped; the view no longer follows the log", topic, e);
    }

    private void project(KafkaConsumer<byte[], ByteBuffer> kafkaConsumer) {
        List<TopicPartition> partitions = awaitPartitions(kafkaConsumer);
        if (partitions.isEmpty()) {
            return;
        }
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> startupEnds = awaitEndOffsets(kafkaConsumer, partitions);
        if (startupEnds == null) {
            return;
        }
        LOG.info("view generation {} replaying {} partitions of {} up to {}",
                config.generation(), partitions.size(), topic, startupEnds.values());
        List<PartitionProgress> initial = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            long end = startupEnds.get(partition);
            initial.add(new PartitionProgress(partition.partition(), 0, end, end));
        }
        replayStarted = System.nanoTime();
        replayLog = new ReplayProgress("view generation " + config.generation() + " replaying " + topic,
                REPLAY_LOG_INTERVAL, LOG::info, replayStarted);
        fetched = new Progress(List.copyOf(initial));
        if (!handOver(new Batch(null, fetched))) {
            return;
        }
        viewMetrics.ifPresent(m -> m.partitions(0, partitions.size()));
        long nextPartitionCheck = replayStarted + config.partitionCheckInterval().toNanos();
        while (!isClosing()) {
            ConsumerRecords<byte[], ByteBuffer> records = kafkaConsumer.poll(config.pollTimeout());
            fetched = observe(kafkaConsumer);
            if (!handOver(new Batch(records.isEmpty() ? null : records, fetched))) {
                return;
            }
            long now = System.nanoTime();
            if (now - nextPartitionCheck >= 0) {
                nextPartitionCheck = now + config.partitionCheckInterval().toNanos();
                followNewPartitions(kafkaConsumer);
            }
        }
    }

    private void applyAll(ConsumerRecords<byte[], ByteBuffer> records, int partitions) {
        long appliedNow = 0;
        long duplicatesNow = 0;
        long malformedNow = 0;
        long gapsNow = 0;
        EventDecoder.Decoded event = decoded;
        for (ConsumerRecord<byte[], ByteBuffer> record : records) {
            try {
                EventDecoder.read(record.value(), event);
                if (!Double.isFinite(event.value)) {
                    throw new MalformedRecordException("value " + event.value + " is not finite");
                }
                String misplaced = Placement.misplaced(record.key(), event, record.partition(), partitions);
                if (misplaced != null) {
                    throw new MalformedRecordException(misplaced);
                }
            } catch (MalformedRecordException e) {
                malformedNow++;
                warnMalformed(record, e);
                continue;
            }
            ValueStore.Applied outcome = store.apply(event.idHigh, event.idLow, event.value, event.version, event.epochMilli);
            switch (outcome) {
                case APPLIED:
                    appliedNow++;
                    break;
                case DUPLICATE:
                    duplicatesNow++;
                    break;
                case REFUSED_JUMP:
                    malformedNow++;
                    gapsNow++;
                    warnMalformed(record, new MalformedRecordException("value " + event.valueId() + " jumps to version "
                            + event.version + "; the processor writes every version in turn"));
                    break;
                default:
                    throw new IllegalStateException("unexpected " + outcome);
            }
        }
        applied += appliedNow;
        duplicates += duplicatesNow;
        malformed += malformedNow;
        gaps += gapsNow;
    }

    private Progress observe(KafkaConsumer<byte[], ByteBuffer> kafkaConsumer) {
        Progress previous = fetched;
        List<PartitionProgress> partitions = new ArrayList<>(previous.partitions().size());
        for (PartitionProgress known : previous.partitions()) {
            TopicPartition partition = new TopicPartition(topic, known.partition());
            long position = kafkaConsumer.position(partition);
            OptionalLong lag = kafkaConsumer.currentLag(partition);
            long end = lag.isPresent() ? position + lag.getAsLong() : Math.max(known.endOffset(), position);
            partitions.add(new PartitionProgress(known.partition(), position, end, known.startupEndOffset()));
        }
        return new Progress(List.copyOf(partitions));
    }

    private void publish(Progress next) {
        progress = next;
        long now = System.nanoTime();
        tracker.observe(next, now);
        ReplayProgress log = replayLog;
        if (replayMillis < 0 && log != null) {
            log.observe(applied, applied + next.lag(), now);
        }
        if (replayMillis < 0 && tracker.caughtUp()) {
            replayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayStarted);
            LOG.info("view generation {} replayed {} events ({} values) in {} ms",
                    config.generation(), applied, store.size(), replayMillis);
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], ByteBuffer> kafkaConsumer) {
        boolean announced = false;
        while (!isClosing()) {
            try {
                List<TopicPartition> partitions = partitionsOf(kafkaConsumer);
                if (!partitions.isEmpty()) {
                    return partitions;
                }
                if (!announced) {
                    announced = true;
                    LOG.info("waiting for topic {} to exist", topic);
                }
            } catch (TimeoutException e) {
                LOG.warn("cannot read the partitions of {} yet: {}", topic, e.getMessage());
            }
            pause();
        }
        return List.of();
    }

    private Map<TopicPartition, Long> awaitEndOffsets(
            KafkaConsumer<byte[], ByteBuffer> kafkaConsumer, List<TopicPartition> partitions) {
        while (!isClosing()) {
            try {
                return kafkaConsumer.endOffsets(partitions, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                LOG.warn("cannot read the end offsets of {} yet: {}", topic, e.getMessage());
                pause();
            }
        }
        return null;
    }

    private void followNewPartitions(KafkaConsumer<byte[], ByteBuffer> kafkaConsumer) {
        List<TopicPartition> partitions;
        try {
            partitions = partitionsOf(kafkaConsumer);
        } catch (TimeoutException e) {
            LOG.warn("cannot check {} for new partitions: {}", topic, e.getMessage());
            return;
        }
        Progress current = fetched;
        int known = current.partitions().size();
        if (partitions.size() <= known) {
            return;
        }
        List<TopicPartition> added = partitions.subList(known, partitions.size());
        LOG.info("topic {} grew to {} partitions; reading {} from the beginning", topic, partitions.size(), added);
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToBeginning(added);
        List<PartitionProgress> grown = new ArrayList<>(current.partitions());
        for (TopicPartition partition : added) {
            grown.add(new PartitionProgress(partition.partition(), 0, 0, 0));
        }
        fetched = new Progress(List.copyOf(grown));
        viewMetrics.ifPresent(m -> m.partitions(known, partitions.size()));
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<byte[], ByteBuffer> kafkaConsumer) {
        List<PartitionInfo> infos = kafkaConsumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private void pause() {
        try {
            closing.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void warnMalformed(ConsumerRecord<byte[], ByteBuffer> record, MalformedRecordException e) {
        malformedWarnings.warn(
                () -> LOG.warn("skipping malformed record {}-{}@{} ({} bytes): {}", record.topic(), record.partition(),
                        record.offset(), record.value() == null ? 0 : record.value().remaining(), abbreviate(e.getMessage())),
                left -> LOG.warn("{} more malformed records skipped without a warning each", left));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> settings = kafka.common();
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "abacus-view-" + config.generation());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxPartitionFetchBytes());
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, config.fetchMaxBytes());
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes());
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.fetchMaxWait().toMillis());
        settings.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, config.receiveBufferBytes());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return settings;
    }

    private static String abbreviate(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
