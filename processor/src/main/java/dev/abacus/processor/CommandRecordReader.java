package dev.abacus.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abacus.domain.Command;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.UuidText;
import dev.abacus.domain.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads a commands-topic record as a command, or says why it is poison. A poison record still gets
 * an outcome, so its command id and value id are salvaged from whatever can be read.
 */
final class CommandRecordReader {

    private static final ObjectMapper LENIENT = new ObjectMapper();

    private CommandRecordReader() {}

    sealed interface Read permits Valid, Poison {}

    /** {@code key}: the value id as its canonical text, the record's own key when it already is (no new string). */
    record Valid(Command command, String key) implements Read {}

    /** {@code valueId} is null when no value id could be read. */
    record Poison(UUID commandId, UUID valueId, String detail) implements Read {}

    static Read read(String topic, int partition, long offset, String key, byte[] value) {
        Command command;
        try {
            command = WireCodec.decodeCommand(value);
        } catch (MalformedRecordException e) {
            return salvage(topic, partition, offset, key, value, e.getMessage());
        }
        if (UuidText.isTextOf(key, command.valueId())) {
            return new Valid(command, key);
        }
        if (key == null) {
            return new Poison(command.id(), command.valueId(), "record has no key; expected the value id");
        }
        UUID keyed = UuidText.parse(key);
        if (keyed == null) {
            return new Poison(command.id(), command.valueId(), "record key '" + abbreviate(key) + "' is not a UUID");
        }
        if (!keyed.equals(command.valueId())) {
            return new Poison(
                    command.id(),
                    command.valueId(),
                    "record key '" + abbreviate(key) + "' differs from value-id " + command.valueId());
        }
        return new Valid(command, command.valueId().toString());
    }

    /** The command id of a record whose own id is unreadable: stable across re-deliveries of the same record. */
    static UUID poisonCommandId(String topic, int partition, long offset) {
        return UUID.nameUUIDFromBytes(
                ("abacus-poison:" + topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Poison salvage(String topic, int partition, long offset, String key, byte[] value, String why) {
        JsonNode root = parseQuietly(value);
        UUID commandId = UuidText.parse(root == null ? null : root.path("id").textValue());
        UUID valueId = UuidText.parse(root == null ? null : root.path("data").path("value-id").textValue());
        if (valueId == null) {
            valueId = UuidText.parse(key);
        }
        return new Poison(
                commandId != null ? commandId : poisonCommandId(topic, partition, offset), valueId, why);
    }

    private static JsonNode parseQuietly(byte[] value) {
        if (value == null || value.length == 0 || value.length > WireCodec.MAX_RECORD_BYTES) {
            return null;
        }
        try {
            JsonNode root = LENIENT.readTree(value);
            return root != null && root.isObject() ? root : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
