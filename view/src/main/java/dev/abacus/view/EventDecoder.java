package dev.abacus.view;

import dev.abacus.domain.Event;
import dev.abacus.domain.WireCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads event records for replay without building a JSON tree, which is most of a replay's cost.
 * {@link ExactLayout} answers for records in the exact layout the processor writes; anything else
 * goes to {@link WireCodec#decodeEvent}, which stays the judge of what is malformed. So the view
 * accepts and rejects exactly what the codec does.
 */
final class EventDecoder {

    /** What the view keeps of one event; reused from record to record by the projector thread. */
    static final class Decoded {
        UUID valueId;
        double value;
        long version;
        long epochMilli;
    }

    private EventDecoder() {}

    /**
     * Decodes {@code bytes} into {@code into}; throws {@link dev.abacus.domain.MalformedRecordException}
     * exactly when {@link WireCodec#decodeEvent} would.
     */
    static void decode(byte[] bytes, Decoded into) {
        if (!decodeCanonical(bytes, into)) {
            Event event = WireCodec.decodeEvent(bytes);
            into.valueId = event.valueId();
            into.value = event.value();
            into.version = event.version();
            into.epochMilli = epochMilli(event.timestamp());
        }
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
