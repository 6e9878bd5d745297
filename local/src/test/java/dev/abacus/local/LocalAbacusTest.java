package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The seed's walkthrough, verbatim, against the local runner: a real broker and all three services. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAbacusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a decided answer on a loaded machine; the commander caps waits at 30 s. */
    private static final String WAIT = "wait=30";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalAbacus abacus;
    private LocalOptions options;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        options = new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 3);
        abacus = LocalAbacus.start(options);
        awaitReady();
    }

    @AfterAll
    void stop() {
        abacus.close();
    }

    @Test
    void listensOnThisMachineOnlyAndSaysWhenAuthenticationIsOff() {
        assertThat(abacus.host()).isEqualTo(LocalOptions.LOOPBACK);
        assertThat(abacus.authenticationOn()).isFalse();
    }

    @Test
    void seedFlowCreateThenMultiplyReadsNine() throws Exception {
        HttpResponse<String> created = send("POST", "/values", "{\"value\": 3}", null);
        assertThat(created.statusCode()).isEqualTo(202);
        String valueId = JSON.readTree(created.body()).get("value_id").asText();

        awaitValue(valueId, 3.0);
        HttpResponse<String> multiplied = send("PUT", "/values/" + valueId, "{\"operation\": \"MULTIPLY\", \"value\": 3}", null);
        assertThat(multiplied.statusCode()).isEqualTo(202);

        JsonNode value = awaitValue(valueId, 9.0);
        assertThat(value.get("value_id").asText()).isEqualTo(valueId);
    }

    @Test
    void multiplyingAValueThatDoesNotExistIsRejectedAndCreatesNothing() throws Exception {
        String missing = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        HttpResponse<String> rejected = send("PUT", "/values/" + missing,
                "{\"operation\": \"MULTIPLY\", \"value\": 3}", WAIT);

        assertThat(rejected.statusCode()).isEqualTo(404);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(rejected.body()).get("reason").asText()).isEqualTo("VALUE_NOT_FOUND");
        assertThat(send("GET", "/values/" + missing, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void waitingForTheOutcomeAnswersWithTheNewValue() throws Exception {
        HttpResponse<String> created = send("POST", "/values", "{\"value\": 2.5}", WAIT);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.get("value").asDouble()).isEqualTo(2.5);
        assertThat(body.get("version").asLong()).isEqualTo(1);

        HttpResponse<String> added = send("PUT", "/values/" + body.get("value_id").asText(),
                "{\"operation\": \"ADD\", \"value\": 1}", WAIT);
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).get("value").asDouble()).isEqualTo(3.5);
    }

    @Test
    void restartOnTheSameDataDirectoryReplaysTheSameValues() throws Exception {
        HttpResponse<String> created = send("POST", "/values", "{\"value\": 7}", WAIT);
        String valueId = JSON.readTree(created.body()).get("value_id").asText();
        send("PUT", "/values/" + valueId, "{\"operation\": \"ADD\", \"value\": 35}", WAIT);
        awaitValue(valueId, 42.0);

        abacus.close();
        abacus = LocalAbacus.start(options);
        awaitReady();

        JsonNode replayed = awaitValue(valueId, 42.0);
        assertThat(replayed.get("version").asLong()).isEqualTo(2);
        HttpResponse<String> again = send("PUT", "/values/" + valueId, "{\"operation\": \"MULTIPLY\", \"value\": 2}", WAIT);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("version").asLong()).isEqualTo(3);
        awaitValue(valueId, 84.0);
    }

    /**
     * start() returns before the processor is assigned its partitions and has rebuilt them: wait for
     * readiness, then for one command to be decided within a wait, as the tests that wait expect.
     */
    private void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", "/health/readiness", null, null).statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("POST", "/values", "{\"value\": 0}", WAIT).statusCode() == 201);
    }

    private JsonNode awaitValue(String valueId, double expected) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> response = send("GET", "/values/" + valueId, null, null);
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, node -> node != null && node.get("value").asDouble() == expected);
    }

    private HttpResponse<String> send(String method, String path, String body, String prefer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + abacus.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
