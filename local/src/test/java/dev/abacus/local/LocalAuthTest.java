package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One {@code abacus.auth} guards the commander and the view in the local runner's shared context. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL = "all-token-0123456789";
    private static final String WRITER = "writer-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalAbacus abacus;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        abacus = LocalAbacus.start(new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 1), Map.of(
                "abacus.auth.tokens", "all:" + ALL + ",writer:" + WRITER + " abacus:commands:write,viewer:" + VIEWER
                        + " abacus:values:read"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("GET", "/health/readiness", null, null).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        abacus.close();
    }

    @Test
    void commandsAndValuesNeedATokenWithTheirScopeAndTheStatusStaysOpen() throws Exception {
        assertThat(abacus.authenticationOn()).isTrue();
        assertThat(send("POST", "/values", "{\"value\": 3}", null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send("POST", "/values", "{\"value\": 3}", WRITER), response -> response.statusCode() == 201);
        String value = "/values/" + JSON.readTree(created.body()).get("value_id").asText();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> send("GET", value, null, VIEWER).statusCode() == 200);
        assertThat(send("GET", value, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/values", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = send("GET", value, null, WRITER);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"abacus:values:read\"");
        assertThat(send("GET", value, null, ALL).statusCode()).isEqualTo(200);
        assertThat(send("PUT", value, "{\"operation\": \"ADD\", \"value\": 1}", VIEWER).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/view/status", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theCommandersOldAuthSettingStopsTheStartNamingTheNewOne(@TempDir Path dataDir) {
        LocalOptions options = new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 1);

        assertThatThrownBy(() -> LocalAbacus.start(options, Map.of("abacus.commander.auth.tokens", "ci:" + ALL)))
                .rootCause()
                .hasMessageContaining("abacus.commander.auth.tokens to abacus.auth.tokens")
                .hasMessageContaining("ABACUS_AUTH_TOKENS");
    }

    private HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + abacus.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=30")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
