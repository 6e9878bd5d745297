package dev.abacus.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(environments = "coding-test")
class ContentCodingFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "deflate", "snappy", "br", "zstd", "compress", "Gzip", "identity, gzip", "gzip,identity"})
    void aCodedBodyIs415BeforeItIsRead(String coding) throws Exception {
        int read = EchoController.bodiesRead.get();
        HttpResponse<String> response = send("POST", "/echo", coding);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(MediaType.APPLICATION_JSON_PROBLEM);
        assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("identity");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(415);
        assertThat(problem.get("reason").asText()).isEqualTo("UNSUPPORTED_CONTENT_CODING");
        assertThat(problem.get("instance").asText()).isEqualTo("/echo");
        assertThat(EchoController.bodiesRead.get()).isEqualTo(read);
    }

    @Test
    void aQueryWithACodedBodyIs415Too() throws Exception {
        assertThat(send("GET", "/query", "gzip").statusCode()).isEqualTo(415);
    }

    @Test
    void identityAndNoCodingPass() throws Exception {
        assertThat(send("POST", "/echo", "identity").body()).isEqualTo("{\"a\":1}");
        assertThat(send("POST", "/echo", "identity, IDENTITY").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/echo", null).body()).isEqualTo("{\"a\":1}");
    }

    private HttpResponse<String> send(String method, String path, @Nullable String coding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"a\":1}", StandardCharsets.UTF_8));
        if (coding != null) {
            request.header("Content-Encoding", coding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Requires(env = "coding-test")
    @Controller
    static class EchoController {
        static final AtomicInteger bodiesRead = new AtomicInteger();

        @Post(uri = "/echo", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
        String echo(@Body String body) {
            bodiesRead.incrementAndGet();
            return body;
        }

        @Get(uri = "/query", produces = MediaType.APPLICATION_JSON)
        String query() {
            return "{}";
        }
    }
}
