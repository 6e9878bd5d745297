package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The hand-written encoding is byte for byte the generator's, so no reader can tell them apart. */
class AsciiJsonTest {

    @Property(tries = 1000)
    void commandsAreWrittenAsJacksonWritesThem(@ForAll(supplier = WireArbitraries.Commands.class) Command command) {
        assertThat(text(WireCodec.encode(command))).isEqualTo(text(WireCodec.encodeWithJackson(command)));
    }

    @Property(tries = 1000)
    void eventsAreWrittenAsJacksonWritesThem(@ForAll(supplier = WireArbitraries.Events.class) Event event) {
        assertThat(text(WireCodec.encode(event))).isEqualTo(text(WireCodec.encodeWithJackson(event)));
    }

    @Property(tries = 1000)
    void outcomesAreWrittenAsJacksonWritesThem(@ForAll(supplier = WireArbitraries.Outcomes.class) Outcome outcome) {
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
}
