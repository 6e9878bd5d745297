package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Eight bytes at a time must answer exactly what a byte-by-byte reading does. */
class SwarTest {

    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

    @Test
    void everyByteInEveryPositionOfEightHexDigits() {
        Random random = new Random(8);
        for (int trial = 0; trial < 40; trial++) {
            byte[] digits = randomHex(random, 8);
            for (int position = 0; position < 8; position++) {
                for (int c = 0; c < 256; c++) {
                    byte[] b = digits.clone();
                    b[position] = (byte) c;
                    assertThat(Swar.hex8(b, 0)).as("%s", Arrays.toString(b)).isEqualTo(reference(b, 0, 8, false));
                    assertThat(Swar.hex8(b, 0, true)).as("%s", Arrays.toString(b)).isEqualTo(reference(b, 0, 8, true));
                }
            }
        }
    }

    @Test
    void everyByteInEveryPositionOfFourHexDigits() {
        Random random = new Random(4);
        for (int trial = 0; trial < 40; trial++) {
            byte[] digits = randomHex(random, 6);
            for (int position = 1; position < 5; position++) {
                for (int c = 0; c < 256; c++) {
                    byte[] b = digits.clone();
                    b[position] = (byte) c;
                    assertThat(Swar.hex4(b, 1)).as("%s", Arrays.toString(b)).isEqualTo(reference(b, 1, 4, false));
                    assertThat(Swar.hex4(b, 1, true)).as("%s", Arrays.toString(b)).isEqualTo(reference(b, 1, 4, true));
                }
            }
        }
    }

    @Property(tries = 2000)
    void aLiteralMatchesExactlyWhereItsBytesAre(@ForAll @IntRange(min = 8, max = 48) int length,
            @ForAll @IntRange(min = 0, max = 20) int at, @ForAll @IntRange(min = -1, max = 60) int changed,
            @ForAll long seed) {
        Random random = new Random(seed);
        byte[] literal = new byte[length];
        for (int i = 0; i < length; i++) {
            literal[i] = (byte) (32 + random.nextInt(95));
        }
        byte[] b = new byte[at + length + random.nextInt(3) - 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = i >= at && i < at + length ? literal[i - at] : (byte) random.nextInt(256);
        }
        if (changed >= 0 && changed < b.length) {
            b[changed] = (byte) random.nextInt(256);
        }
        boolean expected = at + length <= b.length && Arrays.equals(b, at, at + length, literal, 0, length);
        Swar.Literal word = Swar.Literal.of(new String(literal, StandardCharsets.US_ASCII));
        assertThat(word.match(b, at, b.length)).isEqualTo(expected ? at + length : -1);
        assertThat(word.match(b, -1, b.length)).isEqualTo(-1);
        assertThat(word.match(b, at, at + length - 1)).as("not past the end given").isEqualTo(-1);
    }

    @Property(tries = 3000)
    void aUuidsTextIsWhatTheUuidParserReadsInCanonicalShape(@ForAll long high, @ForAll long low,
            @ForAll @IntRange(min = -1, max = 35) int changed, @ForAll @IntRange(min = 0, max = 255) int to,
            @ForAll boolean upperCase) {
        String text = new java.util.UUID(high, low).toString();
        byte[] b = ("xx" + (upperCase ? text.toUpperCase(java.util.Locale.ROOT) : text) + "yy").getBytes(StandardCharsets.ISO_8859_1);
        if (changed >= 0) {
            b[2 + changed] = (byte) to;
        }
        boolean expected = true;
        for (int i = 0; i < 36; i++) {
            char c = (char) (b[2 + i] & 0xFF);
            expected &= i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : HEX_DIGITS.indexOf(c) >= 0;
        }
        assertThat(Swar.isUuid(b, 2)).isEqualTo(expected);
    }

    private static long reference(byte[] b, int at, int count, boolean lowerCaseOnly) {
        long value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = HEX_DIGITS.indexOf((char) (b[i] & 0xFF));
            if (b[i] < 0 || digit < 0 || (lowerCaseOnly && digit > 15)) {
                return -1;
            }
            value = value << 4 | HexFormat.fromHexDigit(b[i]);
        }
        return value;
    }

    private static byte[] randomHex(Random random, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) HEX_DIGITS.charAt(random.nextInt(HEX_DIGITS.length()));
        }
        return b;
    }
}
