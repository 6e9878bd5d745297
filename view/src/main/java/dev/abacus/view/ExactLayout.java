package dev.abacus.view;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reads an event record byte by byte when it is laid out exactly as {@code WireCodec.encode(Event)}
 * writes it (field order, no whitespace, no escapes): no parser, no strings, one UUID per record.
 * Anything else answers false and goes to the streaming parser, then to the codec, which stay the
 * judges; this only ever accepts what they accept, with the same fields.
 */
final class ExactLayout {

    private static final byte[] HEAD = ascii("{\"id\":\"");
    private static final byte[] PARENT = ascii("\",\"parent-id\":\"");
    private static final byte[] CREATED = ascii("\",\"action\":\"ValueCreated\",\"data\":{\"value-id\":\"");
    private static final byte[] UPDATED = ascii("\",\"action\":\"ValueUpdated\",\"data\":{\"value-id\":\"");
    private static final byte[] OPERATION = ascii("\",\"operation\":\"");
    private static final byte[] ADD = ascii("ADD\",\"operand\":");
    private static final byte[] MULTIPLY = ascii("MULTIPLY\",\"operand\":");
    private static final byte[] VALUE_AFTER_ID = ascii("\",\"value\":");
    private static final byte[] VALUE_AFTER_OPERAND = ascii(",\"value\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] TIMESTAMP = ascii("},\"timestamp\":\"");
    private static final byte[] TAIL = ascii("\",\"schema\":1}");
    private static final int MAX_NUMBER_LENGTH = 60;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private ExactLayout() {}

    static boolean decode(byte[] b, EventDecoder.Decoded into) {
        int p = match(b, 0, HEAD);
        if (p < 0 || !isUuid(b, p)) {
            return false;
        }
        p = match(b, p + 36, PARENT);
        if (p < 0 || !isUuid(b, p)) {
            return false;
        }
        p += 36;
        boolean updated = false;
        int q = match(b, p, CREATED);
        if (q < 0) {
            q = match(b, p, UPDATED);
            updated = true;
        }
        if (q < 0 || !isUuid(b, q)) {
            return false;
        }
        int valueIdAt = q;
        p = q + 36;
        if (updated) {
            p = match(b, p, OPERATION);
            if (p < 0) {
                return false;
            }
            q = match(b, p, ADD);
            p = q >= 0 ? q : match(b, p, MULTIPLY);
            if (p < 0) {
                return false;
            }
            int operandEnd = numberEnd(b, p);
            if (operandEnd < 0 || Double.isNaN(number(b, p, operandEnd))) {
                return false;
            }
            p = match(b, operandEnd, VALUE_AFTER_OPERAND);
        } else {
            p = match(b, p, VALUE_AFTER_ID);
        }
        if (p < 0) {
            return false;
        }
        int valueEnd = numberEnd(b, p);
        if (valueEnd < 0) {
            return false;
        }
        double value = number(b, p, valueEnd);
        if (Double.isNaN(value)) {
            return false;
        }
        p = match(b, valueEnd, VERSION);
        if (p < 0) {
            return false;
        }
        long version = 0;
        int digits = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9') {
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
        p = match(b, p, TIMESTAMP);
        if (p < 0) {
            return false;
        }
        int quote = p;
        while (quote < b.length && quote - p <= 30 && b[quote] != '"') {
            quote++;
        }
        if (quote >= b.length || b[quote] != '"') {
            return false;
        }
        long epochMilli = timestamp(b, p, quote - p);
        if (epochMilli == Long.MIN_VALUE) {
            return false;
        }
        if (match(b, quote, TAIL) != b.length) {
            return false;
        }
        into.valueId = uuid(b, valueIdAt);
        into.value = value;
        into.version = version;
        into.epochMilli = epochMilli;
        return true;
    }

    private static int match(byte[] b, int at, byte[] literal) {
        if (at < 0 || at + literal.length > b.length) {
            return -1;
        }
        for (int i = 0; i < literal.length; i++) {
            if (b[at + i] != literal[i]) {
                return -1;
            }
        }
        return at + literal.length;
    }

    private static boolean isUuid(byte[] b, int at) {
        if (at + 36 > b.length) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            byte c = b[at + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (c < 0 || HEX[c] < 0) {
                return false;
            }
        }
        return true;
    }

    private static UUID uuid(byte[] b, int at) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            int digit = HEX[b[at + i]];
            if (i < 19) {
                high = (high << 4) | digit;
            } else {
                low = (low << 4) | digit;
            }
        }
        return new UUID(high, low);
    }

    /** End of a JSON number starting at {@code at}, or -1 when there is none or it is too long. */
    private static int numberEnd(byte[] b, int at) {
        int p = at;
        if (p < b.length && b[p] == '-') {
            p++;
        }
        if (p >= b.length) {
            return -1;
        }
        if (b[p] == '0') {
            p++;
        } else if (b[p] >= '1' && b[p] <= '9') {
            while (p < b.length && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        } else {
            return -1;
        }
        if (p < b.length && b[p] == '.') {
            int start = ++p;
            while (p < b.length && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == start) {
                return -1;
            }
        }
        if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < b.length && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int start = p;
            while (p < b.length && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == start) {
                return -1;
            }
        }
        return p - at > MAX_NUMBER_LENGTH ? -1 : p;
    }

    /**
     * The number's double value, as Jackson reads it; NaN when this reader does not answer for it
     * (an integer beyond long range, which the codec reads as a big integer).
     */
    private static double number(byte[] b, int at, int end) {
        boolean negative = b[at] == '-';
        int p = negative ? at + 1 : at;
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean simple = true;
        for (; p < end; p++) {
            byte c = b[p];
            if (c == '.') {
                fraction = 0;
            } else if (c == 'e' || c == 'E') {
                simple = false;
                break;
            } else {
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
                if (++digits > 18) {
                    simple = false;
                    break;
                }
            }
        }
        if (simple && fraction < 0) {
            return (double) (negative ? -mantissa : mantissa); // an integer: "-0" is 0.0, as Jackson reads it
        }
        if (fraction < 0 && !hasFractionOrExponent(b, at, end)) {
            return Double.NaN;
        }
        if (simple && digits <= 15 && fraction <= 15) {
            double value = mantissa / POWERS_OF_TEN[fraction];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(b, at, end - at, StandardCharsets.ISO_8859_1));
    }

    private static boolean hasFractionOrExponent(byte[] b, int at, int end) {
        for (int p = at; p < end; p++) {
            if (b[p] == '.' || b[p] == 'e' || b[p] == 'E') {
                return true;
            }
        }
        return false;
    }

    /** A {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z} instant as epoch milliseconds; Long.MIN_VALUE for any other form. */
    private static long timestamp(byte[] b, int at, int length) {
        if (length < 20 || length > 30 || length == 21 || b[at + length - 1] != 'Z'
                || b[at + 4] != '-' || b[at + 7] != '-' || b[at + 10] != 'T'
                || b[at + 13] != ':' || b[at + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(b, at, 4);
        int month = digits(b, at + 5, 2);
        int day = digits(b, at + 8, 2);
        int hour = digits(b, at + 11, 2);
        int minute = digits(b, at + 14, 2);
        int second = digits(b, at + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int nanos = 0;
        if (length > 20) {
            if (b[at + 19] != '.') {
                return Long.MIN_VALUE;
            }
            int fraction = length - 21;
            int value = digits(b, at + 20, fraction);
            if (value < 0) {
                return Long.MIN_VALUE;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days;
        if (month >= 1 && month <= 12 && day >= 1 && day <= 28) {
            days = epochDay(year, month, day);
        } else {
            try {
                days = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return Long.MIN_VALUE;
            }
        }
        long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second;
        return seconds * 1_000 + nanos / 1_000_000;
    }

    /** {@link LocalDate#toEpochDay()} without the object, for a valid date. */
    private static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
            if (!leap) {
                total--;
            }
        }
        return total - 719_528;
    }

    private static int digits(byte[] b, int at, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            byte c = b[at + i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
