package dev.abacus.processor;

import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.ValueState;
import dev.abacus.domain.WireCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays one events partition from its beginning to its last stable offset: committed events only, no group. */
final class EventLogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String eventsTopic;
    private final Duration stallTimeout;

    EventLogReader(Map<String, Object> common, String clientId, String eventsTopic, Duration stallTimeout) {
        Map<String, Object> config = new HashMap<>(common);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.eventsTopic = eventsTopic;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Folds every committed event of {@code partition} into {@code state}; returns how many were read.
     * Throws a {@link TimeoutException} when the log stops yielding records before its end.
     */
    long replay(int partition, PartitionState state) {
        TopicPartition tp = new TopicPartition(eventsTopic, partition);
        List<TopicPartition> tps = List.of(tp);
        consumer.assign(tps);
        try {
            consumer.seekToBeginning(tps);
            long end = consumer.endOffsets(tps).get(tp);
            long events = 0;
            long malformed = 0;
            long deadline = System.nanoTime() + stallTimeout.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(String.format(Locale.ROOT,
                            "replay of %s stalled at offset %d of %d for %s", tp, consumer.position(tp), end, stallTimeout));
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    deadline = System.nanoTime() + stallTimeout.toNanos();
                    if (record.offset() >= end) {
                        break;
                    }
                    try {
                        Event event = WireCodec.decodeEvent(record.value());
                        warnOnGap(state.value(event.valueId()), event, record);
                        state.apply(event);
                        events++;
                    } catch (MalformedRecordException e) {
                        malformed++;
                        LOG.error("skipping unreadable event at {}@{}: {}", tp, record.offset(), e.getMessage());
                    }
                }
            }
            if (malformed > 0) {
                LOG.error("{} unreadable records on {}; the state ignores them", malformed, tp);
            }
            return events;
        } finally {
            consumer.assign(List.of());
        }
    }

    private static void warnOnGap(ValueState before, Event event, ConsumerRecord<?, ?> record) {
        long expected = before == null ? 1 : before.version() + 1;
        if (event.version() != expected) {
            LOG.warn("event {} at {}-{}@{} has version {} where {} was expected",
                    event.id(), record.topic(), record.partition(), record.offset(), event.version(), expected);
        }
    }

    void close(Duration timeout) {
        consumer.close(CloseOptions.timeout(timeout));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
