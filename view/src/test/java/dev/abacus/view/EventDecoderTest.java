package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The fast decoder must agree with the codec on every record: same fields, same verdict. */
class EventDecoderTest {

    private static final List<BiFunction<String, Random, String>> MUTATIONS = List.of(
            (json, random) -> json.replaceFirst("\"parent-id\":\"[^\"]*\",", ""),
            (json, random) -> json.replaceFirst("\"version\":\\d+", "\"version\":1,\"version\":2"),
            (json, random) -> json.replaceFirst("\\{", "{\"extra\":1,"),
            (json, random) -> json.replaceFirst("\"data\":\\{", "\"data\":{\"extra\":[1],"),
            (json, random) -> json.replaceFirst("\"schema\":1", pick(random, "\"schema\":2", "\"schema\":1.0",
                    "\"schema\":\"1\"", "\"schema\":null", "\"schema\":01")),
            (json, random) -> json.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":" + pick(random,
                    "\"2026-01-01T00:00:00Z\"", "\"2026-01-01t00:00:00z\"", "\"2026-01-01T00:00:00+01:00\"",
                    "1700000000000", "-5", "1.5", "\"2026-12-31T23:59:60Z\"", "\"2026-02-30T00:00:00Z\"",
                    "\"2026-01-01T24:00:00Z\"", "\"2024-02-29T12:00:00.1Z\"", "\"0000-01-01T00:00:00Z\"",
                    "\"2026-01-01T00:00:00.Z\"", "\"2026-01-01T00:00:00.1234567890Z\"", "\"+12026-01-01T00:00:00Z\"",
                    "99999999999999999999", "\"\"", "null")),
            (json, random) -> json.replaceFirst("\"value-id\":\"([^\"]*)\"", "\"value-id\":" + pick(random,
                    "\"D35E95F5-2A7A-4C31-8D28-2EB92643A154\"", "\"1-2-3-4-5\"", "\"+35e95f5-2a7a-4c31-8d28-2eb92643a154\"",
                    "\"d35e95f5-2a7a-4c31-8d28-2eb92643a15g\"", "\"d35e95f5x2a7a-4c31-8d28-2eb92643a154\"", "7",
                    "\"\uff11" + "35e95f5-2a7a-4c31-8d28-2eb92643a154\"")),
            (json, random) -> json.replaceFirst("\"version\":\\d+", "\"version\":" + pick(random, "0", "-1", "1.0",
                    "9223372036854775807", "9223372036854775808", "\"2\"", "1e2")),
            (json, random) -> json.replaceFirst("\"value\":[^,}]+", "\"value\":" + pick(random, "1e400", "-0.0",
                    "1E+2", "12345678901234567890", "0.1", "\"1\"", "true", "null", "1" + "0".repeat(70))),
            (json, random) -> json.replaceFirst("\"action\":\"[A-Za-z]+\"", "\"action\":" + pick(random,
                    "\"ValueCreated\"", "\"ValueUpdated\"", "\"valueCreated\"", "1")),
            (json, random) -> json.replaceFirst("\"operation\":\"[A-Z]+\"", "\"operation\":" + pick(random,
                    "\"SUBTRACT\"", "\"add\"", "null", "\"MULTIPLY\"")),
            (json, random) -> json.replaceFirst("\"operand\":[^,}]+,?", ""),
            (json, random) -> json.substring(0, random.nextInt(json.length())),
            (json, random) -> json + pick(random, " ", "}", "garbage", "{}"),
            (json, random) -> pick(random, " ", "\n", "\uFEFF") + json,
            (json, random) -> {
                char[] chars = json.toCharArray();
                chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
                return new String(chars);
            });

    @Property(tries = 500)
    void decodesEveryWellFormedEventLikeTheCodec(@ForAll("events") Event event) {
        byte[] bytes = WireCodec.encode(event);
        EventDecoder.Decoded decoded = new EventDecoder.Decoded();
        EventDecoder.read(ByteBuffer.wrap(bytes), decoded);
        assertSame(decoded, WireCodec.decodeEvent(bytes));
    }

    @Property(tries = 500)
    void readsTheProcessorsExactLayoutWithoutAParser(@ForAll("events") Event event) {
        byte[] bytes = WireCodec.encode(event);
        EventDecoder.Decoded exact = new EventDecoder.Decoded();
        assertThat(ExactLayout.decode(bytes, 0, bytes.length, exact)).as(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(event.version() < 1_000_000_000_000_000_000L);
        if (event.version() < 1_000_000_000_000_000_000L) {
            assertSame(exact, WireCodec.decodeEvent(bytes));
        }
    }

    @Property(tries = 3000)
    void theExactLayoutOnlyAcceptsWhatTheCodecReadsTheSame(
            @ForAll("events") Event event, @ForAll @IntRange(min = 0, max = 15) int mutation, @ForAll long seed) {
        String json = new String(WireCodec.encode(event), StandardCharsets.UTF_8);
        byte[] mutated = MUTATIONS.get(mutation).apply(json, new Random(seed)).getBytes(StandardCharsets.UTF_8);
        EventDecoder.Decoded exact = new EventDecoder.Decoded();
        if (ExactLayout.decode(mutated, 0, mutated.length, exact)) {
            assertSame(exact, WireCodec.decodeEvent(mutated));
        }
    }

    @Property(tries = 3000)
    void agreesWithTheCodecOnMutatedRecords(
            @ForAll("events") Event event, @ForAll @IntRange(min = 0, max = 15) int mutation, @ForAll long seed) {
        String json = new String(WireCodec.encode(event), StandardCharsets.UTF_8);
        byte[] mutated = MUTATIONS.get(mutation).apply(json, new Random(seed)).getBytes(StandardCharsets.UTF_8);
        Event expected;
        try {
            expected = WireCodec.decodeEvent(mutated);
        } catch (MalformedRecordException e) {
            EventDecoder.Decoded ignored = new EventDecoder.Decoded();
            assertThat(EventDecoder.decodeCanonical(mutated, 0, mutated.length, ignored)).as(new String(mutated, StandardCharsets.UTF_8))
                    .isFalse();
            return;
        }
        EventDecoder.Decoded decoded = new EventDecoder.Decoded();
        EventDecoder.read(ByteBuffer.wrap(mutated), decoded);
        assertSame(decoded, expected);
    }

    /** As Kafka hands a value over: a slice of the fetched bytes, a buffer positioned inside them, or off-heap. */
    @Property(tries = 3000)
    void readsARecordInsideAFetchedBufferAsTheCodecReadsItAlone(
            @ForAll("events") Event event, @ForAll @IntRange(min = 0, max = 16) int mutation, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int before, @ForAll @IntRange(min = 0, max = 40) int after,
            @ForAll @IntRange(min = 0, max = 2) int handing) {
        Random random = new Random(seed);
        String json = new String(WireCodec.encode(event), StandardCharsets.UTF_8);
        byte[] record = (mutation == 16 ? json : MUTATIONS.get(mutation).apply(json, random)).getBytes(StandardCharsets.UTF_8);
        byte[] fetched = new byte[before + record.length + after];
        random.nextBytes(fetched);
        System.arraycopy(record, 0, fetched, before, record.length);
        ByteBuffer value = switch (handing) {
            case 0 -> ByteBuffer.wrap(fetched, before, record.length).slice();
            case 1 -> ByteBuffer.wrap(fetched, before, record.length);
            default -> ByteBuffer.allocateDirect(fetched.length).put(fetched).position(before).limit(before + record.length);
        };
        int position = value.position();
        EventDecoder.Decoded read = new EventDecoder.Decoded();
        Event expected;
        try {
            expected = WireCodec.decodeEvent(record);
        } catch (MalformedRecordException e) {
            assertThatThrownBy(() -> EventDecoder.read(value, read)).isInstanceOf(MalformedRecordException.class)
                    .hasMessage(e.getMessage());
            assertThat(value.position()).isEqualTo(position);
            return;
        }
        EventDecoder.read(value, read);
        assertSame(read, expected);
        assertThat(value.position()).isEqualTo(position);
    }

    @Example
    void aRecordWithoutAValueIsRefusedAsTheCodecRefusesIt() {
        String reason = catchThrowableOfType(MalformedRecordException.class, () -> WireCodec.decodeEvent(null)).getMessage();

        assertThatThrownBy(() -> EventDecoder.read(null, new EventDecoder.Decoded()))
                .isInstanceOf(MalformedRecordException.class).hasMessage(reason);
    }

    @Provide
    Arbitrary<Event> events() {
        Arbitrary<UUID> ids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.integers().map(Integer::doubleValue),
                Arbitraries.of(0.0, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, -1e300, 1e-300));
        Arbitrary<Long> versions = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Instant> timestamps = Arbitraries.oneOf(
                Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                        .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                                .map(nanos -> Instant.ofEpochSecond(seconds, nanos))),
                Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond));
        Arbitrary<Event> created = Combinators.combine(ids, ids, ids, values, timestamps)
                .as((id, parent, valueId, value, at) -> new ValueCreated(id, parent, valueId, value, 1, at));
        Arbitrary<Event> updated = Combinators.combine(ids, ids, ids, values, versions, timestamps,
                        Arbitraries.of(Operation.class))
                .as((id, parent, valueId, value, version, at, operation) ->
                        new ValueUpdated(id, parent, valueId, operation, 2.0, value, version, at));
        return Arbitraries.oneOf(created, updated);
    }

    private static void assertSame(EventDecoder.Decoded decoded, Event event) {
        assertThat(decoded.valueId()).isEqualTo(event.valueId());
        assertThat(Double.doubleToLongBits(decoded.value)).isEqualTo(Double.doubleToLongBits(event.value()));
        assertThat(decoded.version).isEqualTo(event.version());
        assertThat(decoded.epochMilli).isEqualTo(EventDecoder.epochMilli(event.timestamp()));
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
