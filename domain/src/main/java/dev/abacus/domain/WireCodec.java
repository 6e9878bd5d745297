package dev.abacus.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public static final int MAX_RECORD_BYTES = StrictJson.MAX_DOCUMENT_BYTES;

    private WireCodec() {}

    public static byte[] encode(Command command) {
        AsciiJson json = new AsciiJson().startObject().uuid("id", command.id());
        if (command instanceof CreateValue create && Double.isFinite(create.value())) {
            json.text("action", "CreateValue").startObject("data").uuid("value-id", create.valueId())
                    .number("value", create.value());
        } else if (command instanceof UpdateValue update && Double.isFinite(update.value())) {
            json.text("action", "UpdateValue").startObject("data").uuid("value-id", update.valueId())
                    .text("operation", update.operation().name()).number("value", update.value());
        } else {
            return encodeWithJackson(command);
        }
        return json.endObject().timestamp("timestamp", command.timestamp()).number("schema", SCHEMA_VERSION)
                .endObject().toBytes();
    }

    public static byte[] encode(Event event) {
        if (!Double.isFinite(event.value())
                || event instanceof ValueUpdated updated && !Double.isFinite(updated.operand())) {
            return encodeWithJackson(event);
        }
        AsciiJson json = new AsciiJson().startObject().uuid("id", event.id()).uuid("parent-id", event.parentId());
        if (event instanceof ValueUpdated updated) {
            json.text("action", "ValueUpdated").startObject("data").uuid("value-id", event.valueId())
                    .text("operation", updated.operation().name()).number("operand", updated.operand());
        } else {
            json.text("action", "ValueCreated").startObject("data").uuid("value-id", event.valueId());
        }
        return json.number("value", event.value()).number("version", event.version()).endObject()
                .timestamp("timestamp", event.timestamp()).number("schema", SCHEMA_VERSION).endObject().toBytes();
    }

    public static byte[] encode(Outcome outcome) {
        if (!(outcome instanceof Outcome.Accepted accepted) || !Double.isFinite(accepted.value())) {
            return encodeWithJackson(outcome);
        }
        AsciiJson json = new AsciiJson().startObject().uuid("command-id", accepted.commandId());
        if (accepted.valueId() != null) {
            json.uuid("value-id", accepted.valueId());
        }
        json.text("status", "ACCEPTED").uuid("event-id", accepted.eventId()).number("value", accepted.value())
                .number("version", accepted.version());
        if (accepted.duplicate()) {
            json.bool("duplicate", true);
        }
        return json.timestamp("timestamp", accepted.timestamp()).number("schema", SCHEMA_VERSION).endObject().toBytes();
    }

    /** What {@link #encode(Command)} writes, by Jackson's generator: for what needs escaping, and as its reference. */
    static byte[] encodeWithJackson(Command command) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", command.id().toString());
            if (command instanceof CreateValue) {
                json.writeStringField("action", "CreateValue");
            } else if (command instanceof UpdateValue) {
                json.writeStringField("action", "UpdateValue");
            }
            json.writeObjectFieldStart("data");
            json.writeStringField("value-id", command.valueId().toString());
            if (command instanceof CreateValue create) {
                json.writeNumberField("value", create.value());
            } else if (command instanceof UpdateValue update) {
                json.writeStringField("operation", update.operation().name());
                json.writeNumberField("value", update.value());
            }
            json.writeEndObject();
            json.writeStringField("timestamp", command.timestamp().toString());
            json.writeNumberField("schema", SCHEMA_VERSION);
            json.writeEndObject();
        });
    }

    static byte[] encodeWithJackson(Event event) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", event.id().toString());
            json.writeStringField("parent-id", event.parentId().toString());
            json.writeStringField("action", event instanceof ValueUpdated ? "ValueUpdated" : "ValueCreated");
            json.writeObjectFieldStart("data");
            json.writeStringField("value-id", event.valueId().toString());
            if (event instanceof ValueUpdated updated) {
                json.writeStringField("operation", updated.operation().name());
                json.writeNumberField("operand", updated.operand());
            }
            json.writeNumberField("value", event.value());
            json.writeNumberField("version", event.version());
            json.writeEndObject();
            json.writeStringField("timestamp", event.timestamp().toString());
            json.writeNumberField("schema", SCHEMA_VERSION);
            json.writeEndObject();
        });
    }

    static byte[] encodeWithJackson(Outcome outcome) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("command-id", outcome.commandId().toString());
            if (outcome.valueId() != null) {
                json.writeStringField("value-id", outcome.valueId().toString());
            }
            if (outcome instanceof Outcome.Accepted accepted) {
                json.writeStringField("status", "ACCEPTED");
                json.writeStringField("event-id", accepted.eventId().toString());
                json.writeNumberField("value", accepted.value());
                json.writeNumberField("version", accepted.version());
                if (accepted.duplicate()) {
                    json.writeBooleanField("duplicate", true);
                }
            } else if (outcome instanceof Outcome.Rejected rejected) {
                json.writeStringField("status", "REJECTED");
                json.writeStringField("reason", rejected.reason().name());
                json.writeStringField("detail", rejected.detail());
            }
            json.writeStringField("timestamp", outcome.timestamp().toString());
            json.writeNumberField("schema", SCHEMA_VERSION);
            json.writeEndObject();
        });
    }

    /** One message written straight to bytes, in the field order a tree of it would have. */
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (JsonGenerator json = StrictJson.generator(buffer)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a message", e);
        }
        return buffer.toByteArray();
    }

    public static Command decodeCommand(byte[] bytes) {
        Command exact = bytes == null ? null : CommandLayout.decode(bytes);
        if (exact != null) {
            return exact;
        }
        Command streamed = StreamingWire.command(bytes);
        return streamed != null ? streamed : decodeCommandFromTree(bytes);
    }

    /** What {@link #decodeCommand} answers, from a tree: the judge of every record the streaming reader declines. */
    static Command decodeCommandFromTree(byte[] bytes) {
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
        Event streamed = StreamingWire.event(bytes);
        return streamed != null ? streamed : decodeEventFromTree(bytes);
    }

    /** What {@link #decodeEvent} answers, from a tree: the judge of every record the streaming reader declines. */
    static Event decodeEventFromTree(byte[] bytes) {
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
        Outcome streamed = StreamingWire.outcome(bytes);
        return streamed != null ? streamed : decodeOutcomeFromTree(bytes);
    }

    /** What {@link #decodeOutcome} answers, from a tree: the judge of every record the streaming reader declines. */
    static Outcome decodeOutcomeFromTree(byte[] bytes) {
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
            root = StrictJson.read(bytes);
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
