package dev.abacus.processor;

import dev.abacus.processor.SnapshotCodec.Frame;
import dev.abacus.processor.SnapshotCodec.MalformedSnapshotException;
import dev.abacus.processor.SnapshotCodec.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest snapshot of each partition on the compacted snapshots topic. A snapshot's chunks go to the partition of
 * the same number, keyed {@code chunk-<index>}, in one transaction, so compaction keeps only the newest of each key
 * and the newest snapshot's chunks stay contiguous; its last chunk is found by reading back from the end. Used by the
 * loop thread only.
 */
final class SnapshotStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int FIRST_WINDOW = 16;
    private static final int WINDOW_GROWTH = 8;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration stallTimeout;

    SnapshotStore(Map<String, Object> readerConfig, String topic, Duration stallTimeout) {
        this.consumer = new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.stallTimeout = stallTimeout;
    }

    /** A snapshot read back, and how many chunks it took (the next write tombstones what it no longer needs). */
    record Stored(Snapshot snapshot, int chunks) {}

    /**
     * The newest complete snapshot of {@code partition}, or empty when there is none or it cannot be read (then
     * the caller replays the whole log). Throws a {@link TimeoutException} when the topic stops yielding records.
     */
    Optional<Stored> latest(int partition) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<TopicPartition> tps = List.of(tp);
        consumer.assign(tps);
        try {
            long start = consumer.beginningOffsets(tps).get(tp);
            long end = consumer.endOffsets(tps).get(tp);
            Located last = null;
            long upper = end;
            long window = FIRST_WINDOW;
            while (upper > start && last == null) {
                long from = Math.max(start, upper - window);
                last = lastChunkIn(tp, from, upper);
                upper = from;
                window *= WINDOW_GROWTH;
            }
            return last == null ? Optional.empty() : chunksOf(tp, last.frame(), last.offset(), start);
        } finally {
            consumer.assign(List.of());
        }
    }

    /** A snapshot's last chunk, and its offset. */
    private record Located(long offset, Frame frame) {}

    /** The newest chunk flagged last in {@code [from, until)}, or null. */
    private Located lastChunkIn(TopicPartition tp, long from, long until) {
        Located[] last = {null};
        read(tp, from, until, record -> {
            Frame frame = Frame.of(record.value());
            if (frame != null && frame.last()) {
                last[0] = new Located(record.offset(), frame);
            }
        });
        return last[0];
    }

    private Optional<Stored> chunksOf(TopicPartition tp, Frame last, long lastOffset, long start) {
        long first = lastOffset - last.index();
        if (first < start) {
            LOG.warn("snapshot {} on {} starts at offset {}, before the log's start {}; ignoring it",
                    Long.toHexString(last.snapshotId()), tp, first, start);
            return Optional.empty();
        }
        List<byte[]> chunks = new ArrayList<>(last.index() + 1);
        List<String> wrong = new ArrayList<>(1);
        read(tp, first, lastOffset + 1, record -> {
            Frame frame = Frame.of(record.value());
            long expected = first + chunks.size();
            if (frame == null || frame.snapshotId() != last.snapshotId() || frame.index() != chunks.size()
                    || record.offset() != expected) {
                wrong.add("offset " + record.offset() + " is not chunk " + chunks.size());
            } else {
                chunks.add(record.value());
            }
        });
        if (!wrong.isEmpty() || chunks.size() != last.index() + 1) {
            LOG.warn("snapshot {} on {} is incomplete ({}); ignoring it", Long.toHexString(last.snapshotId()), tp,
                    wrong.isEmpty() ? chunks.size() + " of " + (last.index() + 1) + " chunks" : wrong.get(0));
            return Optional.empty();
        }
        try {
            return Optional.of(new Stored(SnapshotCodec.decode(chunks), chunks.size()));
        } catch (MalformedSnapshotException e) {
            LOG.warn("snapshot {} on {} is unreadable ({}); ignoring it", Long.toHexString(last.snapshotId()), tp,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Hands each committed record of {@code [from, until)} to {@code records}, in offset order. */
    private void read(TopicPartition tp, long from, long until, Consumer<ConsumerRecord<byte[], byte[]>> records) {
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + stallTimeout.toNanos();
        while (consumer.position(tp) < until) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(String.format(Locale.ROOT, "reading snapshots of %s stalled at offset %d of %d"
                        + " for %s", tp, consumer.position(tp), until, stallTimeout));
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                deadline = System.nanoTime() + stallTimeout.toNanos();
                if (record.offset() < until) {
                    records.accept(record);
                }
            }
        }
    }

    /**
     * Sends {@code header}'s snapshot of {@code state} inside the transaction {@code transactions} has open, and
     * tombstones the chunks of the snapshot before it that this one does not overwrite; returns its chunk count.
     */
    static int write(String topic, PartitionTransactions transactions, SnapshotCodec.Header header,
            PartitionState state, int previousChunks) {
        int partition = header.partition();
        int[] index = {0};
        int chunks = SnapshotCodec.encode(header, state, ThreadLocalRandom.current().nextLong(),
                SnapshotCodec.CHUNK_BYTES,
                chunk -> transactions.send(new ProducerRecord<>(topic, partition, key(index[0]++), chunk)));
        for (int stale = chunks; stale < previousChunks; stale++) {
            transactions.send(new ProducerRecord<>(topic, partition, key(stale), null));
        }
        return chunks;
    }

    private static String key(int index) {
        return "chunk-" + index;
    }

    void close(Duration timeout) {
        consumer.close(CloseOptions.timeout(timeout));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
