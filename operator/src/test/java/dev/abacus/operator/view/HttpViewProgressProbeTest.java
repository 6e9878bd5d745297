package dev.abacus.operator.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.contract.golden.Golden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rebuild probe reads the document the view writes: the contract's golden {@code view-status.json}. */
class HttpViewProgressProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<String> body = new AtomicReference<>();
    private HttpServer server;
    private HttpViewProgressProbe probe;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ServiceEndpoints.VIEW_STATUS_PATH, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        URI status = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ServiceEndpoints.VIEW_STATUS_PATH);
        probe = new HttpViewProgressProbe(copy -> status, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theGoldenDocumentIsReadAsTheViewMeantIt() throws Exception {
        body.set(Golden.read(Golden.VIEW_STATUS));

        ViewProgress progress = probe.probe(null).get(10, TimeUnit.SECONDS);

        assertThat(progress.problem()).isNull();
        assertThat(progress.reported()).contains(new ViewProgress.Reported("3", true, true, 1200, 0));
    }

    @Test
    void aDocumentWithoutTheLagIsNoProgress() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(Golden.read(Golden.VIEW_STATUS));
        document.remove("lag");
        body.set(document.toString());

        ViewProgress progress = probe.probe(null).get(10, TimeUnit.SECONDS);

        assertThat(progress.reported()).isEmpty();
        assertThat(progress.problem()).contains("lag");
    }

    @Test
    void aNullWhereTheViewWritesANumberIsNoProgress() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(Golden.read(Golden.VIEW_STATUS));
        document.putNull("events_applied");
        body.set(document.toString());

        assertThat(probe.probe(null).get(10, TimeUnit.SECONDS).reported()).isEmpty();
    }
}
