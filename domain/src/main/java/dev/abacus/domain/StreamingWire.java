package dev.abacus.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads well-formed wire messages with Jackson's streaming parser in {@link StrictJson}'s dialect, without building
 * a tree (the tree, its maps and {@code Instant.parse} were most of what decoding cost the processor). Fields may
 * come in any order. It answers only when every field is one it knows, given once, with the type it must have; for
 * anything else (an unknown field, a repeated one) it answers null, and {@link WireCodec}'s tree decoder judges the
 * record. So both accept exactly the same records, with the same result, and every refusal keeps the tree decoder's
 * reason.
 */
final class StreamingWire {

    /** Thrown inside to leave a record to the tree decoder; carries no stack. */
    private static final RuntimeException DECLINED = new RuntimeException("declined", null, false, false) {};

    private StreamingWire() {}

    static Command command(byte[] bytes) {
        Fields fields = Fields.read(bytes);
        if (fields == null || fields.id == null || !fields.hasData || fields.dataValueId == null
                || fields.timestamp == null || fields.action == null || !fields.hasDataValue) {
            return null;
        }
        return switch (fields.action) {
            case "CreateValue" -> new CreateValue(
                    fields.id, fields.dataValueId, fields.dataValue, fields.timestamp);
            case "UpdateValue" -> fields.dataOperation == null ? null : new UpdateValue(
                    fields.id, fields.dataValueId, fields.dataOperation, fields.dataValue, fields.timestamp);
            default -> null;
        };
    }

    static Event event(byte[] bytes) {
        Fields fields = Fields.read(bytes);
        if (fields == null || fields.id == null || fields.parentId == null || !fields.hasData
                || fields.dataValueId == null || !fields.hasDataValue || fields.dataVersion < 1
                || fields.timestamp == null || fields.action == null) {
            return null;
        }
        return switch (fields.action) {
            case "ValueCreated" -> new ValueCreated(fields.id, fields.parentId, fields.dataValueId,
                    fields.dataValue, fields.dataVersion, fields.timestamp);
            case "ValueUpdated" -> fields.dataOperation == null || !fields.hasDataOperand ? null : new ValueUpdated(
                    fields.id, fields.parentId, fields.dataValueId, fields.dataOperation, fields.dataOperand,
                    fields.dataValue, fields.dataVersion, fields.timestamp);
            default -> null;
        };
    }

    static Outcome outcome(byte[] bytes) {
        Fields fields = Fields.read(bytes);
        if (fields == null || fields.commandId == null || fields.timestamp == null || fields.status == null) {
            return null;
        }
        return switch (fields.status) {
            case "ACCEPTED" -> fields.eventId == null || !fields.hasValue || fields.version < 1 ? null
                    : new Outcome.Accepted(fields.commandId, fields.valueId, fields.eventId, fields.value,
                            fields.version, fields.duplicate, fields.timestamp);
            case "REJECTED" -> fields.reason == null ? null : new Outcome.Rejected(
                    fields.commandId, fields.valueId, fields.reason, fields.detail, fields.timestamp);
            default -> null;
        };
    }

    /** Every field any message has, as read; absent ones stay at their initial values. */
    private static final class Fields {
        UUID id;
        UUID parentId;
        UUID commandId;
        UUID valueId;
        UUID eventId;
        String action;
        String status;
        RejectionReason reason;
        String detail = "";
        Instant timestamp;
        boolean duplicate;
        boolean hasValue;
        double value;
        long version;
        boolean hasData;
        UUID dataValueId;
        Operation dataOperation;
        boolean hasDataValue;
        double dataValue;
        boolean hasDataOperand;
        double dataOperand;
        long dataVersion;
        /** One bit per field already read, so that a repeated one declines. */
        private int seen;

