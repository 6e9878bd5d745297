package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}{}", "{}]", "{}}", "{} 1", "{}x", "{}\u0000", "{} null", "{\"a\": 1, \"a\": 2}",
        "{\"a\": {\"b\": 1, \"b\": 1}}"})
    void refusesAnythingButOneDocumentWithEachKeyOnce(String text) {
        assertThatThrownBy(() -> StrictJson.read(bytes(text))).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void refusesDeepNestingAndLongNumbers() {
        assertThatThrownBy(() -> StrictJson.read(bytes("[".repeat(40) + "]".repeat(40)))).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> StrictJson.read(bytes("{\"a\": " + "9".repeat(70) + "}"))).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void whitespaceAroundTheDocumentIsFine() throws IOException {
        assertThat(StrictJson.read(bytes(" \r\n\t{\"a\": 1}\n ")).get("a").asInt()).isEqualTo(1);
        assertThat(StrictJson.read(new byte[0]).isMissingNode()).isTrue();
    }

    @Test
    void theKafkaCodecReadsJustAsStrictly() {
        byte[] record = WireCodec.encode(new CreateValue(UUID.randomUUID(), UUID.randomUUID(), 3, Instant.now()));
        String text = new String(record, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WireCodec.decodeCommand(bytes(text + " " + text))).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> WireCodec.decodeCommand(bytes(text + "]"))).isInstanceOf(MalformedRecordException.class);
        assertThat(WireCodec.decodeCommand(bytes(text + "\n")).valueId()).isEqualTo(WireCodec.decodeCommand(record).valueId());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
