package dev.abacus.domain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * ASCII read eight bytes at a time (SIMD within a register): literal comparison and hex digits, for
 * {@link ExactFields} and the readers of the exact layouts built on it. A byte-by-byte loop costs a load, a compare and a branch per byte; a record is
 * ~290 bytes, three quarters of them literals and hex digits.
 */
public final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ZEROS_4_TO_7 = 0x3030303000000000L;
    private static final long ZEROS = 0x3030303030303030L;
    /** Bytes 8 and 13 of a UUID's text, in the word at 8. */
    private static final long DASHES_1_MASK = 0x0000FF00000000FFL;
    private static final long DASHES_1 = 0x00002D000000002DL;
    /** Bytes 18 and 23, in the word at 16. */
    private static final long DASHES_2_MASK = 0xFF00000000FF0000L;
    private static final long DASHES_2 = 0x2D000000002D0000L;

    private Swar() {}

    /**
     * A literal of 8 to 48 bytes, compared as words: each 8 bytes, the last word overlapping the one before.
     * A record, so that the JIT folds a constant literal's words into the comparisons.
     */
    public record Literal(int length, int count, long w0, long w1, long w2, long w3, long w4, long w5) {

        public static Literal of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length < 8 || bytes.length > 48) {
                throw new IllegalArgumentException("a literal of " + bytes.length + " bytes is not 8 to 48");
            }
            int count = (bytes.length + 7) / 8;
            long[] words = new long[6];
            for (int i = 0; i < count; i++) {
                words[i] = (long) LONGS.get(bytes, offset(i, count, bytes.length));
            }
            return new Literal(bytes.length, count, words[0], words[1], words[2], words[3], words[4], words[5]);
        }

        private static int offset(int word, int count, int length) {
            return word == count - 1 ? length - 8 : 8 * word;
        }

        /** The offset after the literal when {@code b[at, end)} starts with it, else -1. */
        public int match(byte[] b, int at, int end) {
            if (at < 0 || at > end - length || end > b.length) {
                return -1;
            }
            if ((long) LONGS.get(b, at + offset(0, count, length)) != w0
                    || count > 1 && (long) LONGS.get(b, at + offset(1, count, length)) != w1
                    || count > 2 && (long) LONGS.get(b, at + offset(2, count, length)) != w2
                    || count > 3 && (long) LONGS.get(b, at + offset(3, count, length)) != w3
                    || count > 4 && (long) LONGS.get(b, at + offset(4, count, length)) != w4
                    || count > 5 && (long) LONGS.get(b, at + offset(5, count, length)) != w5) {
                return -1;
            }
            return at + length;
        }
    }

    /**
     * Whether the 36 bytes at {@code at} (the caller checked they are there) are a UUID's text: hex digits
     * in either case, dashes at 8, 13, 18 and 23. Five words, the dashes swapped for '0' after checking them.
     */
    public static boolean isUuid(byte[] b, int at) {
        long w1 = (long) LONGS.get(b, at + 8);
        long w2 = (long) LONGS.get(b, at + 16);
        long dashes = ((w1 & DASHES_1_MASK) ^ DASHES_1) | ((w2 & DASHES_2_MASK) ^ DASHES_2);
        long notHex = notHex((long) LONGS.get(b, at))
                | notHex((w1 & ~DASHES_1_MASK) | (ZEROS & DASHES_1_MASK))
                | notHex((w2 & ~DASHES_2_MASK) | (ZEROS & DASHES_2_MASK))
                | notHex((long) LONGS.get(b, at + 24))
                | notHex((long) LONGS.get(b, at + 28));
        return (dashes | notHex) == 0;
    }

    /**
     * The 8 bytes at {@code at} as decimal digits, one value per byte, where the bytes under
     * {@code separators} must equal {@code expected} (and read as 0); -1 when they do not or a byte is no digit.
     */
    public static long digits(byte[] b, int at, long separators, long expected) {
        long x = (long) LONGS.get(b, at);
        if ((x & separators) != expected) {
            return -1;
        }
        x = (x & ~separators) | (ZEROS & separators);
        long atLeast0 = ((x | HIGH_BITS) - ZEROS) & HIGH_BITS;
        long above9 = (x + 0x4646464646464646L) & HIGH_BITS;
        return ((x & HIGH_BITS) | (atLeast0 ^ HIGH_BITS) | above9) == 0 ? x - ZEROS : -1;
    }

    /** Byte {@code index} of a {@link #digits} answer. */
    public static int digit(long digits, int index) {
        return (int) (digits >>> (8 * index)) & 0xFF;
    }

    /** Zero when all eight bytes of {@code x} are hex digits (either case). */
    private static long notHex(long x) {
        long atLeast0 = ((x | HIGH_BITS) - 0x3030303030303030L) & HIGH_BITS;
        long above9 = (x + 0x4646464646464646L) & HIGH_BITS;
        long lower = x | 0x2020202020202020L;
        long atLeastA = ((lower | HIGH_BITS) - 0x6161616161616161L) & HIGH_BITS;
        long aboveF = (lower + 0x1919191919191919L) & HIGH_BITS;
        return (x & HIGH_BITS) | (((atLeast0 & ~above9) | (atLeastA & ~aboveF)) ^ HIGH_BITS);
    }

    /** The 8 bytes at {@code at} as hex digits (either case), a 32-bit number; -1 if one is not a hex digit. */
    public static long hex8(byte[] b, int at) {
        return hex8((long) LONGS.get(b, at), false);
    }

    /** The 4 bytes at {@code at} as hex digits, a 16-bit number; -1 if one is not a hex digit. */
    public static long hex4(byte[] b, int at) {
        return hex4(b, at, false);
    }

    /** The same, with only {@code a-f} for the digits above 9 when {@code lowerCaseOnly}. */
    public static long hex8(byte[] b, int at, boolean lowerCaseOnly) {
        return hex8((long) LONGS.get(b, at), lowerCaseOnly);
    }

    public static long hex4(byte[] b, int at, boolean lowerCaseOnly) {
        long value = hex8(((int) INTS.get(b, at) & 0xFFFFFFFFL) | ZEROS_4_TO_7, lowerCaseOnly);
        return value < 0 ? -1 : value >>> 16;
    }

    /** Eight ASCII hex digits, the first in the lowest byte, as a number; -1 if one is not a hex digit. */
    public static long hex8(long x, boolean lowerCaseOnly) {
        if ((x & HIGH_BITS) != 0) {
            return -1;
        }
        long atLeast0 = ((x | HIGH_BITS) - 0x3030303030303030L) & HIGH_BITS;
        long above9 = (x + 0x4646464646464646L) & HIGH_BITS;
        long lower = lowerCaseOnly ? x : x | 0x2020202020202020L;
        long atLeastA = ((lower | HIGH_BITS) - 0x6161616161616161L) & HIGH_BITS;
        long aboveF = (lower + 0x1919191919191919L) & HIGH_BITS;
        if (((atLeast0 & ~above9) | (atLeastA & ~aboveF)) != HIGH_BITS) {
            return -1;
        }
        long nibbles = (x & 0x0F0F0F0F0F0F0F0FL) + ((x >>> 6) & 0x0101010101010101L) * 9;
        long bytes = ((nibbles & 0x00FF00FF00FF00FFL) << 4) | ((nibbles >>> 8) & 0x00FF00FF00FF00FFL);
        long shorts = ((bytes & 0x0000FFFF0000FFFFL) << 8) | ((bytes >>> 16) & 0x0000FFFF0000FFFFL);
        return ((shorts & 0xFFFFL) << 16) | ((shorts >>> 32) & 0xFFFFL);
    }
}
