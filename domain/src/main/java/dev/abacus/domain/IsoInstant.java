package dev.abacus.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes and reads the form {@link Instant#toString()} gives instants of the years 0000–9999
 * ({@code yyyy-MM-ddTHH:mm:ss[.fff|.ffffff|.fffffffff]Z}) without {@code DateTimeFormatter}, whose field resolution
 * was a third of what decoding a command cost. Anything else is left to {@link Instant#toString()} and
 * {@link Instant#parse}, which stay the judges: this never answers differently from them.
 */
final class IsoInstant {

    /** The longest text {@link #write} writes. */
    static final int MAX_LENGTH = 30;

    private static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstant() {}

    /**
     * Writes {@code instant.toString()} into {@code out} from {@code at}, which has {@link #MAX_LENGTH} bytes of room,
     * and returns where it ends; -1, having written nothing, for an instant outside the years 0000–9999.
     */
    static int write(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int p = digits(out, at, date.getYear(), 4);
        out[p++] = '-';
        p = digits(out, p, date.getMonthValue(), 2);
        out[p++] = '-';
        p = digits(out, p, date.getDayOfMonth(), 2);
        out[p++] = 'T';
        p = digits(out, p, secondOfDay / 3_600, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay / 60 % 60, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            out[p++] = '.';
            if (nano % 1_000_000 == 0) {
                p = digits(out, p, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                p = digits(out, p, nano / 1_000, 6);
            } else {
                p = digits(out, p, nano, 9);
            }
        }
        out[p++] = 'Z';
        return p;
    }

    /**
     * The instant {@code text[from, to)} is, when it is in this form with 1 to 9 fraction digits or none; null when it is not,
     * which is no verdict: {@link Instant#parse} decides those.
     */
    static Instant parse(char[] text, int from, int to) {
        int length = to - from;
        if (length < 20 || length > MAX_LENGTH || length == 21 || text[to - 1] != 'Z'
                || text[from + 4] != '-' || text[from + 7] != '-' || text[from + 10] != 'T'
                || text[from + 13] != ':' || text[from + 16] != ':') {
            return null;
        }
        int year = number(text, from, 4);
        int month = number(text, from + 5, 2);
        int day = number(text, from + 8, 2);
        int hour = number(text, from + 11, 2);
        int minute = number(text, from + 14, 2);
        int second = number(text, from + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            if (text[from + 19] != '.') {
                return null;
            }
            int fraction = length - 21;
            nano = number(text, from + 20, fraction);
            if (nano < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The decimal {@code text[at, at + count)}, up to 9 digits; -1 when one of them is not a digit. */
    private static int number(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int digits(byte[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }
}
