package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.WireCodec;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client retrying with the same {@code Idempotency-Key} gets the original outcome and never a
 * second event: across the commander, a real processor killed abruptly between the attempts, and a
 * broker outage that turned the first attempt into a 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRetryTest {

    private Pipeline pipeline;
    private Http http;

    @BeforeAll
    void start() {
        pipeline = Pipeline.start("retry", 3);
        pipeline.startProcessor();
        ApplicationContext services = pipeline.startServices("retry", false, Map.of());
        http = new Http(() -> Pipeline.uri(services), Duration.ofSeconds(30));
        Pipeline.awaitReady(http, Duration.ofSeconds(60));
        pipeline.awaitProcessorsReady(Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        pipeline.close();
    }

    @Test
    void retriedCreateAndUpdateYieldTheOriginalOutcomeAcrossAProcessorCrash() {
        Http.Answer created = http.post("/values?wait=20s", "{\"value\": 10}", "Idempotency-Key", "retry-create-1");
        assertThat(created.status()).isEqualTo(201);
        String valueId = created.text("value_id");
        Http.Answer added = http.put("/values/" + valueId + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 5}",
                "Idempotency-Key", "retry-add-1");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("version").asLong()).isEqualTo(2);

        pipeline.kill(pipeline.processors().get(0));
        pipeline.startProcessor();
        pipeline.startProcessor();
        pipeline.awaitProcessorsReady(Duration.ofSeconds(60));

        Http.Answer createdAgain = http.post("/values?wait=20s", "{\"value\": 99}", "Idempotency-Key", "retry-create-1");
        Http.Answer addedAgain = http.put("/values/" + valueId + "?wait=20s",
                "{\"operation\": \"ADD\", \"value\": 5}", "Idempotency-Key", "retry-add-1");
        Http.Answer addedWithOtherBody = http.put("/values/" + valueId + "?wait=20s",
                "{\"operation\": \"MULTIPLY\", \"value\": 1000}", "Idempotency-Key", "retry-add-1");

        assertThat(createdAgain.status()).isEqualTo(201);
        assertThat(createdAgain.text("value_id")).isEqualTo(valueId);
        assertThat(createdAgain.json().get("value").asDouble()).isEqualTo(10.0); // the original outcome, not the current value
        assertThat(createdAgain.json().get("version").asLong()).isEqualTo(1);
        assertThat(addedAgain.status()).isEqualTo(200);
        assertThat(addedAgain.json().get("version").asLong()).isEqualTo(2);
        assertThat(addedAgain.json().get("value").asDouble()).isEqualTo(15.0);
        assertThat(addedWithOtherBody.status()).isEqualTo(200);
        assertThat(addedWithOtherBody.json().get("version").asLong()).isEqualTo(2);

        UUID value = UUID.fromString(valueId);
        awaitDecided();
        List<Event> events = eventsOf(value);
        assertThat(events).extracting(Event::version).containsExactly(1L, 2L);
        assertThat(events).extracting(Event::value).containsExactly(10.0, 15.0);
        Map<UUID, List<Outcome>> outcomes = outcomesOf(value);
        UUID addCommand = Pipeline.commandIdForUpdate(value, "retry-add-1");
        assertThat(outcomes.get(addCommand)).hasSize(3)
                .allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Accepted.class))
                .extracting(o -> ((Outcome.Accepted) o).duplicate())
                .containsExactly(false, true, true);
        awaitViewValue(valueId, 15.0, 2);
    }

    @Test
    void aCommandAnswered503DuringABrokerOutageIsWrittenOnceWhenRetriedWithItsKey() {
        pipeline.kafka.stop();
        Http.Answer during;
        try {
            during = http.post("/values", "{\"value\": 7}", "Idempotency-Key", "retry-outage-1");
        } finally {
            pipeline.kafka.start();
        }
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotNull();
        assertThat(during.isProblem()).isTrue();

        Http.Answer retried = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.post("/values?wait=10s", "{\"value\": 7}", "Idempotency-Key", "retry-outage-1"),
                        answer -> answer.status() == 201);
        Http.Answer again = http.post("/values?wait=10s", "{\"value\": 7}", "Idempotency-Key", "retry-outage-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("value_id")).isEqualTo(retried.text("value_id"));

        UUID value = UUID.fromString(retried.text("value_id"));
        assertThat(value).isEqualTo(Pipeline.valueIdForCreate("retry-outage-1"));
        awaitDecided();
        assertThat(eventsOf(value)).hasSize(1).first().extracting(Event::parentId)
                .isEqualTo(Pipeline.commandIdForCreate("retry-outage-1"));
        awaitViewValue(value.toString(), 7.0, 1);
    }

    private void awaitDecided() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(pipeline::allCommandsDecided);
    }

    private List<Event> eventsOf(UUID valueId) {
        return pipeline.readAll(pipeline.events).values().stream()
                .flatMap(List::stream)
                .map(ConsumerRecord::value)
                .map(WireCodec::decodeEvent)
                .filter(event -> event.valueId().equals(valueId))
                .toList();
    }

    private Map<UUID, List<Outcome>> outcomesOf(UUID valueId) {
        return pipeline.readAll(pipeline.outcomes).values().stream()
                .flatMap(List::stream)
                .map(ConsumerRecord::value)
                .map(WireCodec::decodeOutcome)
                .filter(outcome -> valueId.equals(outcome.valueId()))
                .collect(Collectors.groupingBy(Outcome::commandId));
    }

    private void awaitViewValue(String valueId, double value, long version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Answer answer = http.get("/values/" + valueId);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("value").asDouble()).isEqualTo(value);
            assertThat(answer.json().get("version").asLong()).isEqualTo(version);
        });
    }
}
