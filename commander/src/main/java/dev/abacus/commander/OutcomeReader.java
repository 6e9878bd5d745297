package dev.abacus.commander;

import dev.abacus.support.concurrent.DaemonThreads;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.WireCodec;
import dev.abacus.support.kafka.KafkaClientConfig;
import dev.abacus.support.kafka.KafkaClientMeters;
import dev.abacus.support.kafka.TopicNames;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the outcomes topic (assigned, no consumer group, read_committed) into
 * the {@link OutcomeBook}. At start-up it skips what the bounded book would evict anyway, and
 * reports itself caught up once it reached the end offsets it saw then. It probes the broker
 * regularly, which is what readiness reports; unreadable records are counted and skipped.
 * A partition is assigned before its start offsets are known, and a timeout in between must not
 * leave it unread: every loop retries the partitions still uninitialised, and the loop counts as
 * progressing, which liveness reports, only once it polls with all of them initialised.
 */
@Context
final class OutcomeReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(3);
    private static final Duration PARTITIONS_EVERY = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaClientMeters.Bound consumerMeters;
    private final String topic;
    private final int cap;
    private final Duration stallTimeout;
    private final OutcomeBook book;
    private final CommanderMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile Instant lastBrokerContact;
    private volatile Throwable crashed;
    private volatile int partitions;
    private volatile Instant lastProgress = Instant.now();
    private final Set<TopicPartition> uninitialised = new HashSet<>();
    private Map<TopicPartition, Long> startupEnds;
    private Instant nextProbe = Instant.EPOCH;
    private Instant nextPartitionCheck = Instant.EPOCH;

    OutcomeReader(KafkaClientConfig kafka, TopicNames topics, CommanderConfig config, OutcomeBook book,
                  CommanderMetrics metrics) {
        this.topic = topics.outcomes();
        this.cap = config.outcomeCacheSize();
        this.stallTimeout = config.outcomeReaderStallTimeout();
        this.book = book;
        this.metrics = metrics;
        Map<String, Object> props = kafka.common();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "abacus-commander-outcomes");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.consumerMeters = metrics.bind(consumer);
        this.thread = DaemonThreads.of("abacus-commander-outcomes", this);
        this.thread.start();
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    if (running) {
                        LOG.warn("outcome reader woken up unexpectedly");
                    }
                } catch (KafkaException e) {
                    LOG.warn("outcome reader: {}; retrying", e.toString());
                    pause();
                }
            }
        } catch (RuntimeException | Error e) {
            crashed = e;
            LOG.error("outcome reader stopped", e);
        } finally {
            consumerMeters.close();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    boolean alive() {
        return crashed == null && thread.isAlive();
    }

    boolean caughtUp() {
        return caughtUp;
    }

    Instant lastBrokerContact() {
        return lastBrokerContact;
    }

    int partitions() {
        return partitions;
    }

    Instant lastProgress() {
        return lastProgress;
    }

    /** Running and polled with every partition initialised within the stall timeout. */
    boolean progressing() {
        return alive() && lastProgress.isAfter(Instant.now().minus(stallTimeout));
    }

    private void step() {
        Instant now = Instant.now();
        if (now.isAfter(nextPartitionCheck)) {
            // scheduled before the call, so a broker outage does not stop the polling in between
            nextPartitionCheck = now.plus(startupEnds == null ? Duration.ofSeconds(1) : PARTITIONS_EVERY);
            refreshPartitions();
        }
        if (!uninitialised.isEmpty()) {
            initialise();
        }
        if (startupEnds == null) {
            pause();
            return;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            apply(record);
        }
        if (uninitialised.isEmpty()) {
            lastProgress = Instant.now();
        }
        if (now.isAfter(nextProbe)) {
            probe();
            nextProbe = now.plus(PROBE_EVERY);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            book.record(WireCodec.decodeOutcome(record.value()));
            metrics.outcomeRead();
        } catch (MalformedRecordException e) {
            metrics.malformedOutcome();
            LOG.warn("skipping malformed outcome at {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void refreshPartitions() {
        List<TopicPartition> found = new ArrayList<>();
        consumer.partitionsFor(topic, CALL_TIMEOUT)
                .forEach(info -> found.add(new TopicPartition(topic, info.partition())));
        lastBrokerContact = Instant.now();
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(consumer.assignment());
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        assignment.addAll(added);
        consumer.assign(assignment);
        uninitialised.addAll(added);
    }

    /** Seeks the uninitialised partitions past what the book would evict; on a timeout the next loop retries. */
    private void initialise() {
        Set<TopicPartition> pending = Set.copyOf(uninitialised);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(pending, CALL_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(pending, CALL_TIMEOUT);
        lastBrokerContact = Instant.now();
        for (TopicPartition partition : pending) {
            consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - cap));
        }
        Map<TopicPartition, Long> targets = startupEnds == null ? new HashMap<>() : new HashMap<>(startupEnds);
        targets.putAll(ends);
        startupEnds = targets;
        uninitialised.removeAll(pending);
        partitions = consumer.assignment().size();
        LOG.info("reading outcomes from {} partitions of {}", partitions, topic);
    }

    private void probe() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), CALL_TIMEOUT);
        lastBrokerContact = Instant.now();
        if (!caughtUp) {
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> target : startupEnds.entrySet()) {
                reached &= consumer.position(target.getKey(), CALL_TIMEOUT) >= target.getValue();
            }
            caughtUp = reached;
            if (reached) {
                LOG.info("outcomes caught up on {}; {} cached", ends.keySet(), book.outcomeCount());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
