package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming reader is checked against the tree decoder, its judge: it answers for every message Abacus writes and
 * for the same ones reordered or spaced, and leaves those carrying fields it does not know to the tree; and whatever
 * it answers, for any altered record (a field given twice among them), the tree answers the same.
 */
class StreamingWireTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] STRANGE_VALUES = {
        "null", "true", "false", "0", "1", "-1", "2", "1.0", "1e400", "123456789012345678901234567890", "\"\"", "\"x\"",
        "\"ADD\"", "\"MULTIPLY\"", "\"CreateValue\"", "\"UpdateValue\"", "\"ValueCreated\"", "\"ValueUpdated\"",
        "\"ACCEPTED\"", "\"REJECTED\"", "\"INVALID\"", "\"00000000-0000-0001-ffff-0000000000ab\"",
        "\"00000000-0000-0001-FFFF-0000000000AB\"", "\"1-1-1-1-1\"", "\"2026-02-30T00:00:00Z\"",
        "\"2026-12-03T16:26:04.Z\"", "\"2026-12-03t16:26:04z\"", "\"2026-12-03T16:26:04+01:00\"",
        "\"2026-12-03T23:59:60Z\"", "1764779164000", "{}", "[]", "{\"value\":{\"a\":[1,2]}}", "[{\"id\":1}]"
    };

    @Property(tries = 1000)
    void answersEveryWrittenCommandAsTheTreeDoes(@ForAll(supplier = WireArbitraries.Commands.class) Command command) {
        assertAnswersAsWritten(WireCodec.encode(command), StreamingWire::command, WireCodec::decodeCommandFromTree);
    }

    @Property(tries = 1000)
    void answersEveryWrittenEventAsTheTreeDoes(@ForAll(supplier = WireArbitraries.Events.class) Event event) {
        assertAnswersAsWritten(WireCodec.encode(event), StreamingWire::event, WireCodec::decodeEventFromTree);
    }

    @Property(tries = 1000)
    void answersEveryWrittenOutcomeAsTheTreeDoes(@ForAll(supplier = WireArbitraries.Outcomes.class) Outcome outcome) {
        assertAnswersAsWritten(WireCodec.encode(outcome), StreamingWire::outcome, WireCodec::decodeOutcomeFromTree);
    }

    /**
     * Order, spacing and unknown fields are a writer's freedom. The streaming reader answers a reordered or spaced
     * message; one with fields it does not know it leaves to the tree, and the decoder answers it all the same.
     */
    @Property(tries = 1000)
    void answersAWrittenMessageReorderedSpacedOrExtended(
            @ForAll("written") String written, @ForAll long seed, @ForAll boolean extended) {
        Random random = new Random(seed);
        ObjectNode root = tree(written);
        shuffle(root, random);
        if (root.get("data") instanceof ObjectNode data) {
            shuffle(data, random);
            if (extended) {
                data.set("x-" + random.nextInt(100), tree("{\"n\":[1,{\"m\":null}],\"s\":\"\\u00e9\"}"));
            }
        }
        if (extended) {
            root.put("x-future", random.nextInt());
        }
        String text = random.nextBoolean() ? root.toPrettyString() : root.toString();
        byte[] altered = text.getBytes(StandardCharsets.UTF_8);
        byte[] original = written.getBytes(StandardCharsets.UTF_8);
        for (Reader reader : Reader.values()) {
            Object judged = judge(reader.tree, original);
            if (!(judged instanceof MalformedRecordException)) {
                assertThat(reader.decoder.apply(altered)).isEqualTo(judged);
                Object streamed = reader.streaming.apply(altered);
                if (extended) {
                    assertThat(streamed).isNull();
                } else {
                    assertThat(streamed).isNotNull().isEqualTo(judged);
                }
            }
        }
    }

    @Property(tries = 5000)
    void answersAnAlteredRecordOnlyAsTheTreeDoes(@ForAll("altered") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Reader reader : Reader.values()) {
            Object judged = judge(reader.tree, bytes);
            Object streamed = reader.streaming.apply(bytes);
            if (streamed != null) {
                assertThat(streamed).isEqualTo(judged);
            }
            Object decoded = judge(reader.decoder, bytes);
            if (judged instanceof MalformedRecordException refusal) {
                assertThat(decoded).isInstanceOf(MalformedRecordException.class)
                        .hasFieldOrPropertyWithValue("message", refusal.getMessage());
            } else {
                assertThat(decoded).isEqualTo(judged);
            }
        }
    }

    private static void assertAnswersAsWritten(byte[] bytes, Function<byte[], Object> streaming, Function<byte[], Object> tree) {
        Object judged = judge(tree, bytes);
        Object streamed = streaming.apply(bytes);
        if (judged instanceof MalformedRecordException) {
            assertThat(streamed).isNull();
        } else {
            assertThat(streamed).isNotNull().isEqualTo(judged);
        }
    }

    private enum Reader {
        COMMAND(StreamingWire::command, WireCodec::decodeCommandFromTree, WireCodec::decodeCommand),
        EVENT(StreamingWire::event, WireCodec::decodeEventFromTree, WireCodec::decodeEvent),
        OUTCOME(StreamingWire::outcome, WireCodec::decodeOutcomeFromTree, WireCodec::decodeOutcome);

        final Function<byte[], Object> streaming;
        final Function<byte[], Object> tree;
        final Function<byte[], Object> decoder;

        Reader(Function<byte[], Object> streaming, Function<byte[], Object> tree, Function<byte[], Object> decoder) {
            this.streaming = streaming;
            this.tree = tree;
            this.decoder = decoder;
        }
    }

    /** What {@code decode} answers: the message, or its refusal. */
    private static Object judge(Function<byte[], Object> decode, byte[] bytes) {
        try {
            return decode.apply(bytes);
        } catch (MalformedRecordException refused) {
            return refused;
        }
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shuffle(ObjectNode node, Random random) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        List<JsonNode> values = names.stream().map(node::get).toList();
        node.removeAll();
        for (int i = 0; i < names.size(); i++) {
            node.set(names.get(i), values.get(i));
        }
    }

    /** One alteration of a written message: a field dropped, given a strange value or given twice; junk after it; bytes cut or inserted. */
    private static String alter(String written, long seed) {
        Random random = new Random(seed);
        ObjectNode root = tree(written);
        ObjectNode target = root.get("data") instanceof ObjectNode data && random.nextBoolean() ? data : root;
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        String strange = STRANGE_VALUES[random.nextInt(STRANGE_VALUES.length)];
        switch (random.nextInt(6)) {
            case 0 -> target.remove(name);
            case 1, 2 -> target.set(name, tree("{\"v\":" + strange + "}").get("v"));
            case 3 -> {
                String text = root.toString();
                int brace = text.indexOf('{', 1) > 0 && random.nextBoolean() ? text.indexOf('{', 1) : 0;
                return text.substring(0, brace + 1) + "\"" + name + "\":" + strange + "," + text.substring(brace + 1);
            }
            case 4 -> {
                return root + (random.nextBoolean() ? " " + strange : "x");
            }
            default -> {
                String text = root.toString();
                int at = random.nextInt(text.length());
                return text.substring(0, at) + strange.substring(0, random.nextInt(strange.length()))
                        + text.substring(Math.min(text.length(), at + random.nextInt(4)));
            }
        }
        return root.toString();
    }

    @Provide
    Arbitrary<String> written() {
        return Arbitraries.oneOf(
                WireArbitraries.commands().map(WireCodec::encode),
                WireArbitraries.events().map(WireCodec::encode),
                WireArbitraries.outcomes().map(WireCodec::encode))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> altered() {
        return Combinators.combine(written(), Arbitraries.longs()).as(StreamingWireTest::alter);
    }
}
