package dev.abacus.view;

import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.WireCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads event records for replay without building a JSON tree, which is most of a replay's cost.
 * {@link ExactLayout} answers for records in the exact layout the processor writes; anything else
 * goes to {@link WireCodec#decodeEvent}, which stays the judge of what is malformed. So the view
 * accepts and rejects exactly what the codec does.
 */
final class EventDecoder {

    /** What the view keeps of one event. */
    static final class Decoded {
        long idHigh;
        long idLow;
        double value;
        long version;
        long epochMilli;
        /** The record's size in bytes. */
        int bytes;

        UUID valueId() {
            return new UUID(idHigh, idLow);
        }
    }

    /** A record the codec refused, with its reason and size. */
    record Malformed(MalformedRecordException reason, int bytes) {}

    private EventDecoder() {}

    /**
     * The record in {@code b[offset, offset + length)} as a {@link Decoded} event, or {@link Malformed}
     * exactly when {@link WireCodec#decodeEvent} refuses it; {@code b == null} is a record without a value.
     */
    static Object read(byte[] b, int offset, int length) {
        Decoded decoded = new Decoded();
        decoded.bytes = length;
        if (b != null && length > 0 && length <= WireCodec.MAX_RECORD_BYTES
                && ExactLayout.decode(b, offset, offset + length, decoded)) {
            return decoded;
        }
        byte[] record = b == null || (offset == 0 && length == b.length) ? b : Arrays.copyOfRange(b, offset, offset + length);
        try {
            fromCodec(WireCodec.decodeEvent(record), decoded);
            return decoded;
        } catch (MalformedRecordException e) {
            return new Malformed(e, length);
        }
    }

    /**
     * The event {@link #read} answered, or the codec's refusal thrown: {@code read} itself, or why the
     * codec refuses a record without a value (null).
     */
    static Decoded event(Object read) {
        if (read instanceof Decoded event) {
            return event;
        }
        if (read instanceof Malformed refused) {
            throw refused.reason();
        }
        Decoded event = new Decoded();
        decode(null, event);
        return event;
    }

    /** The size of the record {@link #read} answered for; 0 for a record without a value. */
    static int bytes(Object read) {
        if (read instanceof Decoded event) {
            return event.bytes;
        }
        return read instanceof Malformed refused ? refused.bytes() : 0;
    }

    /**
     * Decodes {@code bytes} into {@code into}; throws {@link MalformedRecordException} exactly when
     * {@link WireCodec#decodeEvent} would.
     */
    static void decode(byte[] bytes, Decoded into) {
        if (!decodeCanonical(bytes, into)) {
            fromCodec(WireCodec.decodeEvent(bytes), into);
        }
    }

    private static void fromCodec(Event event, Decoded into) {
        into.idHigh = event.valueId().getMostSignificantBits();
        into.idLow = event.valueId().getLeastSignificantBits();
        into.value = event.value();
        into.version = event.version();
        into.epochMilli = epochMilli(event.timestamp());
    }

    static long epochMilli(Instant timestamp) {
        try {
            return timestamp.toEpochMilli();
        } catch (ArithmeticException e) {
            return timestamp.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** False when the record is not in canonical shape: then the codec decides. */
    static boolean decodeCanonical(byte[] bytes, Decoded into) {
        if (bytes == null || bytes.length == 0 || bytes.length > WireCodec.MAX_RECORD_BYTES) {
            return false;
        }
        return ExactLayout.decode(bytes, into);
    }
}
