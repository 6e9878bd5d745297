package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Outcome;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(environments = "processor")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessorApplicationTest implements TestPropertyProvider {

    private EmbeddedKafka kafka;
    private Pipeline pipeline;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ProcessorSettings settings;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        pipeline = Pipeline.create(kafka, "app", 2);
        return Map.of(
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.topics.commands", pipeline.commands,
                "abacus.topics.events", pipeline.events,
                "abacus.topics.outcomes", pipeline.outcomes,
                "abacus.processor.group-id", pipeline.group,
                "abacus.processor.instance-id", "app-test",
                "abacus.processor.idempotency-retention", "2h",
                "abacus.processor.idempotency-commands-per-value", "7",
                "micronaut.server.port", "-1");
    }

    @AfterAll
    void stopBroker() {
        pipeline.close();
        kafka.close();
    }

    @Test
    void becomesReadyDecidesCommandsAndReportsStatusAndMetrics() {
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/health/readiness") == 200);
        assertThat(status("/health/liveness")).isEqualTo(200);

        CreateValue create = new CreateValue(UUID.randomUUID(), UUID.randomUUID(), 3, Instant.now());
        pipeline.send(create);
        pipeline.awaitAllDecided();
        assertThat(pipeline.outcomesByCommand().get(create.id())).singleElement().isInstanceOf(Outcome.Accepted.class);

        // status and meters are updated just after commitTransaction, so after the committed offsets show
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String status = client.toBlocking().retrieve("/processor/status");
            assertThat(status).contains("\"instance_id\":\"app-test\"", "\"ready\":true", "\"values_held\":1");
            String metrics = client.toBlocking().retrieve("/prometheus");
            assertThat(metrics).contains("abacus_processor_commands_total{reason=\"none\",result=\"accepted\"} 1.0",
                    "abacus_processor_transactions_total", "abacus_processor_partition_values",
                    "kafka_consumer_fetch_manager_records_lag_max{", "kafka_producer_txn_commit_time_ns_total{",
                    "kafka_producer_record_error_total{");
            assertThat(metrics.lines().filter(line -> line.startsWith("kafka_")))
                    .as("only the kept Kafka client meters").allMatch(line -> line.startsWith("kafka_consumer_fetch_manager_records_")
                            || line.startsWith("kafka_consumer_coordinator_") || line.startsWith("kafka_producer_record_")
                            || line.startsWith("kafka_producer_request_latency_avg") || line.startsWith("kafka_producer_txn_"));
        });
    }

    @Test
    void theIdempotencyBoundIsASetting() {
        assertThat(settings.toConfig("c", "e", "o", null).idempotency())
                .isEqualTo(new IdempotencyBound(Duration.ofHours(2), 7));
    }

    @Test
    void routesOtherThanHealthMetricsAndStatusAreNotServed() {
        assertThat(status("/values")).isEqualTo(404);
        assertThat(List.of(status("/processor/status"))).containsExactly(200);
    }

    private int status(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
