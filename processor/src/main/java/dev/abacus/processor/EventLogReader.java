package dev.abacus.processor;

import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.ValueState;
import dev.abacus.domain.WireCodec;
import dev.abacus.support.kafka.EventAdmission;
import dev.abacus.support.logging.LimitedWarnings;
import dev.abacus.support.logging.ReplayProgress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays one events partition from its beginning to its last stable offset: committed events only, no group. */
final class EventLogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPLAY_LOG_INTERVAL = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LimitedWarnings refusals = new LimitedWarnings(20, 10, TimeUnit.SECONDS);
    private final String eventsTopic;
    private final Duration stallTimeout;

    EventLogReader(Map<String, Object> readerConfig, String eventsTopic, Duration stallTimeout) {
        this.consumer = new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.eventsTopic = eventsTopic;
        this.stallTimeout = stallTimeout;
    }

    /** Where {@code partition}'s log starts, and where its committed events end. */
    Range offsets(int partition) {
        TopicPartition tp = new TopicPartition(eventsTopic, partition);
        List<TopicPartition> tps = List.of(tp);
        // assigned while asked: under read_committed the answers update an assigned partition's last stable offset,
        // and the consumer warns for any other
        consumer.assign(tps);
        try {
            return new Range(consumer.beginningOffsets(tps).get(tp), consumer.endOffsets(tps).get(tp));
        } finally {
            consumer.assign(List.of());
        }
    }

    /**
     * Folds every committed event of {@code partition} (of {@code partitions}) in {@code [from, end)} (as
     * {@link #offsets} answered them) into {@code state} by the rule every view follows ({@link EventAdmission});
     * returns how many were applied. Throws a {@link TimeoutException} when the log stops yielding records before
     * {@code end}.
     */
    long replay(int partition, int partitions, PartitionState state, long from, long end) {
        TopicPartition tp = new TopicPartition(eventsTopic, partition);
        consumer.assign(List.of(tp));
        try {
            consumer.seek(tp, from);
            long events = 0;
            long malformed = 0;
            long deadline = System.nanoTime() + stallTimeout.toNanos();
            ReplayProgress progress = new ReplayProgress("replaying " + tp + " before deciding on it",
                    REPLAY_LOG_INTERVAL, LOG::info, System.nanoTime());
            while (consumer.position(tp) < end) {
                progress.observe(consumer.position(tp), end, System.nanoTime());
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(String.format(Locale.ROOT,
                            "replay of %s stalled at offset %d of %d for %s", tp, consumer.position(tp), end, stallTimeout));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    deadline = System.nanoTime() + stallTimeout.toNanos();
                    if (record.offset() >= end) {
                        break;
                    }
                    String refused = fold(record, partitions, state);
                    if (refused == null) {
                        events++;
                    } else if (!refused.isEmpty()) {
                        malformed++;
                        refusals.warn(() -> LOG.error("skipping event at {}@{}: {}", tp, record.offset(), refused),
                                left -> LOG.error("{} more events skipped on {} without a line each", left, tp));
                    }
                }
            }
            if (malformed > 0) {
                LOG.error("{} events on {} were unreadable or could not have been written by the processor;"
                        + " the state ignores them", malformed, tp);
            }
            return events;
        } finally {
            consumer.assign(List.of());
        }
    }

    /** A partition's offsets: the first still in the log, and the last stable one. */
    record Range(long start, long end) {}

    /** Null when applied, empty when skipped as a repeat, otherwise why it was refused. */
    private static String fold(ConsumerRecord<byte[], byte[]> record, int partitions, PartitionState state) {
        Event event;
        try {
            event = WireCodec.decodeEvent(record.value());
        } catch (MalformedRecordException e) {
            return "unreadable: " + e.getMessage();
        }
        String misplaced = EventAdmission.misplaced(record.key(), event.valueId(), record.partition(), partitions);
        if (misplaced != null) {
            return misplaced;
        }
        ValueState before = state.value(event.valueId());
        long stored = before == null ? 0 : before.version();
        return switch (EventAdmission.succession(stored, event.version())) {
            case NEXT -> {
                state.apply(event);
                yield null;
            }
            case REPEAT -> "";
            case JUMP -> "value " + event.valueId() + " jumps from version " + stored + " to " + event.version();
        };
    }

    void close(Duration timeout) {
        consumer.close(CloseOptions.timeout(timeout));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
