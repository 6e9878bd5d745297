package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.auth.Http;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The split the operator deploys ({@link ServiceEndpoints#MANAGEMENT_PORT_ENV}): health details and metrics answer on
 * the management port only, without a token; the API port knows nothing of them, and the management port serves no API.
 */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest implements TestPropertyProvider {

    private EmbeddedKafka kafka;
    private int managementPort;
    private Http api;
    private Http management;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), 1, Map.of());
        managementPort = freePort();
        return Map.of(
                "endpoints.all.port", String.valueOf(managementPort),
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.auth.tokens", "ci:ci-token-0123456789");
    }

    @BeforeAll
    void clients() {
        api = new Http(server.getURI());
        management = new Http(URI.create("http://" + server.getHost() + ":" + managementPort));
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void theApiPortServesNoHealthDetailsAndNoMetrics() {
        for (String path : List.of(ServiceEndpoints.HEALTH_PATH, ServiceEndpoints.READINESS_PATH,
                ServiceEndpoints.LIVENESS_PATH, ServiceEndpoints.METRICS_PATH, "/health/", "/PROMETHEUS")) {
            assertThat(api.get(path).status()).as("GET %s on the API port", path).isEqualTo(404);
        }
    }

    @Test
    void theManagementPortServesProbesDetailsAndMetricsWithoutAToken() {
        assertThat(management.get(ServiceEndpoints.LIVENESS_PATH).status()).isEqualTo(200);
        Http.Answer health = management.get(ServiceEndpoints.HEALTH_PATH);
        assertThat(health.status()).isIn(200, 503);
        assertThat(health.json().path("details").has("commander")).as(health.json().toString()).isTrue();
        Http.Answer metrics = management.get(ServiceEndpoints.METRICS_PATH);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.response().body()).contains("abacus_commander_commands_written");
    }

    @Test
    void theManagementPortServesNoApi() {
        assertThat(management.post("/values", "{\"value\": 3}", "Authorization", "Bearer ci-token-0123456789")
                .status()).isEqualTo(404);
        assertThat(management.get("/commands/3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "Authorization", "Bearer ci-token-0123456789").status()).isEqualTo(404);
    }

    @Test
    void theApiStillAnswersOnItsPort() {
        assertThat(api.post("/values", "{\"value\": 3}").status()).as("no token").isEqualTo(401);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
