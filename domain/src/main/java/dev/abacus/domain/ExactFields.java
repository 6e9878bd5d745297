package dev.abacus.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The fields of the exact layout {@link WireCodec} writes (no whitespace, no escapes), read in place: numbers, ids
 * and timestamps, each answering "not mine" (-1, NaN, null, Long.MIN_VALUE) for any text it does not read exactly as
 * Jackson and {@link Instant#parse} would. The layouts' readers (commands here, events in the view) are built on it
 * and fall back to the parsers, which stay the judges.
 */
public final class ExactFields {

    /** Longer numbers are left to the parser (its limit is 64). */
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

    private ExactFields() {}

    /** The UUID whose text (either case) is the 36 bytes at {@code at}, or null when they are not one. */
    public static UUID uuid(byte[] b, int at, int end) {
        if (at < 0 || at + UuidText.LENGTH > end || !Swar.isUuid(b, at)) {
            return null;
        }
        return new UUID(Swar.hex8(b, at) << 32 | Swar.hex4(b, at + 9) << 16 | Swar.hex4(b, at + 14),
                Swar.hex4(b, at + 19) << 48 | Swar.hex8(b, at + 24) << 16 | Swar.hex4(b, at + 32));
    }

    /** End of a JSON number starting at {@code at}, or -1 when there is none or it is too long. */
    public static int numberEnd(byte[] b, int at, int end) {
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
    public static double number(byte[] b, int at, int to) {
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
     * then {@code Z} or a dot, 1 to 9 digits and {@code Z}; -1 otherwise. {@link #epochSecond} checks the rest.
     */
    public static int timestampEnd(byte[] b, int at, int end) {
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

    /**
     * A {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z} instant's epoch second; Long.MIN_VALUE for any other form. Its
     * fraction is {@link #nanos} of the same text.
     */
    public static long epochSecond(byte[] b, int at, int length) {
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
        if (length > 20 && (b[at + 19] != '.' || nanos(b, at, length) < 0)) {
            return Long.MIN_VALUE;
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
        return days * 86_400 + hour * 3_600L + minute * 60L + second;
    }

    /** The nanoseconds of a timestamp {@link #epochSecond} reads, from its 0 to 9 fraction digits; -1 for a non-digit. */
    public static int nanos(byte[] b, int at, int length) {
        int nanos = 0;
        int fraction = Math.max(0, length - 21);
        for (int i = 0; i < fraction; i++) {
            byte c = b[at + 20 + i];
            if (c < '0' || c > '9') {
                return -1;
            }
            nanos = nanos * 10 + (c - '0');
        }
        for (int i = fraction; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
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
