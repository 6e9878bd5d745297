package dev.abacus.domain;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one JSON dialect Abacus reads, from Kafka and over HTTP alike: exactly one document, no key
 * twice, bounded depth and literal lengths.
 */
public final class StrictJson {

    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(MAX_DOCUMENT_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION, StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {}

    /** The document in {@code bytes}, a missing node for none; anything else in them fails. */
    public static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /**
     * A streaming parser of {@code bytes} in the same dialect except for two checks its caller makes itself: no key
     * twice (Jackson's check keeps a set of every object's names, a tenth of what reading a command cost) and no
     * trailing tokens.
     */
    static JsonParser parserLeavingKeysAndTrailingToCaller(byte[] bytes) throws IOException {
        return MAPPER.getFactory().createParser(bytes).disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
    }
}
