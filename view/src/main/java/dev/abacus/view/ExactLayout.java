package dev.abacus.view;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import dev.abacus.view.Swar.Literal;

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
    private static final int MAX_NUMBER_LENGTH = 60;
    /** "yyyy-MM-": dashes at 4 and 7. */
    private static final long DATE_SEPARATORS = 0xFF0000FF00000000L;
    private static final long DATE_SEPARATOR_BYTES = 0x2D00002D00000000L;
    /** "ddTHH:mm" and "HH:mm:ss": separators at 2 and 5. */
    private static final long TIME_SEPARATORS = 0x0000FF0000FF0000L;
    private static final long DAY_TIME_SEPARATOR_BYTES = 0x00003A0000540000L;
    private static final long TIME_SEPARATOR_BYTES = 0x00003A00003A0000L;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

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
            int operandEnd = numberEnd(b, p, end);
            if (operandEnd < 0 || Double.isNaN(number(b, p, operandEnd))) {
                return false;
            }
            p = match(b, operandEnd, end, VALUE_AFTER_OPERAND);
        } else {
            p = match(b, p, end, VALUE_AFTER_ID);
        }
        if (p < 0) {
            return false;
        }
        int valueEnd = numberEnd(b, p, end);
        if (valueEnd < 0) {
            return false;
        }
        double value = number(b, p, valueEnd);
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
        int quote = timestampEnd(b, p, end);
        if (quote < 0) {
            return false;
        }
        long epochMilli = timestamp(b, p, quote - p);
        if (epochMilli == Long.MIN_VALUE) {
            return false;
        }
        if (match(b, quote, end, TAIL) != end) {
            return false;
        }
        into.idHigh = a << 32 | c << 16 | d;
        into.idLow = e << 48 | f << 16 | g;
        into.value = value;
        into.version = version;
        into.epochMilli = epochMilli;
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

    /** End of a JSON number starting at {@code at}, or -1 when there is none or it is too long. */
    private static int numberEnd(byte[] b, int at, int end) {
        int p = at;
        if (p < end && b[p] == '-') {
            p++;
        }
        if (p >= end) {
            return -1;
        }
        if (b[p] == '0') {
            p++;
        } else if (b[p] >= '1' && b[p] <= '9') {
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        } else {
            return -1;
        }
        if (p < end && b[p] == '.') {
            int start = ++p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == start) {
                return -1;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int start = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
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
    private static double number(byte[] b, int at, int to) {
        boolean negative = b[at] == '-';
        int p = negative ? at + 1 : at;
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean simple = true;
        for (; p < to; p++) {
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
        if (fraction < 0 && !hasFractionOrExponent(b, at, to)) {
            return Double.NaN;
        }
        if (simple && digits <= 15 && fraction <= 15) {
            double value = mantissa / POWERS_OF_TEN[fraction];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(b, at, to - at, StandardCharsets.ISO_8859_1));
    }

    private static boolean hasFractionOrExponent(byte[] b, int at, int to) {
        for (int p = at; p < to; p++) {
            if (b[p] == '.' || b[p] == 'e' || b[p] == 'E') {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the quote closing a timestamp that starts at {@code at} is, when its text can be one: 19 bytes,
     * then {@code Z} or a dot, 1 to 9 digits and {@code Z}; -1 otherwise. {@link #timestamp} checks the rest.
     */
    private static int timestampEnd(byte[] b, int at, int end) {
        int p = at + 19;
        if (p + 1 >= end) {
            return -1;
        }
        if (b[p] == '.') {
            int digits = ++p;
            while (p < end && p - digits < 10 && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == digits || p - digits > 9 || p + 1 >= end) {
                return -1;
            }
        }
        return b[p] == 'Z' && b[p + 1] == '"' ? p + 1 : -1;
    }

    /** A {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z} instant as epoch milliseconds; Long.MIN_VALUE for any other form. */
    private static long timestamp(byte[] b, int at, int length) {
        if (length < 20 || length > 30 || length == 21 || b[at + length - 1] != 'Z') {
            return Long.MIN_VALUE;
        }
        long date = Swar.digits(b, at, DATE_SEPARATORS, DATE_SEPARATOR_BYTES);
        long dayHourMinute = Swar.digits(b, at + 8, TIME_SEPARATORS, DAY_TIME_SEPARATOR_BYTES);
        long hourMinuteSecond = Swar.digits(b, at + 11, TIME_SEPARATORS, TIME_SEPARATOR_BYTES);
        if ((date | dayHourMinute | hourMinuteSecond) < 0) {
            return Long.MIN_VALUE;
        }
        int year = Swar.digit(date, 0) * 1000 + Swar.digit(date, 1) * 100 + Swar.digit(date, 2) * 10 + Swar.digit(date, 3);
        int month = Swar.digit(date, 5) * 10 + Swar.digit(date, 6);
        int day = Swar.digit(dayHourMinute, 0) * 10 + Swar.digit(dayHourMinute, 1);
        int hour = Swar.digit(dayHourMinute, 3) * 10 + Swar.digit(dayHourMinute, 4);
        int minute = Swar.digit(dayHourMinute, 6) * 10 + Swar.digit(dayHourMinute, 7);
        int second = Swar.digit(hourMinuteSecond, 6) * 10 + Swar.digit(hourMinuteSecond, 7);
        if (hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (length > 20) {
            if (b[at + 19] != '.') {
                return Long.MIN_VALUE;
            }
            int fraction = length - 21;
            for (int i = 0; i < fraction; i++) {
                byte c = b[at + 20 + i];
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                if (i < 3) {
                    millis = millis * 10 + (c - '0');
                }
            }
            for (int i = fraction; i < 3; i++) {
                millis *= 10;
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
        return seconds * 1_000 + millis;
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


}
