package dev.abacus.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON wire format of commands, events and outcomes, with the seed's field names
 * ({@code id}, {@code action}, {@code data}, {@code value-id}, {@code parent-id}, {@code timestamp}).
 * Every message carries {@code schema}; a reader accepts a missing one as version 1 and refuses
 * versions it does not know, so a newer writer never gets silently misread.
 */
public final class WireCodec {

    public static final int SCHEMA_VERSION = 1;
    /** Larger records are refused before parsing. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_RECORD_BYTES)
                    .build())
            .build()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private WireCodec() {}

    public static byte[] encode(Command command) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", command.id().toString());
        ObjectNode data = MAPPER.createObjectNode();
        data.put("value-id", command.valueId().toString());
        if (command instanceof CreateValue create) {
            root.put("action", "CreateValue");
            data.put("value", create.value());
        } else if (command instanceof UpdateValue update) {
            root.put("action", "UpdateValue");
            data.put("operation", update.operation().name());
            data.put("value", update.value());
        }
        root.set("data", data);
        root.put("timestamp", command.timestamp().toString());
        root.put("schema", SCHEMA_VERSION);
        return write(root);
    }

    public static byte[] encode(Event event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", event.id().toString());
        root.put("parent-id", event.parentId().toString());
        ObjectNode data = MAPPER.createObjectNode();
        data.put("value-id", event.valueId().toString());
        if (event instanceof ValueUpdated updated) {
            root.put("action", "ValueUpdated");
            data.put("operation", updated.operation().name());
            data.put("operand", updated.operand());
        } else {
            root.put("action", "ValueCreated");
        }
        data.put("value", event.value());
        data.put("version", event.version());
        root.set("data", data);
        root.put("timestamp", event.timestamp().toString());
        root.put("schema", SCHEMA_VERSION);
        return write(root);
    }

    public static byte[] encode(Outcome outcome) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command-id", outcome.commandId().toString());
        if (outcome.valueId() != null) {
            root.put("value-id", outcome.valueId().toString());
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            root.put("status", "ACCEPTED");
            root.put("event-id", accepted.eventId().toString());
            root.put("value", accepted.value());
            root.put("version", accepted.version());
            if (accepted.duplicate()) {
                root.put("duplicate", true);
            }
        } else if (outcome instanceof Outcome.Rejected rejected) {
            root.put("status", "REJECTED");
            root.put("reason", rejected.reason().name());
            root.put("detail", rejected.detail());
        }
        root.put("timestamp", outcome.timestamp().toString());
        root.put("schema", SCHEMA_VERSION);
        return write(root);
    }

    public static Command decodeCommand(byte[] bytes) {
        JsonNode root = read(bytes);
        UUID id = uuid(root, "id");
        JsonNode data = object(root, "data");
        UUID valueId = uuid(data, "value-id");
        Instant timestamp = timestamp(root);
        String action = text(root, "action");
        return switch (action) {
            case "CreateValue" -> new CreateValue(id, valueId, number(data, "value"), timestamp);
            case "UpdateValue" -> new UpdateValue(
                    id, valueId, operation(data, "operation"), number(data, "value"), timestamp);
            default -> throw new MalformedRecordException("unknown command action '" + action + "'");
        };
    }

    public static Event decodeEvent(byte[] bytes) {
        JsonNode root = read(bytes);
        UUID id = uuid(root, "id");
        UUID parentId = uuid(root, "parent-id");
        JsonNode data = object(root, "data");
        UUID valueId = uuid(data, "value-id");
        double value = number(data, "value");
        long version = version(data);
        Instant timestamp = timestamp(root);
        String action = text(root, "action");
        return switch (action) {
            case "ValueCreated" -> new ValueCreated(id, parentId, valueId, value, version, timestamp);
            case "ValueUpdated" -> new ValueUpdated(
                    id,
                    parentId,
                    valueId,
                    operation(data, "operation"),
                    number(data, "operand"),
                    value,
                    version,
                    timestamp);
            default -> throw new MalformedRecordException("unknown event action '" + action + "'");
        };
    }

    public static Outcome decodeOutcome(byte[] bytes) {
        JsonNode root = read(bytes);
        UUID commandId = uuid(root, "command-id");
        UUID valueId = root.hasNonNull("value-id") ? uuid(root, "value-id") : null;
        Instant timestamp = timestamp(root);
        String status = text(root, "status");
        return switch (status) {
            case "ACCEPTED" -> new Outcome.Accepted(
                    commandId,
                    valueId,
                    uuid(root, "event-id"),
                    number(root, "value"),
                    version(root),
                    root.path("duplicate").asBoolean(false),
                    timestamp);
            case "REJECTED" -> new Outcome.Rejected(
                    commandId, valueId, reason(root), root.path("detail").asText(""), timestamp);
            default -> throw new MalformedRecordException("unknown outcome status '" + status + "'");
        };
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }

    private static JsonNode read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException("empty record");
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new MalformedRecordException(
                    "record of " + bytes.length + " bytes exceeds " + MAX_RECORD_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedRecordException("unreadable record: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        JsonNode schema = root.get("schema");
        if (schema != null && !(schema.isInt() && schema.intValue() == SCHEMA_VERSION)) {
            throw new MalformedRecordException("unsupported schema " + schema);
        }
        return root;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException("missing '" + name + "'");
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isObject()) {
            throw new MalformedRecordException("'" + name + "' must be an object");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new MalformedRecordException("'" + name + "' must be a string");
        }
        return value.textValue();
    }

    private static UUID uuid(JsonNode node, String name) {
        String text = text(node, name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("'" + name + "' is not a UUID: " + text, e);
        }
    }

    private static double number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new MalformedRecordException("'" + name + "' must be a number");
        }
        return value.doubleValue();
    }

    private static long version(JsonNode node) {
        JsonNode value = field(node, "version");
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 1) {
            throw new MalformedRecordException("'version' must be a positive integer");
        }
        return value.longValue();
    }

    private static Operation operation(JsonNode node, String name) {
        String text = text(node, name);
        try {
            return Operation.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("unknown operation '" + text + "'", e);
        }
    }

    private static RejectionReason reason(JsonNode node) {
        String text = text(node, "reason");
        try {
            return RejectionReason.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("unknown rejection reason '" + text + "'", e);
        }
    }

    private static Instant timestamp(JsonNode node) {
        JsonNode value = field(node, "timestamp");
        try {
            if (value.isIntegralNumber()) {
                return Instant.ofEpochMilli(value.longValue());
            }
            if (value.isTextual()) {
                return Instant.parse(value.textValue());
            }
        } catch (DateTimeException e) {
            throw new MalformedRecordException("'timestamp' is not ISO-8601: " + value.asText(), e);
        }
        throw new MalformedRecordException("'timestamp' must be an ISO-8601 string or epoch milliseconds");
    }
}
