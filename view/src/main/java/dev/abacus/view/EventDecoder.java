package dev.abacus.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.abacus.domain.Event;
import dev.abacus.domain.WireCodec;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reads event records for replay without building a JSON tree, which is most of a replay's cost.
 * It only answers for records in the exact shape the processor writes (known fields once each,
 * canonical UUIDs and timestamps); anything else goes to {@link WireCodec#decodeEvent}, which stays
 * the judge of what is malformed. So the view accepts and rejects exactly what the codec does.
 */
final class EventDecoder {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(WireCodec.MAX_RECORD_BYTES)
                    .build())
            .build();

    private static final int ID = 1;
    private static final int PARENT_ID = 1 << 1;
    private static final int ACTION = 1 << 2;
    private static final int DATA = 1 << 3;
    private static final int TIMESTAMP = 1 << 4;
    private static final int SCHEMA = 1 << 5;
    private static final int VALUE_ID = 1 << 6;
    private static final int VALUE = 1 << 7;
    private static final int VERSION = 1 << 8;
    private static final int OPERATION = 1 << 9;
    private static final int OPERAND = 1 << 10;
    private static final int REQUIRED = ID | PARENT_ID | ACTION | DATA | TIMESTAMP | VALUE_ID | VALUE | VERSION;

    /** What the view keeps of one event; reused from record to record by the projector thread. */
    static final class Decoded {
        UUID valueId;
        double value;
        long version;
        long epochMilli;
    }

    private EventDecoder() {}

    /**
     * Decodes {@code bytes} into {@code into}; throws {@link dev.abacus.domain.MalformedRecordException}
     * exactly when {@link WireCodec#decodeEvent} would.
     */
    static void decode(byte[] bytes, Decoded into) {
        if (!decodeCanonical(bytes, into)) {
            Event event = WireCodec.decodeEvent(bytes);
            into.valueId = event.valueId();
            into.value = event.value();
            into.version = event.version();
            into.epochMilli = epochMilli(event.timestamp());
        }
    }

    static long epochMilli(Instant timestamp) {
        try {
            return timestamp.toEpochMilli();
        } catch (ArithmeticException e) {
            return timestamp.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** False when the record is not in canonical shape: then the codec decides. */
    static boolean decodeCanonical(byte[] bytes, Decoded into) {
        if (bytes == null || bytes.length == 0 || bytes.length > WireCodec.MAX_RECORD_BYTES) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            int seen = 0;
            boolean updated = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int field;
                switch (name) {
                    case "id":
                        field = ID;
                        if (value != JsonToken.VALUE_STRING || uuid(parser) == null) {
                            return false;
                        }
                        break;
                    case "parent-id":
                        field = PARENT_ID;
                        if (value != JsonToken.VALUE_STRING || uuid(parser) == null) {
                            return false;
                        }
                        break;
                    case "action":
                        field = ACTION;
                        if (value != JsonToken.VALUE_STRING) {
                            return false;
                        }
                        String action = parser.getText();
                        if ("ValueUpdated".equals(action)) {
                            updated = true;
                        } else if (!"ValueCreated".equals(action)) {
                            return false;
                        }
                        break;
                    case "timestamp":
                        field = TIMESTAMP;
                        if (value == JsonToken.VALUE_STRING) {
                            if (!timestamp(parser, into)) {
                                return false;
                            }
                        } else if (isLong(parser, value)) {
                            into.epochMilli = parser.getLongValue();
                        } else {
                            return false;
                        }
                        break;
                    case "schema":
                        field = SCHEMA;
                        if (value != JsonToken.VALUE_NUMBER_INT
                                || parser.getNumberType() != JsonParser.NumberType.INT
                                || parser.getIntValue() != WireCodec.SCHEMA_VERSION) {
                            return false;
                        }
                        break;
                    case "data":
                        field = DATA;
                        if (value != JsonToken.START_OBJECT) {
                            return false;
                        }
                        int data = data(parser, into);
                        if (data < 0 || (seen & data) != 0) {
                            return false;
                        }
                        seen |= data;
                        break;
                    default:
                        return false;
                }
                if ((seen & field) != 0) {
                    return false;
                }
                seen |= field;
            }
            if (token != JsonToken.END_OBJECT || (seen & REQUIRED) != REQUIRED) {
                return false;
            }
            return !updated || (seen & (OPERATION | OPERAND)) == (OPERATION | OPERAND);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The fields of {@code data} as bits, or -1 when it is not in canonical shape. */
    private static int data(JsonParser parser, Decoded into) throws IOException {
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int field;
            switch (name) {
                case "value-id":
                    field = VALUE_ID;
                    if (value != JsonToken.VALUE_STRING || (into.valueId = uuid(parser)) == null) {
                        return -1;
                    }
                    break;
                case "value":
                    field = VALUE;
                    if (!isDouble(parser, value)) {
                        return -1;
                    }
                    into.value = parser.getDoubleValue();
                    break;
                case "version":
                    field = VERSION;
                    if (!isLong(parser, value) || (into.version = parser.getLongValue()) < 1) {
                        return -1;
                    }
                    break;
                case "operation":
                    field = OPERATION;
                    if (value != JsonToken.VALUE_STRING) {
                        return -1;
                    }
                    String operation = parser.getText();
                    if (!"ADD".equals(operation) && !"MULTIPLY".equals(operation)) {
                        return -1;
                    }
                    break;
                case "operand":
                    field = OPERAND;
                    if (!isDouble(parser, value)) {
                        return -1;
                    }
                    break;
                default:
                    return -1;
            }
            if ((seen & field) != 0) {
                return -1;
            }
            seen |= field;
        }
        return token == JsonToken.END_OBJECT ? seen : -1;
    }

    private static boolean isLong(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        JsonParser.NumberType type = parser.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    private static boolean isDouble(JsonParser parser, JsonToken token) throws IOException {
        return isLong(parser, token)
                || (token == JsonToken.VALUE_NUMBER_FLOAT && parser.getNumberType() == JsonParser.NumberType.DOUBLE);
    }

    /** A canonical {@code 8-4-4-4-12} hex UUID, or null for anything else. */
    private static UUID uuid(JsonParser parser) throws IOException {
        if (parser.getTextLength() != 36) {
            return null;
        }
        char[] text = parser.getTextCharacters();
        int at = parser.getTextOffset();
        long high = 0;
        long low = 0;
        for (int i = 0; i < 36; i++) {
            char c = text[at + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                return null;
            }
            if (i < 19) {
                high = (high << 4) | digit;
            } else {
                low = (low << 4) | digit;
            }
        }
        return new UUID(high, low);
    }

    /** A {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z} instant as epoch milliseconds; false for any other form. */
    private static boolean timestamp(JsonParser parser, Decoded into) throws IOException {
        char[] text = parser.getTextCharacters();
        int at = parser.getTextOffset();
        int length = parser.getTextLength();
        if (length < 20 || length > 30 || length == 21 || text[at + length - 1] != 'Z'
                || text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T'
                || text[at + 13] != ':' || text[at + 16] != ':') {
            return false;
        }
        int year = digits(text, at, 4);
        int month = digits(text, at + 5, 2);
        int day = digits(text, at + 8, 2);
        int hour = digits(text, at + 11, 2);
        int minute = digits(text, at + 14, 2);
        int second = digits(text, at + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return false;
        }
        int nanos = 0;
        if (length > 20) {
            if (text[at + 19] != '.') {
                return false;
            }
            int fraction = length - 21;
            int value = digits(text, at + 20, fraction);
            if (value < 0) {
                return false;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return false;
        }
        long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second;
        into.epochMilli = seconds * 1_000 + nanos / 1_000_000;
        return true;
    }

    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            char c = text[at + i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
