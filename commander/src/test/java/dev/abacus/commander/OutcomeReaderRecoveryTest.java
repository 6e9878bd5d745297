package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.auth.Http;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16: the outcome reader's start-up offsets time out once. The broker holds the reader's
 * ListOffsets requests (and only those) until the test lets them through, so the reader's calls
 * time out with the partitions already assigned, as under load at start.
 */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeReaderRecoveryTest implements TestPropertyProvider {

    private static final int PARTITIONS = 2;
    private static final String WAIT = "30";

    private Path dataDir;
    private EmbeddedKafka kafka;
    private FakeProcessor processor;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        HeldListOffsets.hold("abacus-commander-outcomes");
        try {
            dataDir = Files.createTempDirectory("abacus-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = EmbeddedKafka.start(dataDir, 0, Map.of("authorizer.class.name", HeldListOffsets.class.getName()));
        kafka.createTopics(List.of("commands", "events", "outcomes"), PARTITIONS, Map.of());
        processor = new FakeProcessor(kafka.bootstrapServers(), "commands", "outcomes", PARTITIONS);
        return Map.of(
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.commander.outcome-reader-stall-timeout", "10s");
    }

    @AfterAll
    void stopKafka() throws InterruptedException, IOException {
        HeldListOffsets.release();
        processor.close();
        kafka.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void timedOutStartOffsetsAreRetriedAndLivenessFailsMeanwhile() {
        Http http = new Http(server.getURI());
        await().atMost(Duration.ofSeconds(60)).until(() -> HeldListOffsets.held() > 0);

        // the reader's 2 s call timeout is long past once its 10 s stall timeout is
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.get("/health/liveness").status()).isEqualTo(503));
        assertThat(http.get("/health/readiness").status()).isEqualTo(503);
        Http.Answer during = http.post("/values", "{\"value\": 7}");
        assertThat(during.status()).isEqualTo(202);
        String commandId = during.json().get("command_id").asText();
        // the fake processor decides it, but the wedged reader would never read that outcome
        processor.awaitRecord(UUID.fromString(commandId));
        assertThat(http.get("/commands/" + commandId).json().get("status").asText()).isEqualTo("PENDING");

        HeldListOffsets.release();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.get("/health/readiness").status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.get("/health/liveness").status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/commands/" + commandId).json().get("status").asText()).isEqualTo("ACCEPTED"));
        Http.Answer waited = http.post("/values", "{\"value\": 3}", "Prefer", "wait=" + WAIT);
        assertThat(waited.status()).isEqualTo(201);
        assertThat(waited.json().get("value").asDouble()).isEqualTo(3.0);
    }
}
