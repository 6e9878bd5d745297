package dev.abacus.domain;

import java.nio.charset.StandardCharsets;
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

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
        room(38);
        bytes[length++] = '"';
        hex(id.getMostSignificantBits() >>> 32, 8);
        bytes[length++] = '-';
        hex(id.getMostSignificantBits() >>> 16, 4);
        bytes[length++] = '-';
        hex(id.getMostSignificantBits(), 4);
        bytes[length++] = '-';
        hex(id.getLeastSignificantBits() >>> 48, 4);
        bytes[length++] = '-';
        hex(id.getLeastSignificantBits(), 12);
        bytes[length++] = '"';
        return this;
    }

    /** Finite only: Jackson writes NaN and the infinities as strings, and the caller leaves those to it. */
    AsciiJson number(String name, double value) {
        name(name);
        ascii(Double.toString(value));
        return this;
    }

    AsciiJson number(String name, long value) {
        name(name);
        ascii(Long.toString(value));
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

    private void hex(long bits, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            bytes[length++] = HEX[(int) (bits >>> shift) & 0xf];
        }
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
