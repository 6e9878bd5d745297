package dev.abacus.view;

import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.WireCodec;
import java.nio.ByteBuffer;
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

        UUID valueId() {
            return new UUID(idHigh, idLow);
        }
    }

    private EventDecoder() {}

    /**
     * Reads a record's value (null for a record without one) into {@code into}, from the fetched buffer it sits
     * in; throws {@link MalformedRecordException} exactly when {@link WireCodec#decodeEvent} refuses it, with
     * the codec's reason. Leaves the buffer's position where it was.
     */
    static void read(ByteBuffer value, Decoded into) {
        if (value == null) {
            fromCodec(WireCodec.decodeEvent(null), into);
            return;
        }
        int length = value.remaining();
        byte[] b;
        int offset;
        if (value.hasArray()) {
            b = value.array();
            offset = value.arrayOffset() + value.position();
        } else {
            b = new byte[length];
            value.duplicate().get(b);
            offset = 0;
        }
        if (!decodeCanonical(b, offset, length, into)) {
            byte[] record = offset == 0 && length == b.length ? b : Arrays.copyOfRange(b, offset, offset + length);
            fromCodec(WireCodec.decodeEvent(record), into);
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

    /** False when the record in {@code b[offset, offset + length)} is not in canonical shape: then the codec decides. */
    static boolean decodeCanonical(byte[] b, int offset, int length, Decoded into) {
        return length > 0 && length <= WireCodec.MAX_RECORD_BYTES && ExactLayout.decode(b, offset, offset + length, into);
    }
}
