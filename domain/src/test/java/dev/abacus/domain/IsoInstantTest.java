package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link IsoInstant} writes what {@code Instant.toString} writes and reads only what {@code Instant.parse} reads, alike. */
class IsoInstantTest {

    @Property(tries = 3000)
    void writesWhatToStringWrites(@ForAll(supplier = WireArbitraries.Instants.class) Instant instant) {
        byte[] out = new byte[IsoInstant.MAX_LENGTH + 4];
        int end = IsoInstant.write(instant, out, 2);
        if (!ofFourDigitYear(instant)) {
            assertThat(end).isEqualTo(-1);
            assertThat(out).containsOnly(0);
        } else {
            assertThat(new String(out, 2, end - 2, StandardCharsets.US_ASCII)).isEqualTo(instant.toString());
        }
    }

    @Property(tries = 3000)
    void readsWhatItWritesAsParseDoes(@ForAll(supplier = WireArbitraries.Instants.class) Instant instant) {
        Instant read = parse(instant.toString());
        if (ofFourDigitYear(instant)) {
            assertThat(read).isEqualTo(instant);
        } else {
            assertThat(read).isNull();
        }
    }

    @Property(tries = 1000)
    void readsEveryFractionLengthAsParseDoes(
            @ForAll(supplier = WireArbitraries.Instants.class) Instant instant, @ForAll @IntRange(min = 1, max = 9) int digits) {
        Assume.that(ofFourDigitYear(instant));
        String whole = instant.toString().substring(0, 19);
        String nanos = String.format("%09d", instant.getNano()).substring(0, digits);
        String text = whole + "." + nanos + "Z";
        assertThat(parse(text)).isEqualTo(verdict(text)).isNotNull();
    }

    /** Whatever it reads, parse reads the same; what parse refuses it never reads. */
    @Property(tries = 5000)
    void neverAnswersOtherwiseThanParse(@ForAll("altered") String text) {
        Instant read = parse(text);
        if (read != null) {
            assertThat(read).isEqualTo(verdict(text));
        }
    }

    @Test
    void readsCalendarEdgesAsParseDoes() {
        assertThat(parse("2024-02-29T23:59:59.999999999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
        assertThat(parse("0000-01-01T00:00:00Z")).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
        assertThat(parse("9999-12-31T23:59:59Z")).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(parse("2023-02-29T00:00:00Z")).isNull();
        assertThat(parse("2026-12-03T23:59:60Z")).isNull();
        assertThat(parse("2026-12-03T16:26:04.Z")).isNull();
        assertThat(parse("2026-12-03t16:26:04z")).isNull();
        assertThat(parse("2026-12-03T16:26:04+01:00")).isNull();
    }

    private static boolean ofFourDigitYear(Instant instant) {
        return !instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))
                && instant.isBefore(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    private static Instant parse(String text) {
        char[] chars = ("··" + text + "·").toCharArray();
        return IsoInstant.parse(chars, 2, 2 + text.length());
    }

    private static Instant verdict(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException refused) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> altered() {
        Arbitrary<String> written = WireArbitraries.times().map(Instant::toString);
        Arbitrary<Character> characters = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', 't', 'z', '.',
                '+', ' ', '/');
        return Combinators.combine(written, Arbitraries.integers().between(0, 29), Arbitraries.integers().between(0, 2),
                        characters.list().ofMaxSize(3))
                .as((text, at, cut, insert) -> {
                    int from = Math.min(at, text.length());
                    StringBuilder inserted = new StringBuilder();
                    insert.forEach(inserted::append);
                    return text.substring(0, from) + inserted + text.substring(Math.min(text.length(), from + cut));
                });
    }
}
