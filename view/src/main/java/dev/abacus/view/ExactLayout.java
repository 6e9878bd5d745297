package dev.abacus.view;

import dev.abacus.domain.ExactFields;
import dev.abacus.domain.Swar;
import dev.abacus.domain.Swar.Literal;
import java.nio.charset.StandardCharsets;

/**
 * Reads an event record in place when it is laid out exactly as {@code WireCodec.encode(Event)}
 * writes it (field order, no whitespace, no escapes): no parser, no strings, no object per record.
 * Anything else answers false and goes to the streaming parser, then to the codec, which stay the
 * judges; this only ever accepts what they accept, with the same fields.
 */
final class ExactLayout {

    private static final byte[] HEAD = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Literal PARENT = Literal.of("\",\"parent-id\":\"");
    private static final Literal ACTION = Literal.of("\",\"action\":\"Value");
    private static final Literal CREATED = Literal.of("Created\",\"data\":{\"value-id\":\"");
    private static final Literal UPDATED = Literal.of("Updated\",\"data\":{\"value-id\":\"");
    private static final Literal OPERATION = Literal.of("\",\"operation\":\"");
    private static final Literal ADD = Literal.of("ADD\",\"operand\":");
    private static final Literal MULTIPLY = Literal.of("MULTIPLY\",\"operand\":");
    private static final Literal VALUE_AFTER_ID = Literal.of("\",\"value\":");
    private static final Literal VALUE_AFTER_OPERAND = Literal.of(",\"value\":");
    private static final Literal VERSION = Literal.of(",\"version\":");
    private static final Literal TIMESTAMP = Literal.of("},\"timestamp\":\"");
    private static final Literal TAIL = Literal.of("\",\"schema\":1}");

    private ExactLayout() {}

    /** Reads the record in {@code b[from, end)} into {@code into}; false when it is not laid out exactly as written. */
    static boolean decode(byte[] b, int from, int end, EventDecoder.Decoded into) {
        int p = head(b, from, end);
        if (p < 0 || !isUuid(b, p, end)) {
            return false;
        }
        p = match(b, p + 36, end, PARENT);
        if (p < 0 || !isUuid(b, p, end)) {
            return false;
        }
        p = match(b, p + 36, end, ACTION);
        boolean updated = false;
        int q = match(b, p, end, CREATED);
        if (q < 0) {
            q = match(b, p, end, UPDATED);
            updated = true;
        }
        if (q < 0 || !hasDashes(b, q, end)) {
            return false;
        }
        long a = Swar.hex8(b, q);
        long c = Swar.hex4(b, q + 9);
        long d = Swar.hex4(b, q + 14);
        long e = Swar.hex4(b, q + 19);
        long f = Swar.hex8(b, q + 24);
        long g = Swar.hex4(b, q + 32);
        if ((a | c | d | e | f | g) < 0) {
            return false;
        }
        p = q + 36;
        if (updated) {
            p = match(b, p, end, OPERATION);
            if (p < 0) {
                return false;
            }
            q = match(b, p, end, ADD);
            p = q >= 0 ? q : match(b, p, end, MULTIPLY);
            if (p < 0) {
                return false;
            }
            int operandEnd = ExactFields.numberEnd(b, p, end);
            if (operandEnd < 0 || Double.isNaN(ExactFields.number(b, p, operandEnd))) {
                return false;
            }
            p = match(b, operandEnd, end, VALUE_AFTER_OPERAND);
        } else {
            p = match(b, p, end, VALUE_AFTER_ID);
        }
        if (p < 0) {
            return false;
        }
        int valueEnd = ExactFields.numberEnd(b, p, end);
        if (valueEnd < 0) {
            return false;
        }
        double value = ExactFields.number(b, p, valueEnd);
        if (Double.isNaN(value)) {
            return false;
        }
        p = match(b, valueEnd, end, VERSION);
        if (p < 0) {
            return false;
        }
        long version = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            if (digits == 0 && b[p] == '0') {
                return false;
            }
            version = version * 10 + (b[p++] - '0');
            if (++digits > 18) {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        p = match(b, p, end, TIMESTAMP);
        if (p < 0) {
            return false;
        }
        int quote = ExactFields.timestampEnd(b, p, end);
        if (quote < 0) {
            return false;
        }
        long epochSecond = ExactFields.epochSecond(b, p, quote - p);
        if (epochSecond == Long.MIN_VALUE) {
            return false;
        }
        if (match(b, quote, end, TAIL) != end) {
            return false;
        }
        into.idHigh = a << 32 | c << 16 | d;
        into.idLow = e << 48 | f << 16 | g;
        into.value = value;
        into.version = version;
        into.epochMilli = epochSecond * 1_000 + ExactFields.nanos(b, p, quote - p) / 1_000_000;
        return true;
    }

    private static int match(byte[] b, int at, int end, Literal literal) {
        return literal.match(b, at, end);
    }

    private static int head(byte[] b, int from, int end) {
        if (end - from < HEAD.length) {
            return -1;
        }
        for (int i = 0; i < HEAD.length; i++) {
            if (b[from + i] != HEAD[i]) {
                return -1;
            }
        }
        return from + HEAD.length;
    }

    private static boolean hasDashes(byte[] b, int at, int end) {
        return at + 36 <= end && b[at + 8] == '-' && b[at + 13] == '-' && b[at + 18] == '-' && b[at + 23] == '-';
    }

    private static boolean isUuid(byte[] b, int at, int end) {
        return at >= 0 && at + 36 <= end && Swar.isUuid(b, at);
    }
}
