package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.contract.golden.Golden;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The view against a real broker: a log with good events, duplicates, a version gap, poison records
 * and an aborted transaction is written before the view starts, so the view must replay it.
 */
@MicronautTest(environments = "view")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewServiceTest implements TestPropertyProvider {

    private static final String TOPIC = "view-events";
    private static final int PARTITIONS = 3;
    private static final int PLAIN_VALUES = 120;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    private final Map<UUID, double[]> expected = new HashMap<>();
    private final UUID duplicated = UUID.randomUUID();
    private final UUID gapped = UUID.randomUUID();
    private final UUID committed = UUID.randomUUID();
    private final UUID aborted = UUID.randomUUID();
    private long expectedApplied;
    private long expectedDuplicates;
    private long expectedMalformed;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of(TOPIC), PARTITIONS, Map.of());
        writeHistory();
        Map<String, String> properties = properties("7");
        properties.put("abacus.kafka.client-properties-file", heldReplayClientProperties().toString());
        return properties;
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    @Order(1)
    void readinessTurnsUpOnlyOnceTheLogSeenAtStartupIsApplied() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(partitions(viewStatus(client))).hasSize(PARTITIONS));
        Map<String, Object> held = viewStatus(client);
        assertThat(statusOf(client, "/health/readiness")).as("a copy that has applied nothing").isEqualTo(503);
        assertThat(held).containsEntry("ready", false).containsEntry("caught_up", false);
        assertThat(number(held, "events_applied")).isZero();
        assertThat(partitions(held)).allSatisfy(partition ->
                assertThat(number(partition, "startup_end_offset")).isPositive());

        HeldReplay.release();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean ready = statusOf(client, "/health/readiness") == 200;
            if (ready) {
                Map<String, Object> status = viewStatus(client);
                assertThat(number(status, "events_applied")).isEqualTo(expectedApplied);
                assertThat(status.get("caught_up")).isEqualTo(true);
            }
            return ready;
        });

        Map<String, Object> status = viewStatus(client);
        assertThat(status.get("ready")).isEqualTo(true);
        Map<Integer, Long> logEnds = readCommittedEnds();
        List<Map<String, Object>> partitions = partitions(status);
        assertThat(partitions).hasSize(PARTITIONS);
        for (Map<String, Object> partition : partitions) {
            long logEnd = logEnds.get(((Number) partition.get("partition")).intValue());
            assertThat(number(partition, "position")).isEqualTo(logEnd);
            assertThat(number(partition, "end_offset")).isEqualTo(logEnd);
            assertThat(number(partition, "startup_end_offset")).isEqualTo(logEnd);
        }
        assertThat(number(status, "lag")).isZero();
        assertThat(statusOf(client, "/health/liveness")).isEqualTo(200);
    }

    @Test
    @Order(2)
    void servesTheFoldedValueOfEveryValue() {
        for (Map.Entry<UUID, double[]> value : expected.entrySet()) {
            HttpResponse<Map<String, Object>> response = client.toBlocking().exchange(
                    HttpRequest.GET("/values/" + value.getKey()).contentType(MediaType.APPLICATION_JSON), map());
            Map<String, Object> body = response.body();
            assertThat(body.get("value_id")).isEqualTo(value.getKey().toString());
            assertThat(((Number) body.get("value")).doubleValue()).isEqualTo(value.getValue()[0]);
            assertThat(number(body, "version")).isEqualTo((long) value.getValue()[1]);
            assertThat(response.header(GenerationHeaderFilter.HEADER)).isEqualTo("7");
        }
    }

    @Test
    @Order(3)
    void duplicatesChangeNothingAndAGapIsRefusedAndCounted() {
        assertThat(value(client, duplicated)).containsEntry("value", 6.0).containsEntry("version", 2);
        assertThat(value(client, gapped)).containsEntry("value", 1.0).containsEntry("version", 1);
        Map<String, Object> status = viewStatus(client);
        assertThat(number(status, "duplicates")).isEqualTo(expectedDuplicates);
        assertThat(number(status, "version_gaps")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void poisonRecordsAreSkippedAndCountedAndAbortedEventsNeverShow() {
        Map<String, Object> status = viewStatus(client);
        assertThat(number(status, "malformed")).isEqualTo(expectedMalformed);
        assertThat(number(status, "events_skipped")).isEqualTo(expectedMalformed + expectedDuplicates);
        assertThat(number(status, "values")).isEqualTo(expected.size());
        assertThat(value(client, committed)).containsEntry("value", 42.0);
        assertThat(failure("/values/" + aborted).getStatus().getCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void unknownAndInvalidIdsAreProblems() {
        HttpClientResponseException notFound = failure("/values/" + UUID.randomUUID());
        assertThat(notFound.getStatus().getCode()).isEqualTo(404);
        assertThat(notFound.getResponse().getContentType()).contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
        assertThat(notFound.getResponse().header(GenerationHeaderFilter.HEADER)).isEqualTo("7");

        for (String path : List.of("/values/not-a-uuid", "/values/1-2-3-4-5", "/values?limit=0", "/values?limit=501",
                "/values?limit=ten", "/values?after=nope")) {
            HttpClientResponseException invalid = failure(path);
            assertThat(invalid.getStatus().getCode()).as(path).isEqualTo(400);
            assertThat(invalid.getResponse().getContentType()).as(path)
                    .contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
            assertThat(invalid.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow())
                    .containsEntry("status", 400)
                    .containsEntry("reason", "INVALID_REQUEST");
        }
    }

    @Test
    @Order(6)
    void pagesCoverEveryValueExactlyOnceInIdOrder() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> page = client.toBlocking().retrieve(
                    HttpRequest.GET("/values?limit=37" + (after == null ? "" : "&after=" + after)), map());
            assertThat(page).containsKeys("items", "next");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).hasSizeLessThanOrEqualTo(37);
            items.forEach(item -> seen.add((String) item.get("value_id")));
            after = (String) page.get("next");
            pages++;
        } while (after != null);
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet().stream().map(UUID::toString).toList())
                .isSorted();
        assertThat(pages).isEqualTo((expected.size() + 36) / 37);
    }

    @Test
    @Order(7)
    void followsEventsWrittenAfterItIsReadyAndStaysReady() {
        UUID live = UUID.randomUUID();
        try (EventLog log = new EventLog(kafka.bootstrapServers(), TOPIC)) {
            log.send(EventLog.created(live, 2));
            log.send(EventLog.added(live, 3, 5, 2));
            log.flush();
        }
        expected.put(live, new double[] {5, 2});
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusOf(client, "/values/" + live)).isEqualTo(200));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(value(client, live)).containsEntry("value", 5.0).containsEntry("version", 2));
        assertThat(statusOf(client, "/health/readiness")).isEqualTo(200);
    }

    @Test
    @Order(8)
    void aFreshCopyReplaysToTheSameAnswers() {
        try (EmbeddedServer fresh = ApplicationContext.run(EmbeddedServer.class, propertiesWithServer("8"), "view");
                HttpClient freshClient = HttpClient.create(fresh.getURL())) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> statusOf(freshClient, "/health/readiness") == 200);
            for (UUID id : expected.keySet()) {
                HttpResponse<Map<String, Object>> answer =
                        freshClient.toBlocking().exchange(HttpRequest.GET("/values/" + id), map());
                assertThat(answer.header(GenerationHeaderFilter.HEADER)).isEqualTo("8");
                assertThat(answer.body()).isEqualTo(value(client, id));
            }
            assertThat(number(viewStatus(freshClient), "events_applied"))
                    .isEqualTo(number(viewStatus(client), "events_applied"));
        }
    }

    @Test
    @Order(9)
    void exposesProgressAsMetrics() {
        String metrics = client.toBlocking().retrieve("/prometheus");
        assertThat(metrics)
                .contains("abacus_view_events_total{outcome=\"malformed\"} " + expectedMalformed + ".0")
                .contains("abacus_view_partition_position{partition=\"0\"")
                .contains("abacus_view_ready 1.0")
                .contains("kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    @Order(10)
    void theStatusDocumentHasTheShapeOfTheContractsGolden() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode live = json.readTree(client.toBlocking().retrieve("/view/status"));
        JsonNode golden = json.readTree(Golden.read(Golden.VIEW_STATUS));

        assertThat(shape(live)).isEqualTo(shape(golden));
    }

    /** Field names and JSON types, recursively; the first element stands for an array. */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder fields = new StringBuilder("{");
            node.fieldNames().forEachRemaining(name -> fields.append(name).append(':').append(shape(node.get(name)))
                    .append(','));
            return fields.append('}').toString();
        }
        if (node.isArray()) {
            return "[" + (node.isEmpty() ? "" : shape(node.get(0))) + "]";
        }
        return node.isIntegralNumber() ? "integer" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private void writeHistory() {
        try (EventLog log = new EventLog(kafka.bootstrapServers(), TOPIC)) {
            for (int i = 0; i < PLAIN_VALUES; i++) {
                UUID id = UUID.randomUUID();
                log.send(EventLog.created(id, i));
                log.send(EventLog.added(id, 1, i + 1, 2));
                expected.put(id, new double[] {i + 1, 2});
                expectedApplied += 2;
                if (i % 20 == 0) {
                    writePoison(log, i / 20);
                }
            }
            log.send(EventLog.created(duplicated, 5));
            log.send(EventLog.created(duplicated, 99));
            log.send(EventLog.added(duplicated, 1, 6, 2));
            log.send(EventLog.added(duplicated, 71, 77, 2));
            expected.put(duplicated, new double[] {6, 2});
            expectedApplied += 2;
            expectedDuplicates += 2;

            log.send(EventLog.created(gapped, 1));
            log.send(EventLog.added(gapped, 29, 30, 3));
            expected.put(gapped, new double[] {1, 1});
            expectedApplied += 1;
            expectedMalformed += 1;
            log.flush();
        }
        EventLog.transactionalWrite(kafka.bootstrapServers(), TOPIC, EventLog.created(aborted, 13), false);
        EventLog.transactionalWrite(kafka.bootstrapServers(), TOPIC, EventLog.created(committed, 42), true);
        expected.put(committed, new double[] {42, 1});
        expectedApplied += 1;
    }

    private void writePoison(EventLog log, int kind) {
        String key = UUID.randomUUID().toString();
        String good = new String(WireCodec.encode(EventLog.created(UUID.randomUUID(), 1)), StandardCharsets.UTF_8);
        List<byte[]> poison = List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                good.replace("ValueCreated", "ValueDeleted").getBytes(StandardCharsets.UTF_8),
                ("{\"pad\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                good.replaceAll("\"data\":\\{[^}]*\\},", "").getBytes(StandardCharsets.UTF_8),
                good.replace("\"schema\":1", "\"schema\":2").getBytes(StandardCharsets.UTF_8),
                good.replaceAll("\"value\":[0-9.]+", "\"value\":1e400").getBytes(StandardCharsets.UTF_8));
        log.raw(key, poison.get(kind % poison.size()));
        expectedMalformed++;
        if (kind == 0) {
            log.raw(key, null);
            expectedMalformed++;
        }
    }

    private Map<String, String> properties(String generation) {
        Map<String, String> properties = new HashMap<>();
        properties.put("abacus.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.putAll(PipelineTopics.properties("commands", TOPIC, "outcomes"));
        properties.put("abacus.view.generation", generation);
        properties.put("abacus.view.ready-sustain", "2s");
        properties.put("abacus.view.ready-lag-threshold", "0");
        return properties;
    }

    private static Path heldReplayClientProperties() {
        try {
            Path file = Files.createTempFile("abacus-view-held-replay", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, "interceptor.classes=" + HeldReplay.class.getName() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> propertiesWithServer(String generation) {
        Map<String, Object> properties = new HashMap<>(properties(generation));
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    private Map<Integer, Long> readCommittedEnds() {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .entrySet().stream()
                    .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpClientResponseException failure(String path) {
        try {
            client.toBlocking().exchange(HttpRequest.GET(path), map());
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error from " + path);
    }

    private static int statusOf(HttpClient client, String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private static Map<String, Object> value(HttpClient client, UUID id) {
        return client.toBlocking().retrieve(HttpRequest.GET("/values/" + id), map());
    }

    private static Map<String, Object> viewStatus(HttpClient client) {
        return client.toBlocking().retrieve(HttpRequest.GET("/view/status"), map());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> partitions(Map<String, Object> status) {
        return (List<Map<String, Object>>) status.get("partitions");
    }

    private static long number(Map<String, Object> body, String field) {
        return ((Number) body.get(field)).longValue();
    }

    private static Argument<Map<String, Object>> map() {
        return Argument.mapOf(String.class, Object.class);
    }
}
