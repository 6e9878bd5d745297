package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.WireCodec;
import dev.abacus.processor.CommandProcessor;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Poison records between real traffic: on {@code commands} each gets one {@code INVALID} outcome and
 * the processor moves on; on {@code events} the view (and a rebuilding processor) skip and count
 * them, log them, and a restarted view replays past them instead of crash-looping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordTest {

    /** The processor's warning names the record's position: {@code poison record at <topic>-<partition>@<offset>}. */
    private static final Pattern POISON_WARNING = Pattern.compile("poison record at (\\S+-\\d+@\\d+) ");

    private Pipeline pipeline;
    private ApplicationContext services;
    private Http http;
    private String valueId;
    private long version;

    @BeforeAll
    void start() {
        pipeline = Pipeline.start("poison", 3);
        pipeline.startProcessor();
        services = pipeline.startServices("poison", false, Map.of());
        http = new Http(() -> Pipeline.uri(services), Duration.ofSeconds(30));
        Pipeline.awaitReady(http, Duration.ofSeconds(60));
        pipeline.awaitProcessorsReady(Duration.ofSeconds(60));
        Http.Answer created = http.post("/values?wait=20s", "{\"value\": 1}");
        assertThat(created.status()).isEqualTo(201);
        valueId = created.text("value_id");
        version = 1;
    }

    @AfterAll
    void stop() {
        pipeline.close();
    }

    @Test
    @Order(1)
    void poisonCommandsAreRejectedInvalidAndTheProcessorKeepsDeciding() {
        String now = "2026-11-22T10:00:00Z";
        Map<String, UUID> idOf = new LinkedHashMap<>();
        Map<String, RecordMetadata> written = new LinkedHashMap<>();
        UUID unknownAction = UUID.randomUUID();
        UUID wrongSchema = UUID.randomUUID();
        UUID missingKey = UUID.randomUUID();
        UUID wrongKey = UUID.randomUUID();
        UUID wrongType = UUID.randomUUID();
        UUID missingData = UUID.randomUUID();
        String pad = "x".repeat(100_000);

        try (LogCapture log = new LogCapture("dev.abacus.processor.CommandProcessor")) {
            written.put("not JSON", poison(valueId, "{\"id\": \"not closed"));
            addOne();
            written.put("unknown action", poison(valueId, "{\"id\":\"" + unknownAction + "\",\"action\":\"DeleteValue\",\"data\":{\"value-id\":\""
                    + valueId + "\"},\"timestamp\":\"" + now + "\"}"));
            idOf.put("unknown action", unknownAction);
            addOne();
            written.put("wrong schema", poison(valueId, "{\"id\":\"" + wrongSchema + "\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\""
                    + valueId + "\",\"operation\":\"ADD\",\"value\":1},\"timestamp\":\"" + now + "\",\"schema\":2}"));
            idOf.put("wrong schema", wrongSchema);
            addOne();
            written.put("missing key", poison(null, update(missingKey, valueId, now)));
            idOf.put("missing key", missingKey);
            written.put("key is not the value id", poison(UUID.randomUUID().toString(), update(wrongKey, valueId, now)));
            idOf.put("key is not the value id", wrongKey);
            addOne();
            written.put("wrong type", poison(valueId, "{\"id\":\"" + wrongType + "\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\""
                    + valueId + "\",\"operation\":\"ADD\",\"value\":\"1\"},\"timestamp\":\"" + now + "\"}"));
            idOf.put("wrong type", wrongType);
            written.put("missing data", poison(valueId, "{\"id\":\"" + missingData + "\",\"action\":\"CreateValue\",\"timestamp\":\"" + now + "\"}"));
            idOf.put("missing data", missingData);
            written.put("huge", poison(valueId, "{\"id\":\"" + UUID.randomUUID() + "\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\""
                    + valueId + "\",\"operation\":\"ADD\",\"value\":1},\"timestamp\":\"" + now + "\",\"pad\":\"" + pad + "\"}"));
            written.put("tombstone", pipeline.produce(pipeline.commands, valueId, null));
            written.put("binary", pipeline.produce(pipeline.commands, valueId, new byte[] {(byte) 0xff, 0, (byte) 0xfe, 1}));
            addOne();

            Http.Answer last = http.put("/values/" + valueId + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 1}");
            assertThat(last.status()).isEqualTo(200);
            version++;
            assertThat(last.json().get("version").asLong()).isEqualTo(version);

            await().atMost(Duration.ofSeconds(60)).until(pipeline::allCommandsDecided);
            List<Outcome> outcomes = outcomes();
            written.forEach((what, metadata) -> {
                UUID commandId = idOf.getOrDefault(what, poisonCommandId(metadata));
                List<Outcome> mine = outcomes.stream().filter(o -> o.commandId().equals(commandId)).toList();
                assertThat(mine).as("outcome of the %s record", what).hasSize(1);
                assertThat(mine.get(0)).as(what).isInstanceOfSatisfying(Outcome.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID));
            });
            CommandProcessor processor = pipeline.processors().get(0);
            // status and meters are updated just after commitTransaction, so after the committed offsets show
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(processor.status().ready()).isTrue();
                assertThat(pipeline.registries.get(processor).counter("abacus.processor.poison.records").count())
                        .isEqualTo(written.size());
            });
            // a batch retried after an aborted transaction logs its poison records again: compare positions
            Set<String> positions = written.values().stream()
                    .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .collect(Collectors.toSet());
            List<String> poisonWarnings = log.warnings().stream().filter(line -> line.contains("poison record")).toList();
            assertThat(poisonWarnings.stream().map(PoisonRecordTest::poisonPosition).collect(Collectors.toSet()))
                    .as("positions named by the poison record warnings %s", poisonWarnings)
                    .isEqualTo(positions);
        }
        awaitViewValue(valueId, 1.0 + (version - 1), version);
    }

    @Test
    @Order(2)
    void poisonEventsAreSkippedCountedAndLoggedByTheViewAndARebuildingProcessor() {
        long malformedBefore = viewStatus(http).path("malformed").asLong();
        int partition = pipeline.readAll(pipeline.events).entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> valueId.equals(r.key())))
                .findFirst().orElseThrow().getKey();
        List<byte[]> bad = new ArrayList<>();
        bad.add("not json at all".getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"id\":\"" + UUID.randomUUID() + "\",\"parent-id\":\"" + UUID.randomUUID() + "\",\"action\":\"ValueDeleted\","
                + "\"data\":{\"value-id\":\"" + valueId + "\",\"value\":0,\"version\":99},\"timestamp\":\"2026-11-22T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"id\":\"" + UUID.randomUUID() + "\",\"parent-id\":\"" + UUID.randomUUID() + "\",\"action\":\"ValueCreated\","
                + "\"data\":{\"value-id\":\"" + valueId + "\",\"value\":\"NaN\",\"version\":1},\"timestamp\":\"2026-11-22T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"id\":\"" + UUID.randomUUID() + "\",\"action\":\"ValueCreated\","
                + "\"data\":{\"value-id\":\"" + valueId + "\",\"value\":3,\"version\":0},\"timestamp\":\"2026-11-22T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"schema\":7,\"id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"pad\":\"" + "y".repeat(90_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bad.add(null);

        try (LogCapture viewLog = new LogCapture("dev.abacus.view.EventProjector")) {
            for (byte[] record : bad) {
                pipeline.produce(pipeline.events, partition, valueId, record);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(viewStatus(http).path("malformed").asLong()).isEqualTo(malformedBefore + bad.size()));
            assertThat(viewLog.warnings()).hasSizeGreaterThanOrEqualTo(bad.size());
        }
        var status = viewStatus(http);
        assertThat(status.path("alive").asBoolean()).isTrue();
        assertThat(status.path("ready").asBoolean()).isTrue();
        assertThat(http.get("/prometheus").response().body())
                .containsPattern("abacus_view_events_total\\{[^}]*outcome=\"malformed\"[^}]*\\} " + (malformedBefore + bad.size()));
        awaitViewValue(valueId, 1.0 + (version - 1), version);

        // a processor that rebuilds this partition reads past the same records
        pipeline.kill(pipeline.processors().get(0));
        pipeline.startProcessor();
        pipeline.awaitProcessorsReady(Duration.ofSeconds(60));
        Http.Answer after = http.put("/values/" + valueId + "?wait=20s", "{\"operation\": \"MULTIPLY\", \"value\": 10}");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("version").asLong()).isEqualTo(version + 1);
        assertThat(after.json().get("value").asDouble()).isEqualTo(10.0 * version);

        // a fresh view copy replays past them too, and counts each once
        ApplicationContext fresh = pipeline.startServices("poison-replay", false, Map.of());
        Http replay = new Http(() -> Pipeline.uri(fresh), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var replayed = viewStatus(replay);
            assertThat(replayed.path("ready").asBoolean()).isTrue();
            assertThat(replayed.path("malformed").asLong()).isEqualTo(bad.size());
        });
        awaitViewValue(replay, valueId, 10.0 * version, version + 1);
        pipeline.stop(fresh);
    }

    @Test
    @Order(3)
    void aFloodOfPoisonCommandsIsCountedInFullAndLoggedWithinALimit() {
        CommandProcessor processor = pipeline.processors().get(0);
        double before = pipeline.registries.get(processor).counter("abacus.processor.poison.records").count();
        int flood = 500;
        long started = System.nanoTime();
        try (LogCapture log = new LogCapture("dev.abacus.processor.CommandProcessor")) {
            for (int i = 0; i < flood; i++) {
                poison(valueId, "garbage " + i);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    pipeline.registries.get(processor).counter("abacus.processor.poison.records").count() - before)
                    .isEqualTo(flood));
            // 20 warnings per 10 s window, however many records arrive in it; a span of T s touches T/10 + 2 windows
            long windows = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10 + 2;
            long lines = log.warnings().stream().filter(line -> line.contains("poison record at")).count();
            assertThat(lines).as("poison warnings for %d records in %d windows", flood, windows)
                    .isLessThanOrEqualTo(20 * windows);
        }
    }

    private static String poisonPosition(String warning) {
        Matcher matcher = POISON_WARNING.matcher(warning);
        return matcher.find() ? matcher.group(1) : "unparsed: " + warning;
    }

    private RecordMetadata poison(String key, String json) {
        return pipeline.produce(pipeline.commands, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String update(UUID commandId, String valueId, String now) {
        return "{\"id\":\"" + commandId + "\",\"action\":\"UpdateValue\",\"data\":{\"value-id\":\"" + valueId
                + "\",\"operation\":\"ADD\",\"value\":1000},\"timestamp\":\"" + now + "\"}";
    }

    private void addOne() {
        assertThat(http.put("/values/" + valueId, "{\"operation\": \"ADD\", \"value\": 1}").status()).isEqualTo(202);
        version++;
    }

    private UUID poisonCommandId(RecordMetadata metadata) {
        return UUID.nameUUIDFromBytes(("abacus-poison:" + metadata.topic() + "/" + metadata.partition() + "/"
                + metadata.offset()).getBytes(StandardCharsets.UTF_8));
    }

    private List<Outcome> outcomes() {
        return pipeline.readAll(pipeline.outcomes).values().stream()
                .flatMap(List::stream)
                .map(ConsumerRecord::value)
                .map(WireCodec::decodeOutcome)
                .toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode viewStatus(Http http) {
        return Optional.ofNullable(http.get("/view/status").json()).orElseThrow();
    }

    private void awaitViewValue(String id, double value, long expectedVersion) {
        awaitViewValue(http, id, value, expectedVersion);
    }

    private static void awaitViewValue(Http http, String id, double value, long expectedVersion) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Answer answer = http.get("/values/" + id);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("version").asLong()).isEqualTo(expectedVersion);
            assertThat(answer.json().get("value").asDouble()).isEqualTo(value);
        });
    }
}
