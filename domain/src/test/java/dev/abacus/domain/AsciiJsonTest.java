package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written encoding is byte for byte the generator's, so no reader can tell them apart. */
class AsciiJsonTest {

    @Property(tries = 1000)
    void commandsAreWrittenAsJacksonWritesThem(@ForAll("commands") Command command) {
        assertThat(text(WireCodec.encode(command))).isEqualTo(text(WireCodec.encodeWithJackson(command)));
    }

    @Property(tries = 1000)
    void eventsAreWrittenAsJacksonWritesThem(@ForAll("events") Event event) {
        assertThat(text(WireCodec.encode(event))).isEqualTo(text(WireCodec.encodeWithJackson(event)));
    }

    @Property(tries = 1000)
    void outcomesAreWrittenAsJacksonWritesThem(@ForAll("outcomes") Outcome outcome) {
        assertThat(text(WireCodec.encode(outcome))).isEqualTo(text(WireCodec.encodeWithJackson(outcome)));
    }

    @Test
    void anEventReadsAsTheSeedsShape() {
        UUID id = UUID.fromString("00000000-0000-0001-ffff-0000000000ab");
        Event event = new ValueUpdated(id, id, id, Operation.MULTIPLY, -0.0, 1e-300, Long.MAX_VALUE,
                Instant.parse("2024-02-29T23:59:59.000123Z"));
        assertThat(text(WireCodec.encode(event))).isEqualTo("{\"id\":\"00000000-0000-0001-ffff-0000000000ab\","
                + "\"parent-id\":\"00000000-0000-0001-ffff-0000000000ab\",\"action\":\"ValueUpdated\",\"data\":{"
                + "\"value-id\":\"00000000-0000-0001-ffff-0000000000ab\",\"operation\":\"MULTIPLY\",\"operand\":-0.0,"
                + "\"value\":1.0E-300,\"version\":9223372036854775807},\"timestamp\":\"2024-02-29T23:59:59.000123Z\","
                + "\"schema\":1}");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Command> commands() {
        return Arbitraries.oneOf(
                Combinators.combine(ids(), ids(), numbers(), times()).as(CreateValue::new),
                Combinators.combine(ids(), ids(), Arbitraries.of(Operation.class), numbers(), times())
                        .as(UpdateValue::new));
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<Long> versions = Arbitraries.longs().between(1, Long.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(ids(), ids(), ids(), numbers(), versions, times()).as(ValueCreated::new),
                Combinators.combine(ids(), ids(), ids(), Arbitraries.of(Operation.class), numbers(), numbers(), versions,
                        times()).as(ValueUpdated::new));
    }

    @Provide
    Arbitrary<Outcome> outcomes() {
        Arbitrary<UUID> maybeValue = ids().injectNull(0.1);
        Arbitrary<Outcome> accepted = Combinators.combine(ids(), maybeValue, ids(), numbers(),
                Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(true, false), times())
                .as(Outcome.Accepted::new);
        Arbitrary<Outcome> rejected = Combinators.combine(ids(), maybeValue, Arbitraries.of(RejectionReason.class),
                Arbitraries.strings().ofMaxLength(40), times()).as(Outcome.Rejected::new);
        return Arbitraries.oneOf(accepted, accepted, rejected);
    }

    private static Arbitrary<UUID> ids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    /** Every double, the special ones (non-finite, -0.0, subnormal) often. */
    private static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e7, 1e-3, 0.001, 9.999999e6,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Years 0 to 9999 and beyond, with whole seconds, millis, micros and nanos. */
    private static Arbitrary<Instant> times() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
