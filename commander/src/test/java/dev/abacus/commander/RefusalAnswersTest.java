package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.abacus.auth.Http;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every malformed request the commander refuses, answered byte for byte as {@code golden/commander-refusals.json}
 * records: status, content type, the headers a client acts on and the whole problem document. A change of wording,
 * field, order or precedence between two faults shows here; the actual answers are written to
 * {@code target/commander-refusals.json} to compare. Each answer to a documented operation must also be one the
 * OpenAPI document lists, in the shape it gives.
 */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalAnswersTest implements TestPropertyProvider {

    private static final String GOLDEN = "golden/commander-refusals.json";
    private static final String VALUE = "/values/3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String COMMAND = "/commands/3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static final String ADD = "{\"operation\": \"ADD\", \"value\": 1}";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, String method, String path, String contentType, String body, String... headers) {

        static Case post(String name, String body) {
            return new Case(name, "POST", "/values", "application/json", body);
        }

        static Case put(String name, String path, String body) {
            return new Case(name, "PUT", path, "application/json", body);
        }
    }

    private static final List<Case> CASES = List.of(
            Case.post("create: not json", "not json"),
            Case.post("create: value a string", "{\"value\": \"3\"}"),
            Case.post("create: value \"NaN\"", "{\"value\": \"NaN\"}"),
            Case.post("create: value NaN literal", "{\"value\": NaN}"),
            Case.post("create: value Infinity literal", "{\"value\": Infinity}"),
            Case.post("create: value 1e400", "{\"value\": 1e400}"),
            Case.post("create: value -1e400", "{\"value\": -1e400}"),
            Case.post("create: value null", "{\"value\": null}"),
            Case.post("create: value true", "{\"value\": true}"),
            Case.post("create: value an array", "{\"value\": [3]}"),
            Case.post("create: value an object", "{\"value\": {\"a\": 1}}"),
            Case.post("create: empty object", "{}"),
            Case.post("create: an array", "[]"),
            Case.post("create: a number", "3"),
            Case.post("create: null", "null"),
            Case.post("create: a string", "\"x\""),
            Case.post("create: empty body", ""),
            Case.post("create: whitespace body", "  \n"),
            Case.post("create: unterminated", "{\"value\": 3"),
            Case.post("create: unknown field", "{\"value\": 3, \"extra\": 1}"),
            Case.post("create: unknown fields and no value", "{\"a\": 1, \"b\": 2}"),
            Case.post("create: trailing garbage", "{\"value\": 1}garbage"),
            Case.post("create: two documents", "{\"value\": 1} {\"value\": 2}"),
            Case.post("create: key twice", "{\"value\": 1, \"value\": 2}"),
            Case.post("create: too deep", "{\"value\": " + "[".repeat(40) + "]".repeat(40) + "}"),
            Case.post("create: number literal too long", "{\"value\": 1" + "0".repeat(70) + "}"),
            Case.put("update: unknown operation", VALUE, "{\"operation\": \"DIVIDE\", \"value\": 3}"),
            Case.put("update: lower-case operation", VALUE, "{\"operation\": \"add\", \"value\": 3}"),
            Case.put("update: operation a number", VALUE, "{\"operation\": 3, \"value\": 3}"),
            Case.put("update: operation null", VALUE, "{\"operation\": null, \"value\": 3}"),
            Case.put("update: no operation", VALUE, "{\"value\": 3}"),
            Case.put("update: no value", VALUE, "{\"operation\": \"ADD\"}"),
            Case.put("update: value a string", VALUE, "{\"operation\": \"ADD\", \"value\": \"3\"}"),
            Case.put("update: value 1e999", VALUE, "{\"operation\": \"ADD\", \"value\": 1e999}"),
            Case.put("update: unknown field", VALUE, "{\"operation\": \"ADD\", \"value\": 3, \"x\": 0}"),
            Case.put("update: two fields wrong", VALUE, "{\"operation\": \"DIVIDE\", \"value\": \"3\"}"),
            Case.put("update: unknown operation, no value", VALUE, "{\"operation\": \"DIVIDE\"}"),
            Case.put("update: everything wrong", VALUE, "{\"operation\": [], \"value\": false, \"by\": 2}"),
            Case.put("update: empty object", VALUE, "{}"),
            Case.put("update: an array", VALUE, "[1]"),
            Case.put("update: operation twice", VALUE, "{\"operation\": \"ADD\", \"operation\": \"MULTIPLY\", \"value\": 2}"),
            Case.put("update: empty body", VALUE, ""),
            Case.put("update: id too short", "/values/123", ADD),
            Case.put("update: id in a lenient form", "/values/1-1-1-1-1", ADD),
            Case.put("update: id with letters beyond hex", "/values/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", ADD),
            Case.put("update: id too long", VALUE + "0", ADD),
            Case.put("update: id with a space", "/values/%20" + VALUE.substring(9), ADD),
            Case.put("update: bad id and bad body", "/values/123", "not json"),
            new Case("update: bad id under a wrong content type", "PUT", "/values/123", "text/plain", ADD),
            new Case("update: bad id under a garbage content type", "PUT", "/values/123", "garbage", ADD),
            Case.put("update: bad id and empty body", "/values/123", ""),
            new Case("update: bad id and empty body under a garbage content type", "PUT", "/values/123", "garbage", ""),
            new Case("update: empty body, no content type", "PUT", VALUE, null, ""),
            new Case("status: id not a UUID", "GET", "/commands/not-a-uuid", null, null),
            new Case("status: id in a lenient form", "GET", "/commands/1-1-1-1-1", null, null),
            new Case("status: unknown command", "GET", COMMAND, null, null),
            new Case("create: text/plain", "POST", "/values", "text/plain", "{\"value\": 3}"),
            new Case("create: garbage content type", "POST", "/values", "garbage", "{\"value\": 3}"),
            new Case("create: latin-1", "POST", "/values", "application/json; charset=ISO-8859-1", "{\"value\": 3}"),
            new Case("create: content type with a bare parameter", "POST", "/values", "application/json; foo", "{\"value\": 3}"),
            new Case("create: wrong content type and bad body", "POST", "/values", "text/plain", "not json"),
            new Case("create: no content type and bad body", "POST", "/values", null, "{\"value\": \"3\"}"),
            new Case("create: gzip", "POST", "/values", "application/json", "{\"value\": 3}", "Content-Encoding", "gzip"),
            new Case("create: gzip under a garbage content type", "POST", "/values", "garbage", "{\"value\": 3}",
                    "Content-Encoding", "gzip"),
            new Case("create: garbage content type and empty body", "POST", "/values", "garbage", ""),
            new Case("create: empty body, no content type", "POST", "/values", null, ""),
            new Case("create: gzip and bad body", "POST", "/values", "application/json", "not json", "Content-Encoding", "gzip"),
            new Case("create: idempotency key too long", "POST", "/values", "application/json", "{\"value\": 3}",
                    "Idempotency-Key", "k".repeat(201)),
            new Case("create: bad idempotency key and bad body", "POST", "/values", "application/json", "{}",
                    "Idempotency-Key", "k".repeat(201)),
            new Case("create: empty idempotency key", "POST", "/values", "application/json", "{\"value\": 3}",
                    "Idempotency-Key", ""),
            new Case("create: idempotency key of spaces", "POST", "/values", "application/json", "{\"value\": 3}",
                    "Idempotency-Key", " "),
            new Case("create: empty wait", "POST", "/values?wait=", "application/json", "{\"value\": 3}"),
            new Case("create: two waits, the first bad", "POST", "/values?wait=x&wait=1s", "application/json",
                    "{\"value\": 3}"),
            new Case("create: wait not a duration", "POST", "/values?wait=soon", "application/json", "{\"value\": 3}"),
            new Case("update: wait not a duration", "PUT", VALUE + "?wait=1h", "application/json", ADD),
            new Case("create: too large", "POST", "/values", "application/json",
                    "{\"value\": 3, \"pad\": \"" + "x".repeat(70 * 1024) + "\"}"),
            new Case("unknown path", "GET", "/nowhere", null, null),
            new Case("create: a method the route does not take", "DELETE", "/values", null, null),
            new Case("view read on the commander", "GET", "/values", null, null));

    private EmbeddedKafka kafka;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), 1, Map.of());
        return Map.of("abacus.kafka.bootstrap-servers", kafka.bootstrapServers());
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void everyRefusalIsAnsweredAsRecorded() throws IOException {
        Http http = new Http(server.getURI());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/health/readiness").status() == 200);
        ObjectNode answers = JSON.createObjectNode();
        List<String> undocumented = new ArrayList<>();
        for (Case refused : CASES) {
            Http.Answer answer = http.send(refused.method(), refused.path(), refused.contentType(), refused.body(),
                    refused.headers());
            answers.set(refused.name(), answer(answer));
            undocumented.addAll(ApiDocument.faults(refused.method(), refused.path(), answer));
        }
        Path actual = Path.of("target", "commander-refusals.json");
        Files.writeString(actual, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answers) + "\n");

        assertThat(answers.size()).isEqualTo(CASES.size());
        JsonNode golden = golden();
        List<String> differing = new ArrayList<>();
        answers.fieldNames().forEachRemaining(name -> {
            if (!answers.get(name).equals(golden.get(name))) {
                differing.add(name + ": " + answers.get(name) + " recorded " + golden.get(name));
            }
        });
        assertThat(differing).as("answers unlike %s (all answers in %s)", GOLDEN, actual).isEmpty();
        assertThat(golden.size()).as("recorded answers without a case").isEqualTo(CASES.size());
        assertThat(undocumented).as("answers unlike the OpenAPI document").isEmpty();
    }

    private static ObjectNode answer(Http.Answer answer) {
        ObjectNode recorded = JSON.createObjectNode();
        recorded.put("status", answer.status());
        recorded.put("content_type", answer.contentType());
        for (String header : List.of("Accept-Encoding", "Allow", "Retry-After", "WWW-Authenticate")) {
            if (answer.header(header) != null) {
                recorded.put(header, answer.header(header));
            }
        }
        recorded.set("body", answer.json() == null ? JSON.getNodeFactory().textNode(answer.response().body())
                : answer.json());
        return recorded;
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = RefusalAnswersTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            return in == null ? JSON.createObjectNode() : JSON.readTree(in);
        }
    }
}
