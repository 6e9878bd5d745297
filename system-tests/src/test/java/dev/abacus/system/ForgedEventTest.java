package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import dev.abacus.support.kafka.HomePartition;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Events the processor could never have written, put on the events topic by anyone who can write
 * there: a version that jumps, a value created off its home partition, a key that is not the value
 * id. The view and a rebuilding processor refuse every one by the same rule, so the next real event
 * is applied (not skipped as a duplicate of a forgery) and both keep agreeing on every value.
 */
class ForgedEventTest {

    private static final int PARTITIONS = 3;

    @Test
    void eventsTheProcessorCouldNotHaveWrittenAreRefusedByTheViewAndTheProcessorAlike() {
        try (Pipeline pipeline = Pipeline.start("forged", PARTITIONS)) {
            pipeline.startProcessor();
            ApplicationContext services = pipeline.startServices("forged", false, Map.of());
            Http http = new Http(() -> Pipeline.uri(services), Duration.ofSeconds(30));
            Pipeline.awaitReady(http, Duration.ofSeconds(60));
            pipeline.awaitProcessorsReady(Duration.ofSeconds(60));

            Http.Answer created = http.post("/values?wait=20s", "{\"value\": 1}");
            assertThat(created.status()).isEqualTo(201);
            UUID real = UUID.fromString(created.text("value_id"));
            int home = HomePartition.of(real, PARTITIONS);
            UUID forgedValue = UUID.randomUUID();
            int elsewhere = (HomePartition.of(forgedValue, PARTITIONS) + 1) % PARTITIONS;
            long malformedBefore = http.get("/view/status").json().path("malformed").asLong();

            pipeline.produce(pipeline.events, home, real.toString(), WireCodec.encode(updated(real, 999_999, 5)));
            pipeline.produce(pipeline.events, home, real.toString(), WireCodec.encode(updated(real, 2, Long.MAX_VALUE)));
            pipeline.produce(pipeline.events, elsewhere, forgedValue.toString(), WireCodec.encode(
                    new ValueCreated(UUID.randomUUID(), UUID.randomUUID(), forgedValue, 999_999, 1, Instant.now())));
            pipeline.produce(pipeline.events, home, UUID.randomUUID().toString(), WireCodec.encode(updated(real, 999_999, 2)));
            pipeline.produce(pipeline.events, home, real.toString().toUpperCase(Locale.ROOT),
                    WireCodec.encode(updated(real, 999_999, 2)));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(http.get("/view/status").json().path("malformed").asLong() - malformedBefore)
                            .as("forged events the view refused").isEqualTo(5));
            Http.Answer added = http.put("/values/" + real + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 2}");
            assertThat(added.status()).isEqualTo(200);
            assertThat(added.json().get("version").asLong()).isEqualTo(2);
            awaitValue(http, real, 3.0, 2);
            assertThat(http.get("/values/" + forgedValue).status()).as("the value forged off its home partition").isEqualTo(404);

            pipeline.kill(pipeline.processors().get(0));
            pipeline.startProcessor();
            pipeline.awaitProcessorsReady(Duration.ofSeconds(60));
            Http.Answer multiplied = http.put("/values/" + real + "?wait=20s", "{\"operation\": \"MULTIPLY\", \"value\": 5}");
            assertThat(multiplied.status()).as("a rebuilt processor ignored the forgeries too").isEqualTo(200);
            assertThat(multiplied.json().get("version").asLong()).isEqualTo(3);
            assertThat(multiplied.json().get("value").asDouble()).isEqualTo(15.0);
            assertThat(http.put("/values/" + forgedValue + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 1}").status())
                    .isEqualTo(404);

            ApplicationContext fresh = pipeline.startServices("forged-replay", false, Map.of());
            Http replay = new Http(() -> Pipeline.uri(fresh), Duration.ofSeconds(30));
            Pipeline.awaitReady(replay, Duration.ofSeconds(60));
            awaitValue(replay, real, 15.0, 3);
            assertThat(replay.get("/values/" + forgedValue).status()).isEqualTo(404);
            JsonNode status = replay.get("/view/status").json();
            assertThat(status.path("malformed").asLong()).as("a fresh copy refuses them on replay").isEqualTo(5);
        }
    }

    private static ValueUpdated updated(UUID valueId, double value, long version) {
        return new ValueUpdated(UUID.randomUUID(), UUID.randomUUID(), valueId, Operation.ADD, 1, value, version, Instant.now());
    }

    private static void awaitValue(Http http, UUID valueId, double value, long version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Answer answer = http.get("/values/" + valueId);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("version").asLong()).isEqualTo(version);
            assertThat(answer.json().get("value").asDouble()).isEqualTo(value);
        });
    }
}
