package dev.abacus.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes the wire format's fixed-shape messages straight to bytes, byte for byte what Jackson's generator writes for
 * them: every name and text they hold is ASCII that needs no escaping (ids, enum names, ISO timestamps), so the
 * generator's escaping, buffer recycling and per-field dispatch were most of what encoding cost the processor.
 * Free text (a rejection's detail) and non-finite numbers stay with Jackson.
 */
final class AsciiJson {

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    /** Below it {@code Double.toString} writes an integral value as its digits and ".0". */
    private static final double PLAIN_INTEGRAL_BOUND = 1e7;

    private byte[] bytes = new byte[320];
    private int length;
    private boolean first = true;

    AsciiJson startObject() {
        put((byte) '{');
        first = true;
        return this;
    }

    AsciiJson startObject(String name) {
        name(name);
        return startObject();
    }

    AsciiJson endObject() {
        put((byte) '}');
        first = false;
        return this;
    }

    AsciiJson text(String name, String ascii) {
        name(name);
        quoted(ascii);
        return this;
    }

    AsciiJson uuid(String name, UUID id) {
        name(name);
        room(UuidText.LENGTH + 2);
        bytes[length] = '"';
        length = UuidText.write(id, bytes, length + 1);
        bytes[length++] = '"';
        return this;
    }

    /** Finite only: Jackson writes NaN and the infinities as strings, and the caller leaves those to it. */
    AsciiJson number(String name, double value) {
        name(name);
        if (value == (long) value && Math.abs(value) < PLAIN_INTEGRAL_BOUND
                && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO) {
            // most values a calculator holds; Double.toString's general conversion was a tenth of a decision's CPU
            digits((long) value);
            ascii(".0");
        } else {
            ascii(Double.toString(value));
        }
        return this;
    }

    AsciiJson number(String name, long value) {
        name(name);
        digits(value);
        return this;
    }

    AsciiJson bool(String name, boolean value) {
        name(name);
        ascii(value ? "true" : "false");
        return this;
    }

    AsciiJson timestamp(String name, Instant instant) {
        name(name);
        room(IsoInstant.MAX_LENGTH + 2);
        int end = IsoInstant.write(instant, bytes, length + 1);
        if (end < 0) {
            quoted(instant.toString());
            return this;
        }
        bytes[length] = '"';
        bytes[end] = '"';
        length = end + 1;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void name(String name) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        put((byte) '"');
        ascii(name);
        put((byte) '"');
        put((byte) ':');
    }

    private void quoted(String ascii) {
        put((byte) '"');
        ascii(ascii);
        put((byte) '"');
    }

    private void digits(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        room(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int end = length + digitCount(value);
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    private static int digitCount(long positive) {
        int count = 1;
        while (positive >= 10) {
            positive /= 10;
            count++;
        }
        return count;
    }

    private void ascii(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        room(1);
        bytes[length++] = b;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
