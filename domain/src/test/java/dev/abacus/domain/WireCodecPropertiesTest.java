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

class WireCodecPropertiesTest {

    @Property(tries = 300)
    void commandsSurviveARoundTrip(@ForAll("commands") Command command) {
        assertThat(WireCodec.decodeCommand(WireCodec.encode(command))).isEqualTo(command);
    }

    @Property(tries = 300)
    void eventsSurviveARoundTrip(@ForAll("events") Event event) {
        assertThat(WireCodec.decodeEvent(WireCodec.encode(event))).isEqualTo(event);
    }

    /** Any bytes at all either decode or fail with the one typed error a consumer handles. */
    @Property(tries = 2000)
    void arbitraryInputFailsOnlyWithMalformedRecord(@ForAll("noise") String noise) {
        byte[] bytes = noise.getBytes(StandardCharsets.UTF_8);
        for (Runnable decode : new Runnable[] {
            () -> WireCodec.decodeCommand(bytes), () -> WireCodec.decodeEvent(bytes), () -> WireCodec.decodeOutcome(bytes)
        }) {
            try {
                decode.run();
            } catch (MalformedRecordException expected) {
                assertThat(expected).hasMessageNotContaining("Exception");
            }
        }
    }

    @Provide
    Arbitrary<String> noise() {
        String valid = new String(WireCodec.encode(new UpdateValue(UUID.randomUUID(), UUID.randomUUID(),
                Operation.ADD, 1.5, Instant.parse("2026-01-01T00:00:00Z"))), StandardCharsets.UTF_8);
        Arbitrary<String> mutated = Combinators.combine(
                        Arbitraries.integers().between(0, valid.length() - 1),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.strings().ofMaxLength(6))
                .as((at, cut, insert) -> valid.substring(0, at) + insert + valid.substring(Math.min(valid.length(), at + cut)));
        return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Double> numbers = Arbitraries.doubles();
        Arbitrary<Command> creates = Combinators.combine(numbers, times)
                .as((v, t) -> new CreateValue(UUID.randomUUID(), UUID.randomUUID(), v, t));
        Arbitrary<Command> updates = Combinators.combine(Arbitraries.of(Operation.class), numbers, times)
                .as((op, v, t) -> new UpdateValue(UUID.randomUUID(), UUID.randomUUID(), op, v, t));
        return Arbitraries.oneOf(creates, updates);
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<Long> versions = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Event> created = Combinators.combine(Arbitraries.doubles(), versions, times)
                .as((v, n, t) -> new ValueCreated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), v, n, t));
        Arbitrary<Event> updated = Combinators.combine(Arbitraries.of(Operation.class), Arbitraries.doubles(),
                        Arbitraries.doubles(), versions, times)
                .as((op, operand, v, n, t) -> new ValueUpdated(
                        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), op, operand, v, n, t));
        return Arbitraries.oneOf(created, updated);
    }
}
