package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.resources.Labels;
import dev.abacus.operator.support.OperatorTestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A blue-green rebuild with the real view service behind every generation: the new copy replays the whole events
 * log on a real broker, the operator's probe reads its real {@code /view/status}, and after the switch the new
 * generation answers every value exactly as the old one did.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealViewRebuildIT {

    private static final int VALUES = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OperatorTestEnvironment env;

    @BeforeAll
    void start() {
        env = OperatorTestEnvironment.startWithRealViews();
    }

    @AfterAll
    void stop() {
        env.scheduling().release();
        env.close();
    }

    @Test
    void aNewGenerationReplaysTheWholeLogBeforeItTakesTrafficAndThenAnswersAsTheOldOneDid() throws Exception {
        CalculatorPipeline pipeline = env.pipeline("ruby", 2);
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(3600);
        env.create(pipeline);
        env.awaitReady("ruby");
        List<UUID> values = writeHistory("ruby.events");
        long events = 2L * VALUES;
        eventually().untilAsserted(() -> assertThat(status("ruby-view-g1").get("events_applied").asLong())
                .isEqualTo(events));

        env.scheduling().hold(env.namespace(), "ruby-view-g2");
        env.edit("ruby", spec -> spec.getView().setRebuild("replay"));

        eventually().untilAsserted(() -> {
            ViewStatus view = env.get("ruby").getStatus().getView();
            assertThat(view.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(view.getTargetProgress()).satisfies(target -> {
                assertThat(target.getGeneration()).isEqualTo(2);
                assertThat(target.getState()).isEqualTo(ProgressState.REPORTED);
                assertThat(target.getEventsApplied()).isEqualTo(events);
                assertThat(target.getLag()).isZero();
                assertThat(target.getCaughtUp()).isTrue();
            });
            assertThat(view.getActiveProgress().getEventsApplied()).isEqualTo(events);
        });
        assertThat(service().getSpec().getSelector()).as("blue serves while green is unavailable")
                .containsEntry(Labels.VIEW_GENERATION, "1");

        env.scheduling().release();
        eventually().untilAsserted(() -> {
            assertThat(env.get("ruby").getStatus().getView().getPhase()).isEqualTo(ViewPhase.DRAINING);
            assertThat(service().getSpec().getSelector()).containsEntry(Labels.VIEW_GENERATION, "2");
        });
        for (UUID value : values) {
            HttpResponse<String> blue = get("ruby-view-g1", "/values/" + value);
            HttpResponse<String> green = get("ruby-view-g2", "/values/" + value);
            assertThat(green.statusCode()).isEqualTo(200);
            assertThat(green.headers().firstValue("X-View-Generation")).hasValue("2");
            assertThat(JSON.readTree(green.body())).as("value %s", value).isEqualTo(JSON.readTree(blue.body()));
        }

        env.edit("ruby", spec -> spec.getView().getRebuildPolicy().setDrainSeconds(1));
        eventually().untilAsserted(() -> {
            assertThat(env.get("ruby").getStatus().getView().getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(env.realViews().address("ruby-view-g1")).as("blue's copy is gone with its Deployment")
                    .isEmpty();
        });
    }

    private List<UUID> writeHistory(String topic) {
        List<UUID> ids = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < VALUES; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                producer.send(new ProducerRecord<>(topic, id.toString(), WireCodec.encode(new ValueCreated(
                        UUID.randomUUID(), UUID.randomUUID(), id, i, 1, Instant.now()))));
                producer.send(new ProducerRecord<>(topic, id.toString(), WireCodec.encode(new ValueUpdated(
                        UUID.randomUUID(), UUID.randomUUID(), id, Operation.MULTIPLY, 3, i * 3.0, 2, Instant.now()))));
            }
            producer.flush();
        }
        return ids;
    }

    private JsonNode status(String deployment) throws Exception {
        return JSON.readTree(get(deployment, "/view/status").body());
    }

    private HttpResponse<String> get(String deployment, String path) throws Exception {
        URI base = env.realViews().address(deployment).orElseThrow(() -> new AssertionError(deployment + " not running"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private io.fabric8.kubernetes.api.model.Service service() {
        return env.client().services().inNamespace(env.namespace()).withName("ruby-view").get();
    }
}
