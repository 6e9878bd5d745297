package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.auth.Http;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest implements TestPropertyProvider {

    private EmbeddedKafka kafka;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), 2, Map.of());
        return Map.of(
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.commander.send-timeout", "3s",
                "abacus.commander.max-block", "1s",
                "abacus.commander.retry-after", "2s");
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void answers503WhileKafkaIsDownAndRecoversByItself() {
        Http http = new Http(server.getURI());
        // the first send after start-up fetches metadata, which on a busy machine can outlast max-block=1s
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.post("/values", "{\"value\": 1}").status()).isEqualTo(202));

        kafka.stop();
        Http.Answer down = http.post("/values", "{\"value\": 2}");
        Http.Answer downWaiting = http.put("/values/" + java.util.UUID.randomUUID() + "?wait=5s",
                "{\"operation\": \"ADD\", \"value\": 1}");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.header("Retry-After")).isEqualTo("2");
        assertThat(down.json().get("reason").asText()).isEqualTo("KAFKA_UNAVAILABLE");
        assertThat(downWaiting.status()).isEqualTo(503);
        assertThat(ApiDocument.faults("POST", "/values", down)).isEmpty();
        assertThat(ApiDocument.faults("PUT", "/values/" + java.util.UUID.randomUUID() + "?wait=5s", downWaiting)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/health/readiness").status()).isEqualTo(503));

        kafka.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.post("/values", "{\"value\": 3}").status()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/health/readiness").status()).isEqualTo(200));
    }
}
