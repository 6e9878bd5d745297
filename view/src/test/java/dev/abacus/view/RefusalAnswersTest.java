package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every malformed query the view refuses, answered byte for byte as {@code golden/view-refusals.json} records:
 * status, content type, generation and the whole problem document. The actual answers are written to
 * {@code target/view-refusals.json} to compare. Each answer to a documented operation must also be one the OpenAPI
 * document lists, in the shape it gives.
 */
@MicronautTest(environments = "view")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalAnswersTest implements TestPropertyProvider {

    private static final String GOLDEN = "golden/view-refusals.json";
    private static final UUID KNOWN = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATHS = List.of(
            "/values/not-a-uuid",
            "/values/1-2-3-4-5",
            "/values/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            "/values/" + KNOWN + "0",
            "/values/%20" + KNOWN.toString().substring(1),
            "/values/" + "x".repeat(100),
            "/values/3fa85f64-5717-4562-b3fc-000000000000",
            "/values/3FA85F64-5717-4562-B3FC-000000000000",
            "/values/" + KNOWN + "/more",
            "/values?limit=0",
            "/values?limit=501",
            "/values?limit=-1",
            "/values?limit=ten",
            "/values?limit=1.5",
            "/values?limit=99999999999",
            "/values?limit=" + "9".repeat(100),
            "/values?limit=0501",
            "/values?limit=+0",
            "/values?limit=&after=nope",
            "/values?limit=5&after=1-1-1-1-1",
            "/values?after=nope",
            "/values?after=1-1-1-1-1",
            "/values?after=" + KNOWN + "0",
            "/values?limit=ten&after=nope",
            "/values?after=nope&limit=0",
            "/nowhere");

    private EmbeddedKafka kafka;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        return ViewAuthTest.view(kafka, KNOWN);
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void everyRefusalIsAnsweredAsRecorded() throws IOException {
        Http http = new Http(server.getURI());
        ViewAuthTest.awaitValue(http, KNOWN);
        ObjectNode answers = JSON.createObjectNode();
        List<String> undocumented = new ArrayList<>();
        for (String path : PATHS) {
            Http.Answer answer = http.get(path);
            answers.set(path, answer(answer));
            undocumented.addAll(ApiDocument.faults("GET", path, answer));
        }
        answers.set("POST /values", answer(http.post("/values", "{\"value\": 1}")));
        Path actual = Path.of("target", "view-refusals.json");
        Files.writeString(actual, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answers) + "\n");

        JsonNode golden = golden();
        List<String> differing = new ArrayList<>();
        answers.fieldNames().forEachRemaining(name -> {
            if (!answers.get(name).equals(golden.get(name))) {
                differing.add(name + ": " + answers.get(name) + " recorded " + golden.get(name));
            }
        });
        assertThat(differing).as("answers unlike %s (all answers in %s)", GOLDEN, actual).isEmpty();
        assertThat(golden.size()).as("recorded answers without a case").isEqualTo(answers.size());
        assertThat(undocumented).as("answers unlike the OpenAPI document").isEmpty();
    }

    private static ObjectNode answer(Http.Answer answer) {
        ObjectNode recorded = JSON.createObjectNode();
        recorded.put("status", answer.status());
        recorded.put("content_type", answer.contentType());
        for (String header : List.of("Allow", GenerationHeaderFilter.HEADER)) {
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
