package dev.abacus.domain;

import dev.abacus.domain.Swar.Literal;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads a command record in place when it is laid out exactly as {@link WireCodec#encode(Command)} writes it (field
 * order, no whitespace, no escapes): what the commander sends, so nearly every record the processor decides. Reading
 * it with the streaming parser was a third of a decision's CPU, most of it the parser's per-token dispatch. Anything
 * else answers null and goes to {@link StreamingWire}, then to the tree, which stay the judges: this only ever
 * accepts what they accept, with the same fields.
 */
final class CommandLayout {

    private static final byte[] HEAD = {'{', '"', 'i', 'd', '"', ':', '"'};
    private static final Literal CREATE = Literal.of("\",\"action\":\"CreateValue\",\"data\":{\"value-id\":\"");
    private static final Literal UPDATE = Literal.of("\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\"");
    private static final Literal CREATE_VALUE = Literal.of("\",\"value\":");
    private static final Literal ADD_VALUE = Literal.of("\",\"operation\":\"ADD\",\"value\":");
    private static final Literal MULTIPLY_VALUE = Literal.of("\",\"operation\":\"MULTIPLY\",\"value\":");
    private static final Literal TIMESTAMP = Literal.of("},\"timestamp\":\"");
    private static final Literal TAIL = Literal.of("\",\"schema\":1}");

    private CommandLayout() {}

    /** The command in {@code bytes}, or null when they are not laid out exactly as written. */
    static Command decode(byte[] bytes) {
        int end = bytes.length;
        if (end < HEAD.length + UuidText.LENGTH || end > WireCodec.MAX_RECORD_BYTES) {
            return null;
        }
        for (int i = 0; i < HEAD.length; i++) {
            if (bytes[i] != HEAD[i]) {
                return null;
            }
        }
        int p = HEAD.length;
        UUID id = ExactFields.uuid(bytes, p, end);
        if (id == null) {
            return null;
        }
        p += UuidText.LENGTH;
        int q = CREATE.match(bytes, p, end);
        boolean create = q >= 0;
        p = create ? q : UPDATE.match(bytes, p, end);
        UUID valueId = ExactFields.uuid(bytes, p, end);
        if (valueId == null) {
            return null;
        }
        p += UuidText.LENGTH;
        Operation operation = null;
        if (create) {
            p = CREATE_VALUE.match(bytes, p, end);
        } else {
            q = ADD_VALUE.match(bytes, p, end);
            operation = q >= 0 ? Operation.ADD : Operation.MULTIPLY;
            p = q >= 0 ? q : MULTIPLY_VALUE.match(bytes, p, end);
        }
        if (p < 0) {
            return null;
        }
        int valueEnd = ExactFields.numberEnd(bytes, p, end);
        double value = valueEnd < 0 ? Double.NaN : ExactFields.number(bytes, p, valueEnd);
        if (Double.isNaN(value)) {
            return null;
        }
        p = TIMESTAMP.match(bytes, valueEnd, end);
        int quote = p < 0 ? -1 : ExactFields.timestampEnd(bytes, p, end);
        if (quote < 0 || TAIL.match(bytes, quote, end) != end) {
            return null;
        }
        long epochSecond = ExactFields.epochSecond(bytes, p, quote - p);
        if (epochSecond == Long.MIN_VALUE) {
            return null;
        }
        Instant timestamp = Instant.ofEpochSecond(epochSecond, ExactFields.nanos(bytes, p, quote - p));
        return create ? new CreateValue(id, valueId, value, timestamp)
                : new UpdateValue(id, valueId, operation, value, timestamp);
    }
}
