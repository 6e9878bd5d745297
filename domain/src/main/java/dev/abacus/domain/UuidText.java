package dev.abacus.domain;

import java.util.UUID;

/**
 * A UUID's canonical text (8-4-4-4-12 hex digits) read and written in one pass over chars or bytes, without the
 * strings {@code UUID.toString} and {@code UUID.fromString} make and split: on the processor's path every record
 * holds three to five ids.
 */
public final class UuidText {

    /** The length of the canonical text. */
    public static final int LENGTH = 36;

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private UuidText() {}

    /** The UUID {@code text} spells in the canonical form, either case; null for any other text. */
    public static UUID parse(CharSequence text) {
        return text == null || text.length() != LENGTH ? null : parse(text.toString().toCharArray(), 0, LENGTH);
    }

    /** As {@link #parse(CharSequence)}, of {@code length} chars from {@code from}. */
    public static UUID parse(char[] chars, int from, int length) {
        if (length != LENGTH) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = chars[from + i];
            if (dashAt(i)) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = digit(c);
            if (digit < 0) {
                return null;
            }
            if (i < 18) {
                high = high << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new UUID(high, low);
    }

    /** Whether {@code text} is exactly what {@code id.toString()} writes, without writing it. */
    public static boolean isTextOf(CharSequence text, UUID id) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        int nibble = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (dashAt(i)) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            long bits = nibble < 16 ? id.getMostSignificantBits() : id.getLeastSignificantBits();
            if (c != HEX[(int) (bits >>> (60 - 4 * (nibble & 15))) & 0xf]) {
                return false;
            }
            nibble++;
        }
        return true;
    }

    /** Writes the id's lowercase canonical text at {@code at}, which has room for {@link #LENGTH} bytes; the end. */
    public static int write(UUID id, byte[] bytes, int at) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        at = hex(high >>> 32, 8, bytes, at);
        bytes[at++] = '-';
        at = hex(high >>> 16, 4, bytes, at);
        bytes[at++] = '-';
        at = hex(high, 4, bytes, at);
        bytes[at++] = '-';
        at = hex(low >>> 48, 4, bytes, at);
        bytes[at++] = '-';
        return hex(low, 12, bytes, at);
    }

    private static int hex(long bits, int digits, byte[] bytes, int at) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            bytes[at++] = HEX[(int) (bits >>> shift) & 0xf];
        }
        return at;
    }

    private static boolean dashAt(int i) {
        return i == 8 || i == 13 || i == 18 || i == 23;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
