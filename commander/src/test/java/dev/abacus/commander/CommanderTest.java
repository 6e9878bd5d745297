package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.auth.Http;
import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommanderTest implements TestPropertyProvider {

    private static final int PARTITIONS = 3;
    private static final String PROBLEM_JSON = "application/problem+json";
    /** Long enough for a decided answer on a loaded machine; the commander caps waits at 30 s. */
    private static final String WAIT = "30";
    private static final byte[] GZIPPED_CREATE = gzip("{\"value\": 3}");

    private EmbeddedKafka kafka;
    private FakeProcessor processor;
    private Http http;
    private RawHttp raw;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry registry;

    @Inject
    AnsweringThreads answeringThreads;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), PARTITIONS, Map.of());
        return Map.of("abacus.kafka.bootstrap-servers", kafka.bootstrapServers(), AnsweringThreads.ENABLED, "true");
    }

    @BeforeAll
    void startProcessor() {
        processor = new FakeProcessor(kafka.bootstrapServers(), "commands", "outcomes", PARTITIONS);
        http = new Http(server.getURI());
        raw = new RawHttp(server.getURI());
        // tests that wait expect a decided answer: start them only once the outcome reader is caught up
        // and one command made the full round trip through the fake processor
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/health/readiness").status() == 200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.post("/values?wait=" + WAIT + "s", "{\"value\": 0}").status() == 201);
    }

    @AfterAll
    void stopKafka() throws InterruptedException {
        processor.close();
        kafka.close();
    }

    @Test
    void createIsAcceptedOnlyOnceInTheCommandsTopic() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}");

        assertThat(answer.status()).isEqualTo(202);
        UUID commandId = UUID.fromString(answer.json().get("command_id").asText());
        UUID valueId = UUID.fromString(answer.json().get("value_id").asText());
        assertThat(answer.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(answer.json().get("status_url").asText()).isEqualTo("/commands/" + commandId);
        assertThat(answer.header("Location")).isEqualTo("/values/" + valueId);

        ConsumerRecord<String, byte[]> record = processor.awaitRecord(commandId);
        assertThat(record.key()).isEqualTo(valueId.toString());
        Command command = WireCodec.decodeCommand(record.value());
        assertThat(command).isInstanceOf(CreateValue.class);
        assertThat(((CreateValue) command).value()).isEqualTo(3.0);
        assertThat(command.valueId()).isEqualTo(valueId);
    }

    @Test
    void updateIsWrittenKeyedByItsValue() {
        UUID valueId = UUID.randomUUID();
        Http.Answer answer = http.put("/values/" + valueId, "{\"operation\": \"MULTIPLY\", \"value\": 3}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("value_id").asText()).isEqualTo(valueId.toString());
        assertThat(answer.header("Location")).isEqualTo("/values/" + valueId);
        UUID commandId = UUID.fromString(answer.json().get("command_id").asText());
        ConsumerRecord<String, byte[]> record = processor.awaitRecord(commandId);
        assertThat(record.key()).isEqualTo(valueId.toString());
        UpdateValue update = (UpdateValue) WireCodec.decodeCommand(record.value());
        assertThat(update.operation()).isEqualTo(Operation.MULTIPLY);
        assertThat(update.value()).isEqualTo(3.0);
    }

    /** Kafka's I/O thread completes the write and the outcome reader the wait; neither builds the answer. */
    @Test
    void answersAreBuiltOnTheServersEventLoopNotOnAKafkaClientThread() {
        String created = http.post("/values", "{\"value\": 3}", AnsweringThreads.TAG, "created").json()
                .get("value_id").asText();
        Http.Answer decided = http.put("/values/" + created + "?wait=" + WAIT + "s",
                "{\"operation\": \"ADD\", \"value\": 1}", AnsweringThreads.TAG, "decided");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(List.of(answeringThreads.of("created"), answeringThreads.of("decided")))
                .allSatisfy(thread -> assertThat(thread).isNotNull()
                        .doesNotStartWith("kafka-producer-network-thread")
                        .doesNotStartWith("abacus-commander"));
    }

    @Test
    void waitingCreateAnswers201WithTheValue() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}", "Prefer", "wait=" + WAIT);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("value").asDouble()).isEqualTo(3.0);
        assertThat(answer.json().get("version").asLong()).isEqualTo(1);
        String valueId = answer.json().get("value_id").asText();
        assertThat(answer.header("Location")).isEqualTo("/values/" + valueId);
        assertThat(answer.header("Preference-Applied")).isEqualTo("wait=" + WAIT);
    }

    @Test
    void aWaitInASecondPreferHeaderLineIsHonoured() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}", "Prefer", "respond-async", "Prefer", "wait=" + WAIT);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Preference-Applied")).isEqualTo("wait=" + WAIT);
    }

    @Test
    void waitingUpdateAnswers200WithTheResult() {
        String valueId = http.post("/values", "{\"value\": 3}", "Prefer", "wait=" + WAIT).json().get("value_id").asText();

        Http.Answer added = http.put("/values/" + valueId + "?wait=" + WAIT + "s", "{\"operation\": \"ADD\", \"value\": 2}");
        Http.Answer multiplied = http.put("/values/" + valueId, "{\"operation\": \"MULTIPLY\", \"value\": 3}",
                "Prefer", "respond-async, wait=" + WAIT);

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("value").asDouble()).isEqualTo(5.0);
        assertThat(added.json().get("version").asLong()).isEqualTo(2);
        assertThat(multiplied.status()).isEqualTo(200);
        assertThat(multiplied.json().get("value").asDouble()).isEqualTo(15.0);
        assertThat(multiplied.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void waitingUpdateOfAnUnknownValueIs404() {
        Http.Answer answer = http.put("/values/" + UUID.randomUUID() + "?wait=" + WAIT + "s",
                "{\"operation\": \"ADD\", \"value\": 2}");

        assertProblem(answer, 404);
        assertThat(answer.json().get("reason").asText()).isEqualTo("VALUE_NOT_FOUND");
    }

    @Test
    void waitingUpdateWithANonFiniteResultIs422() {
        String valueId = http.post("/values?wait=" + WAIT + "s", "{\"value\": 1e308}").json().get("value_id").asText();

        Http.Answer answer = http.put("/values/" + valueId + "?wait=" + WAIT + "s", "{\"operation\": \"MULTIPLY\", \"value\": 10}");

        assertProblem(answer, 422);
        assertThat(answer.json().get("reason").asText()).isEqualTo("NON_FINITE_RESULT");
    }

    @Test
    void waitingCommandRejectedAsConflictOrInvalidMapsToItsStatus() {
        processor.script = command -> Optional.of(new Outcome.Rejected(command.id(), command.valueId(),
                command instanceof CreateValue ? RejectionReason.VALUE_ALREADY_EXISTS : RejectionReason.INVALID,
                "scripted", Instant.now()));
        try {
            Http.Answer conflict = http.post("/values?wait=" + WAIT + "s", "{\"value\": 1}");
            Http.Answer invalid = http.put("/values/" + UUID.randomUUID() + "?wait=" + WAIT + "s",
                    "{\"operation\": \"ADD\", \"value\": 1}");

            assertProblem(conflict, 409);
            assertThat(conflict.json().get("reason").asText()).isEqualTo("VALUE_ALREADY_EXISTS");
            assertProblem(invalid, 400);
            assertThat(invalid.json().get("reason").asText()).isEqualTo("INVALID");
        } finally {
            processor.script = command -> null;
        }
    }

    @Test
    void waitWithoutAnOutcomeAnswers202ThenStatusFollowsTheOutcome() {
        Set<UUID> silenced = ConcurrentHashMap.newKeySet();
        processor.script = command -> {
            silenced.add(command.id());
            return Optional.empty();
        };
        Http.Answer answer;
        UUID commandId;
        try {
            answer = http.post("/values?wait=1s", "{\"value\": 4}");
            assertThat(answer.status()).isEqualTo(202);
            commandId = UUID.fromString(answer.json().get("command_id").asText());
            // back to normal only once the fake processor has read this command and stayed silent on it
            await().atMost(Duration.ofSeconds(30)).until(() -> silenced.contains(commandId));
        } finally {
            processor.script = command -> null;
        }
        assertThat(answer.header("Preference-Applied")).isEqualTo("wait=1");
        UUID valueId = UUID.fromString(answer.json().get("value_id").asText());

        Http.Answer pending = http.get("/commands/" + commandId);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.json().get("value_id").asText()).isEqualTo(valueId.toString());

        UUID eventId = UUID.randomUUID();
        processor.publish(new Outcome.Accepted(commandId, valueId, eventId, 4.0, 1, false, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer decided = http.get("/commands/" + commandId);
            assertThat(decided.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(decided.json().get("event_id").asText()).isEqualTo(eventId.toString());
            assertThat(decided.json().get("value").asDouble()).isEqualTo(4.0);
            assertThat(decided.json().get("version").asLong()).isEqualTo(1);
        });
    }

    @Test
    void statusOfARejectedCommandCarriesItsReason() {
        Http.Answer answer = http.put("/values/" + UUID.randomUUID(), "{\"operation\": \"ADD\", \"value\": 1}");
        String commandId = answer.json().get("command_id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer status = http.get("/commands/" + commandId);
            assertThat(status.json().get("status").asText()).isEqualTo("REJECTED");
            assertThat(status.json().get("reason").asText()).isEqualTo("VALUE_NOT_FOUND");
            assertThat(status.json().get("detail").asText()).contains("does not exist");
        });
    }

    @Test
    void unknownCommandIs404AndAnInvalidIdIs400() {
        Http.Answer unknown = http.get("/commands/" + UUID.randomUUID());
        Http.Answer invalid = http.get("/commands/not-a-uuid");

        assertProblem(unknown, 404);
        assertThat(unknown.json().get("detail").asText()).contains("no outcome yet");
        assertProblem(invalid, 400);
    }

    @Test
    void malformedOutcomeRecordsAreSkipped() {
        processor.publishRaw("x", "not json".getBytes(StandardCharsets.UTF_8));
        processor.publishRaw("x", "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8));

        Http.Answer answer = http.post("/values?wait=" + WAIT + "s", "{\"value\": 8}");

        assertThat(answer.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.get("/health/readiness").json().at("/details/commander/details/malformedOutcomes").asLong())
                .isGreaterThanOrEqualTo(2));
    }

    @Test
    void sameIdempotencyKeyGivesTheSameCommandAndValue() {
        String key = "retry-" + UUID.randomUUID();
        Http.Answer first = http.post("/values?wait=" + WAIT + "s", "{\"value\": 7}", "Idempotency-Key", key);
        Http.Answer second = http.post("/values?wait=" + WAIT + "s", "{\"value\": 7}", "Idempotency-Key", key);
        Http.Answer third = http.post("/values", "{\"value\": 7}", "Idempotency-Key", key);
        Http.Answer other = http.post("/values", "{\"value\": 7}", "Idempotency-Key", key + "-other");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("value_id")).isEqualTo(first.json().get("value_id"));
        assertThat(second.json().get("version").asLong()).isEqualTo(1);
        assertThat(third.status()).isEqualTo(202);
        assertThat(third.json().get("value_id")).isEqualTo(first.json().get("value_id"));
        assertThat(other.json().get("value_id")).isNotEqualTo(first.json().get("value_id"));
        UUID commandId = UUID.fromString(third.json().get("command_id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.recordsOf(commandId).size() == 3);
    }

    @Test
    void invalidIdempotencyKeyIs400() {
        assertProblem(http.post("/values", "{\"value\": 7}", "Idempotency-Key", "x".repeat(201)), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "{\"value\": \"3\"}", "{\"value\": \"NaN\"}", "{\"value\": \"Infinity\"}", "{\"value\": NaN}",
        "{\"value\": Infinity}", "{\"value\": 1e400}", "{\"value\": -1e400}", "{\"value\": null}", "{}", "[]",
        "3", "null", "\"x\"", "{\"value\": 3, \"extra\": 1}", "{\"value\": true}", "{\"value\": [3]}", "",
        "{\"value\": 3"
    })
    void badCreateBodyIs400(String body) {
        Http.Answer answer = http.post("/values", body);

        assertProblem(answer, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"operation\": \"DIVIDE\", \"value\": 3}", "{\"value\": 3}", "{\"operation\": \"ADD\"}",
        "{\"operation\": 3, \"value\": 3}", "{\"operation\": \"ADD\", \"value\": \"3\"}",
        "{\"operation\": \"ADD\", \"value\": 1e999}", "{\"operation\": \"ADD\", \"value\": 3, \"x\": 0}", "[1]"
    })
    void badUpdateBodyIs400(String body) {
        Http.Answer answer = http.put("/values/" + UUID.randomUUID(), body);

        assertProblem(answer, 400);
    }

    @Test
    void fieldErrorsNameTheField() {
        Http.Answer answer = http.put("/values/" + UUID.randomUUID(), "{\"operation\": \"DIVIDE\", \"value\": \"3\"}");

        assertProblem(answer, 400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly("/operation", "/value");
    }

    @Test
    void invalidValueIdInThePathIs400() {
        Http.Answer answer = http.put("/values/123", "{\"operation\": \"ADD\", \"value\": 3}");

        assertProblem(answer, 400);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("id");
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(http.send("POST", "/values", "text/plain", "{\"value\": 3}"), 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "deflate", "snappy", "br", "zstd", "compress", "GZIP", "gzip, identity", "identity, gzip"})
    void bodyInAContentCodingIs415WithoutAStackTrace(String coding) {
        try (LogCapture logs = new LogCapture()) {
            Http.Answer answer = nothingSubmitted(() -> http.post("/values", "{\"value\": 3}", "Content-Encoding", coding));

            assertProblem(answer, 415);
            assertThat(answer.json().get("reason").asText()).isEqualTo("UNSUPPORTED_CONTENT_CODING");
            assertThat(answer.header("Accept-Encoding")).isEqualTo("identity");
            assertThat(logs.loudHttpLines()).isEmpty();
        }
    }

    @Test
    void bodyThatIsReallyGzippedIs415Too() {
        RawHttp.Reply reply = nothingSubmitted(() -> raw.send("POST /values HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nContent-Encoding: gzip\r\nContent-Length: " + GZIPPED_CREATE.length, GZIPPED_CREATE));

        assertRawProblem(reply, 415, "UNSUPPORTED_CONTENT_CODING");
    }

    @Test
    void identityContentCodingIsAccepted() {
        assertThat(http.post("/values", "{\"value\": 3}", "Content-Encoding", "identity").status()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, chunked", "deflate, chunked", "x-gzip, chunked", "snappy, chunked", "br, chunked", "gzip"})
    void transferCodingOtherThanChunkedIs415WithoutAStackTrace(String codings) {
        try (LogCapture logs = new LogCapture()) {
            RawHttp.Reply reply = nothingSubmitted(() -> raw.send("POST /values HTTP/1.1\r\nContent-Type: application/json"
                    + "\r\nTransfer-Encoding: " + codings, RawHttp.chunked("{\"value\": 3}".getBytes(StandardCharsets.UTF_8))));

            assertRawProblem(reply, 415, "UNSUPPORTED_CONTENT_CODING");
            assertThat(logs.loudHttpLines()).isEmpty();
        }
    }

    @Test
    void chunkedBodyIsAccepted() {
        RawHttp.Reply reply = raw.send("POST /values HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                RawHttp.chunked("{\"value\": 3}".getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"value\": 1}garbage", "{\"value\": 1} {\"value\": 2}", "{\"value\": 1}{\"value\": 2}", "{\"value\": 1}]",
        "{\"value\": 1}}", "{\"value\": 1} 2", "{\"value\": 1}\u0000", "{\"value\": 1, \"value\": 2}", "{\"value\": 1}\n{}"
    })
    void createBodyThatIsNotExactlyOneDocumentWithoutDuplicatesIs400(String body) {
        Http.Answer answer = nothingSubmitted(() -> http.post("/values", body));

        assertProblem(answer, 400);
        assertThat(answer.json().get("reason").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("/");
    }

    @Test
    void duplicateOperationIsRefusedRatherThanTheLastOneWinning() {
        String valueId = http.post("/values?wait=" + WAIT + "s", "{\"value\": 3}").json().get("value_id").asText();

        Http.Answer duplicate = nothingSubmitted(() -> http.put("/values/" + valueId,
                "{\"operation\": \"ADD\", \"operation\": \"MULTIPLY\", \"value\": 2}"));
        // written after the refused one on the same partition: its version shows nothing came between them
        Http.Answer next = http.put("/values/" + valueId + "?wait=" + WAIT + "s", "{\"operation\": \"ADD\", \"value\": 0}");

        assertProblem(duplicate, 400);
        assertThat(duplicate.json().get("reason").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(duplicate.json().get("detail").asText()).contains("operation");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("version").asLong()).isEqualTo(2);
        assertThat(next.json().get("value").asDouble()).isEqualTo(3.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage", "json", "application/json; charset=nope", "application/json; charset=utf-16",
        "application/json; charset=ISO-8859-1", "application/json; foo", "application/json; charset=",
        "application/json; charset=\"utf-8", "application /json", "application/json/x", "/json", "application/"
    })
    void unparseableOrNonUtf8ContentTypeIs415(String contentType) {
        Http.Answer answer = nothingSubmitted(() -> http.send("POST", "/values", contentType, "{\"value\": 3}"));

        assertProblem(answer, 415);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
        "application/json ; charset=UTF-8", "application/json;;;"
    })
    void jsonContentTypesAreAccepted(String contentType) {
        assertThat(http.send("POST", "/values", contentType, "{\"value\": 3}").status()).isEqualTo(202);
    }

    @Test
    void oversizedBodyIs413() {
        String body = "{\"value\": 3, \"pad\": \"" + "x".repeat(70 * 1024) + "\"}";

        assertProblem(http.post("/values", body), 413);
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(http.get("/nowhere"), 404);
    }

    @Test
    void invalidWaitIs400() {
        assertProblem(http.post("/values?wait=soon", "{\"value\": 3}"), 400);
    }

    @Test
    void readyOnceOutcomesAreRead() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer readiness = http.get("/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().at("/details/commander/status").asText()).isEqualTo("UP");
        });
        assertThat(http.get("/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/prometheus").response().body()).contains("abacus_commander_commands_written",
                "kafka_producer_record_send_total{", "kafka_producer_record_error_total{",
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    /** Runs a request that must be refused before the commander submits anything to Kafka. */
    private <T> T nothingSubmitted(Supplier<T> request) {
        double before = submitted();
        T answer = request.get();
        assertThat(submitted()).as("commands submitted for writing").isEqualTo(before);
        return answer;
    }

    private double submitted() {
        return registry.find("abacus.commander.commands.received").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void assertRawProblem(RawHttp.Reply reply, int status, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("reason").asText()).isEqualTo(reason);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void assertProblem(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    }
}
