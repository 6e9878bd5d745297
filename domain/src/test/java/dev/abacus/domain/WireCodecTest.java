package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID VALUE = UUID.fromString("d35e95f5-2a7a-4c31-8d28-2eb92643a154");

    @Test
    void streamsExactlyWhatATreeOfTheSameFieldsWouldWrite() throws IOException {
        java.util.Random random = new java.util.Random(42);
        double[] specials = {0.0, -0.0, 3.0, 1e25, -0.5, Double.MIN_VALUE, Double.MAX_VALUE, 1.0E-7, 123456.789};
        for (int i = 0; i < 500; i++) {
            double value = i < specials.length ? specials[i] : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            for (byte[] bytes : java.util.List.of(
                    WireCodec.encode(new CreateValue(a, b, value, at)),
                    WireCodec.encode(new UpdateValue(a, b, Operation.ADD, value, at)),
                    WireCodec.encode(new ValueCreated(a, a, b, value, 1, at)),
                    WireCodec.encode(new ValueUpdated(a, a, b, Operation.MULTIPLY, value, -value, i + 2L, at)),
                    WireCodec.encode(new Outcome.Accepted(a, b, a, value, i + 1L, i % 2 == 0, at)),
                    WireCodec.encode(new Outcome.Rejected(a, i % 3 == 0 ? null : b, RejectionReason.INVALID,
                            "bad \"input\" \u00e9 " + i, at)))) {
                assertThat(new String(JSON.writeValueAsBytes(JSON.readTree(bytes)), StandardCharsets.UTF_8))
                        .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void createValueMatchesTheGoldenSample() throws IOException {
        CreateValue command = new CreateValue(
                UUID.fromString("7037a79d-7e6b-4969-9ea5-6d5c28605ac4"), VALUE, 3.0, Instant.parse("2021-02-11T18:31:55.765Z"));
        assertGolden("create-value.json", WireCodec.encode(command));
        assertThat(WireCodec.decodeCommand(golden("create-value.json"))).isEqualTo(command);
    }

    @Test
    void updateValueMatchesTheGoldenSample() throws IOException {
        UpdateValue command = new UpdateValue(UUID.fromString("b694cc37-7657-4d27-97f5-e8f800ef05c4"), VALUE,
                Operation.MULTIPLY, 3.0, Instant.parse("2021-02-11T18:36:42.444Z"));
        assertGolden("update-value.json", WireCodec.encode(command));
        assertThat(WireCodec.decodeCommand(golden("update-value.json"))).isEqualTo(command);
    }

    @Test
    void eventsMatchTheGoldenSamples() throws IOException {
        ValueCreated created = new ValueCreated(UUID.fromString("ed94c20c-abe2-4d62-9cc7-904b266ed37a"),
                UUID.fromString("7037a79d-7e6b-4969-9ea5-6d5c28605ac4"), VALUE, 3.0, 1,
                Instant.parse("2021-02-11T18:31:55.632Z"));
        ValueUpdated updated = new ValueUpdated(UUID.fromString("0b0f5c2e-55a4-3d0e-9f51-2a1a0f1c9e77"),
                UUID.fromString("b694cc37-7657-4d27-97f5-e8f800ef05c4"), VALUE, Operation.MULTIPLY, 3.0, 9.0, 2,
                Instant.parse("2021-02-11T18:36:42.500Z"));
        assertGolden("value-created.json", WireCodec.encode(created));
        assertGolden("value-updated.json", WireCodec.encode(updated));
        assertThat(WireCodec.decodeEvent(golden("value-created.json"))).isEqualTo(created);
        assertThat(WireCodec.decodeEvent(golden("value-updated.json"))).isEqualTo(updated);
    }

    @Test
    void outcomesMatchTheGoldenSamples() throws IOException {
        Outcome accepted = new Outcome.Accepted(UUID.fromString("7037a79d-7e6b-4969-9ea5-6d5c28605ac4"), VALUE,
                UUID.fromString("ed94c20c-abe2-4d62-9cc7-904b266ed37a"), 3.0, 1, false,
                Instant.parse("2021-02-11T18:31:55.632Z"));
        UUID missing = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        Outcome rejected = new Outcome.Rejected(UUID.fromString("b694cc37-7657-4d27-97f5-e8f800ef05c4"), missing,
                RejectionReason.VALUE_NOT_FOUND, "value " + missing + " does not exist",
                Instant.parse("2021-02-11T18:36:42.500Z"));
        assertGolden("outcome-accepted.json", WireCodec.encode(accepted));
        assertGolden("outcome-rejected.json", WireCodec.encode(rejected));
        assertThat(WireCodec.decodeOutcome(golden("outcome-accepted.json"))).isEqualTo(accepted);
        assertThat(WireCodec.decodeOutcome(golden("outcome-rejected.json"))).isEqualTo(rejected);
    }

    @Test
    void readsTheSeedsShapeWithoutSchemaAndWithEpochMillis() {
        String seed = "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"CreateValue\","
                + "\"data\":{\"value-id\":\"" + VALUE + "\",\"value\":3},\"timestamp\":1613068185765}";
        Command command = WireCodec.decodeCommand(seed.getBytes(StandardCharsets.UTF_8));
        assertThat(command).isEqualTo(new CreateValue(UUID.fromString("7037a79d-7e6b-4969-9ea5-6d5c28605ac4"), VALUE,
                3.0, Instant.ofEpochMilli(1613068185765L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"id\":\"x\",\"action\":\"CreateValue\",\"data\":{},\"timestamp\":1}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"DeleteValue\",\"data\":{\"value-id\":\"d35e95f5-2a7a-4c31-8d28-2eb92643a154\"},\"timestamp\":1}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"CreateValue\",\"data\":{\"value-id\":\"d35e95f5-2a7a-4c31-8d28-2eb92643a154\",\"value\":\"3\"},\"timestamp\":1}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\"d35e95f5-2a7a-4c31-8d28-2eb92643a154\",\"operation\":\"DIVIDE\",\"value\":3},\"timestamp\":1}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"CreateValue\",\"data\":{\"value-id\":\"d35e95f5-2a7a-4c31-8d28-2eb92643a154\",\"value\":3},\"timestamp\":\"yesterday\"}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"CreateValue\",\"data\":{\"value-id\":\"d35e95f5-2a7a-4c31-8d28-2eb92643a154\",\"value\":3},\"timestamp\":1,\"schema\":2}",
        "{\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"id\":\"7037a79d-7e6b-4969-9ea5-6d5c28605ac4\",\"action\":\"CreateValue\"}",
    })
    void refusesMalformedCommandsWithATypedError(String body) {
        assertThatThrownBy(() -> WireCodec.decodeCommand(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void refusesOversizedAndDeeplyNestedRecords() {
        byte[] huge = ("{\"pad\":\"" + "x".repeat(WireCodec.MAX_RECORD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WireCodec.decodeCommand(huge)).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> WireCodec.decodeEvent(deep)).isInstanceOf(MalformedRecordException.class);
    }

    private static void assertGolden(String name, byte[] actual) throws IOException {
        assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(golden(name)));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = WireCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }
}
