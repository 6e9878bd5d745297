package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.domain.CreateValue;
import dev.abacus.domain.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandRecordReaderTest {

    private final CreateValue command = new CreateValue(UUID.randomUUID(), UUID.randomUUID(), 1, Instant.now());

    @Test
    void aWellFormedCommandKeyedByItsValueIdInEitherCaseIsValidAndKeyedCanonically() {
        String canonical = command.valueId().toString();
        CommandRecordReader.Read upper = read(canonical.toUpperCase(), WireCodec.encode(command));
        assertThat(upper).isEqualTo(new CommandRecordReader.Valid(command, canonical));
        String recordKey = new String(canonical);
        CommandRecordReader.Valid lower = (CommandRecordReader.Valid) read(recordKey, WireCodec.encode(command));
        assertThat(lower.key()).isSameAs(recordKey);
    }

    @Test
    void theKeyMustBeTheValueId() {
        assertPoison(read(null, WireCodec.encode(command)), command.id(), command.valueId(), "no key");
        assertPoison(read("abc", WireCodec.encode(command)), command.id(), command.valueId(), "not a UUID");
        String canonical = command.valueId().toString();
        for (String notCanonical : new String[] {"{" + canonical + "}", canonical.replace("-", ""),
                canonical.substring(1), canonical.replaceFirst("-", "_"), canonical.replace('a', 'g'),
                canonical.replaceFirst("[0-9]", "\u0661"), "1-1-1-1-1"}) {
            if (!notCanonical.equals(canonical)) {
                assertPoison(read(notCanonical, WireCodec.encode(command)), command.id(), command.valueId(), "not a UUID");
            }
        }
        assertPoison(read(UUID.randomUUID().toString(), WireCodec.encode(command)), command.id(), command.valueId(), "differs");
    }

    @Test
    void unreadableRecordsKeepWhateverIdsCanBeRead() {
        UUID id = UUID.randomUUID();
        UUID value = UUID.randomUUID();
        String unknownAction = "{\"id\":\"" + id + "\",\"action\":\"Delete\",\"data\":{\"value-id\":\"" + value + "\"}}";
        assertPoison(read("k", bytes(unknownAction)), id, value, "timestamp");

        UUID fromKey = UUID.randomUUID();
        CommandRecordReader.Poison notJson = (CommandRecordReader.Poison) read(fromKey.toString(), bytes("{oops"));
        assertThat(notJson.commandId()).isEqualTo(CommandRecordReader.poisonCommandId("commands", 1, 42));
        assertThat(notJson.valueId()).isEqualTo(fromKey);
        assertThat(notJson.detail()).contains("not JSON");

        CommandRecordReader.Poison empty = (CommandRecordReader.Poison) read("k", null);
        assertThat(empty.valueId()).isNull();
        assertThat(empty.commandId()).isEqualTo(CommandRecordReader.poisonCommandId("commands", 1, 42));
        assertThat(CommandRecordReader.poisonCommandId("commands", 1, 43)).isNotEqualTo(empty.commandId());
    }

    private static void assertPoison(CommandRecordReader.Read read, UUID commandId, UUID valueId, String detail) {
        assertThat(read).isInstanceOfSatisfying(CommandRecordReader.Poison.class, poison -> {
            assertThat(poison.commandId()).isEqualTo(commandId);
            assertThat(poison.valueId()).isEqualTo(valueId);
            assertThat(poison.detail()).contains(detail);
        });
    }

    private static CommandRecordReader.Read read(String key, byte[] value) {
        return CommandRecordReader.read("commands", 1, 42, key, value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
