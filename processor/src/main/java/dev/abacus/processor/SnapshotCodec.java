package dev.abacus.processor;

import dev.abacus.domain.ValueState;
import dev.abacus.processor.PartitionState.Remembered;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.kafka.common.Uuid;

/**
 * A partition's state as snapshot bytes: a header saying which events it folds (up to which offset of which events
 * topic, under which {@link IdempotencyBound}), the values, the remembered command ids oldest first, and a CRC32C.
 * The bytes are cut into chunks of at most {@code chunkBytes} payload, each framed with the snapshot's id, its index
 * and whether it is the last, so a reader can find the newest complete snapshot from the end of the topic.
 */
final class SnapshotCodec {

    static final int CHUNK_BYTES = 512 * 1024;
    private static final int FRAME_MAGIC = 0x4142534e; // "ABSN"
    private static final int FRAME_BYTES = 4 + 8 + 4 + 1;
    private static final byte FORMAT = 1;

    /** What a snapshot folds: every event of {@code eventsTopicId}'s partition before {@code eventsOffset}. */
    record Header(int partition, int partitions, Uuid eventsTopicId, long eventsOffset, IdempotencyBound bound) {}

    /** A decoded snapshot; {@code entries} counts its values and remembered commands. */
    record Snapshot(Header header, PartitionState state, long entries) {}

    /** One chunk's frame, read back from a record's value; null values and foreign bytes give null. */
    record Frame(long snapshotId, int index, boolean last) {
        static Frame of(byte[] value) {
            if (value == null || value.length < FRAME_BYTES) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(value);
            if (buffer.getInt() != FRAME_MAGIC) {
                return null;
            }
            return new Frame(buffer.getLong(), buffer.getInt(), buffer.get() == 1);
        }
    }

    private SnapshotCodec() {
    }

    /** Encodes {@code state}, handing each framed chunk to {@code chunks} in order; returns how many there were. */
    static int encode(Header header, PartitionState state, long snapshotId, int chunkBytes, Consumer<byte[]> chunks) {
        Chunker chunker = new Chunker(snapshotId, chunkBytes, chunks);
        CheckedOutputStream checked = new CheckedOutputStream(chunker, new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        try {
            out.writeByte(FORMAT);
            out.writeInt(header.partition());
            out.writeInt(header.partitions());
            out.writeLong(header.eventsTopicId().getMostSignificantBits());
            out.writeLong(header.eventsTopicId().getLeastSignificantBits());
            out.writeLong(header.eventsOffset());
            writeDuration(out, header.bound().retention());
            out.writeInt(header.bound().commandsPerValue());
            writeInstant(out, state.newest());
            out.writeInt(state.valueCount());
            for (ValueState value : state.values()) {
                writeUuid(out, value.valueId());
                out.writeDouble(value.value());
                out.writeLong(value.version());
            }
            out.writeInt(state.decidedCommandCount());
            for (Map.Entry<UUID, Remembered> entry : state.remembered()) {
                Remembered remembered = entry.getValue();
                writeUuid(out, entry.getKey());
                writeUuid(out, remembered.eventId());
                writeUuid(out, remembered.valueId());
                out.writeDouble(remembered.value());
                out.writeLong(remembered.version());
                writeInstant(out, remembered.timestamp());
            }
            out.flush();
            int crc = (int) checked.getChecksum().getValue();
            chunker.write(ByteBuffer.allocate(4).putInt(crc).array());
            return chunker.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes the payloads of one snapshot's chunks, in index order.
     *
     * @throws MalformedSnapshotException when the bytes are not a whole snapshot of this format
     */
    static Snapshot decode(List<byte[]> chunks) {
        List<InputStream> payloads = chunks.stream()
                .map(chunk -> (InputStream) new ByteArrayInputStream(chunk, FRAME_BYTES, chunk.length - FRAME_BYTES))
                .toList();
        CheckedInputStream checked = new CheckedInputStream(
                new SequenceInputStream(Collections.enumeration(payloads)), new CRC32C());
        DataInputStream in = new DataInputStream(checked);
        try {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new MalformedSnapshotException("unknown snapshot format " + format);
            }
            int partition = in.readInt();
            int partitions = in.readInt();
            Uuid topicId = new Uuid(in.readLong(), in.readLong());
            long eventsOffset = in.readLong();
            Duration retention = readDuration(in);
            int commandsPerValue = in.readInt();
            IdempotencyBound bound = new IdempotencyBound(retention, commandsPerValue);
            PartitionState state = new PartitionState(bound);
            state.restoreNewest(readInstant(in));
            int values = in.readInt();
            for (int i = 0; i < values; i++) {
                state.restoreValue(new ValueState(readUuid(in), in.readDouble(), in.readLong()));
            }
            int remembered = in.readInt();
            for (int i = 0; i < remembered; i++) {
                UUID commandId = readUuid(in);
                state.restoreRemembered(commandId,
                        new Remembered(readUuid(in), readUuid(in), in.readDouble(), in.readLong(), readInstant(in)));
            }
            int computed = (int) checked.getChecksum().getValue();
            int stored = in.readInt();
            if (computed != stored) {
                throw new MalformedSnapshotException("snapshot checksum mismatch");
            }
            if (in.read() != -1) {
                throw new MalformedSnapshotException("bytes after the snapshot's checksum");
            }
            return new Snapshot(new Header(partition, partitions, topicId, eventsOffset, bound), state,
                    (long) values + remembered);
        } catch (EOFException e) {
            throw new MalformedSnapshotException("snapshot ends early");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedSnapshotException("snapshot holds an invalid field: " + e.getMessage());
        }
    }

    /** The bytes are not a snapshot this processor wrote. */
    static final class MalformedSnapshotException extends RuntimeException {
        MalformedSnapshotException(String message) {
            super(message);
        }
    }

    private static void writeUuid(DataOutputStream out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeDuration(DataOutputStream out, Duration duration) throws IOException {
        out.writeLong(duration.getSeconds());
        out.writeInt(duration.getNano());
    }

    private static Duration readDuration(DataInputStream in) throws IOException {
        return Duration.ofSeconds(in.readLong(), in.readInt());
    }

    /** Cuts the byte stream into framed chunks, holding one back so the last can say it is the last. */
    private static final class Chunker extends OutputStream {
        private final long snapshotId;
        private final Consumer<byte[]> chunks;
        private final ByteBuffer current;
        private byte[] pending;
        private int index;

        Chunker(long snapshotId, int chunkBytes, Consumer<byte[]> chunks) {
            this.snapshotId = snapshotId;
            this.chunks = chunks;
            this.current = ByteBuffer.allocate(FRAME_BYTES + chunkBytes);
            current.position(FRAME_BYTES);
        }

        @Override
        public void write(int b) {
            if (!current.hasRemaining()) {
                cut();
            }
            current.put((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (!current.hasRemaining()) {
                    cut();
                }
                int n = Math.min(length, current.remaining());
                current.put(bytes, offset, n);
                offset += n;
                length -= n;
            }
        }

        private void cut() {
            if (pending != null) {
                chunks.accept(pending);
            }
            pending = framed(false);
            current.clear().position(FRAME_BYTES);
        }

        private byte[] framed(boolean last) {
            byte[] chunk = new byte[current.position()];
            current.flip();
            current.get(chunk);
            ByteBuffer.wrap(chunk).putInt(FRAME_MAGIC).putLong(snapshotId).putInt(index++).put((byte) (last ? 1 : 0));
            return chunk;
        }

        int finish() {
            if (pending != null) {
                chunks.accept(pending);
            }
            chunks.accept(framed(true));
            return index;
        }
    }
}