        /** Null when the record is not one this reader answers for. */
        static Fields read(byte[] bytes) {
            if (bytes == null || bytes.length == 0 || bytes.length > WireCodec.MAX_RECORD_BYTES) {
                return null;
            }
            Fields fields = new Fields();
            try (JsonParser json = StrictJson.parserLeavingKeysAndTrailingToCaller(bytes)) {
                expect(json.nextToken() == JsonToken.START_OBJECT);
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName();
                    json.nextToken();
                    fields.root(name, json);
                }
                expect(json.currentToken() == JsonToken.END_OBJECT && json.nextToken() == null);
                return fields;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private void once(int field) {
            expect((seen & field) == 0);
            seen |= field;
        }

        private void root(String name, JsonParser json) throws IOException {
            once(switch (name) {
                case "id" -> 1;
                case "parent-id" -> 1 << 1;
                case "command-id" -> 1 << 2;
                case "value-id" -> 1 << 3;
                case "event-id" -> 1 << 4;
                case "action" -> 1 << 5;
                case "status" -> 1 << 6;
                case "reason" -> 1 << 7;
                case "detail" -> 1 << 8;
                case "timestamp" -> 1 << 9;
                case "schema" -> 1 << 10;
                case "duplicate" -> 1 << 11;
                case "value" -> 1 << 12;
                case "version" -> 1 << 13;
                case "data" -> 1 << 14;
                default -> throw DECLINED;
            });
            switch (name) {
                case "id" -> id = uuid(json);
                case "parent-id" -> parentId = uuid(json);
                case "command-id" -> commandId = uuid(json);
                case "value-id" -> valueId = json.currentToken() == JsonToken.VALUE_NULL ? null : uuid(json);
                case "event-id" -> eventId = uuid(json);
                case "action" -> action = text(json);
                case "status" -> status = text(json);
                case "reason" -> reason = RejectionReason.valueOf(text(json));
                case "detail" -> detail = text(json);
                case "timestamp" -> timestamp = timestamp(json);
                case "schema" -> expect(json.currentToken() == JsonToken.VALUE_NUMBER_INT
                        && json.getNumberType() == NumberType.INT && json.getIntValue() == WireCodec.SCHEMA_VERSION);
                case "duplicate" -> duplicate = bool(json);
                case "value" -> {
                    value = number(json);
                    hasValue = true;
                }
                case "version" -> version = positive(json);
                default -> { // "data"
                    expect(json.currentToken() == JsonToken.START_OBJECT);
                    hasData = true;
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String field = json.currentName();
                        json.nextToken();
                        data(field, json);
                    }
                }
            }
        }

        private void data(String name, JsonParser json) throws IOException {
            once(switch (name) {
                case "value-id" -> 1 << 16;
                case "operation" -> 1 << 17;
                case "value" -> 1 << 18;
                case "operand" -> 1 << 19;
                case "version" -> 1 << 20;
                default -> throw DECLINED;
            });
            switch (name) {
                case "value-id" -> dataValueId = uuid(json);
                case "operation" -> dataOperation = Operation.valueOf(text(json));
                case "value" -> {
                    dataValue = number(json);
                    hasDataValue = true;
                }
                case "operand" -> {
                    dataOperand = number(json);
                    hasDataOperand = true;
                }
                default -> dataVersion = positive(json); // "version"
            }
        }
    }

    private static String text(JsonParser json) throws IOException {
        expect(json.currentToken() == JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static UUID uuid(JsonParser json) throws IOException {
        expect(json.currentToken() == JsonToken.VALUE_STRING);
        UUID id = UuidText.parse(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
        return id != null ? id : UUID.fromString(json.getText()); // the non-canonical forms it takes, as the tree does
    }

    private static double number(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT);
        return json.getDoubleValue();
    }

    private static long positive(JsonParser json) throws IOException {
        long value = integer(json);
        expect(value >= 1);
        return value;
    }

    private static long integer(JsonParser json) throws IOException {
        expect(json.currentToken() == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != NumberType.BIG_INTEGER);
        return json.getLongValue();
    }

    private static boolean bool(JsonParser json) {
        JsonToken token = json.currentToken();
        expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
        return token == JsonToken.VALUE_TRUE;
    }

    private static Instant timestamp(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochMilli(integer(json));
        }
        expect(json.currentToken() == JsonToken.VALUE_STRING);
        int from = json.getTextOffset();
        Instant instant = IsoInstant.parse(json.getTextCharacters(), from, from + json.getTextLength());
        return instant != null ? instant : Instant.parse(json.getText());
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw DECLINED;
        }
    }
}
