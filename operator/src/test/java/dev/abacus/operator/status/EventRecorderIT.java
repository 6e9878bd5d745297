package dev.abacus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kube.testkit.ControlPlane;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.support.OperatorTestEnvironment;
import dev.abacus.operator.support.Pipelines;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Events as the real API server stores them: events.k8s.io/v1 with controller, action and repeat counting. */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRecorderIT {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private KubernetesClient client;
    private String namespace;
    private CalculatorPipeline pipeline;
    private EventRecorder recorder;

    @BeforeAll
    void start() {
        ControlPlane controlPlane = ControlPlane.shared();
        controlPlane.applyCrd(OperatorTestEnvironment.crd());
        client = controlPlane.admin();
        namespace = controlPlane.createNamespace("events").getMetadata().getName();
        pipeline = client.resource(Pipelines.pipeline("evented", namespace)).create();
        recorder = new EventRecorder(client, "operator-0", new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
    }

    @Test
    void anEventCarriesTheControllerTheActionAndThePipeline() {
        recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.Rebuild, "RebuildStarted",
                "creating generation 2");

        Event event = single("RebuildStarted");
        assertThat(event.getReportingController()).isEqualTo(EventRecorder.REPORTING_CONTROLLER);
        assertThat(event.getReportingInstance()).isEqualTo("operator-0");
        assertThat(event.getAction()).isEqualTo("Rebuild");
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getNote()).isEqualTo("creating generation 2");
        assertThat(event.getRegarding().getUid()).isEqualTo(pipeline.getMetadata().getUid());
        assertThat(event.getRegarding().getKind()).isEqualTo("CalculatorPipeline");
        assertThat(event.getSeries()).isNull();
        assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                .as("kubectl describe (core/v1) sees it too")
                .anyMatch(e -> "RebuildStarted".equals(e.getReason())
                        && "creating generation 2".equals(e.getMessage()));
    }

    @Test
    void repeatsWithinTheWindowAreCountedInOneEventAndLaterOnesStartANewOne() {
        for (int i = 0; i < 3; i++) {
            now.set(now.get().plusSeconds(30));
            recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, "KafkaUnreachable",
                    "cannot delete topics yet, will retry");
        }
        recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, "KafkaUnreachable",
                "another note is another event");

        List<Event> repeated = events("KafkaUnreachable");
        assertThat(repeated).hasSize(2);
        Event counted = repeated.stream().filter(e -> e.getNote().startsWith("cannot")).findFirst().orElseThrow();
        assertThat(counted.getSeries().getCount()).isEqualTo(3);
        assertThat(counted.getSeries().getLastObservedTime().getTime()).startsWith(now.get().toString()
                .replace("Z", ""));

        now.set(now.get().plus(EventRecorder.SERIES_WINDOW).plusSeconds(1));
        recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, "KafkaUnreachable",
                "cannot delete topics yet, will retry");
        assertThat(events("KafkaUnreachable")).hasSize(3);
    }

    @Test
    void aRepeatOfAnEventThatExpiredIsWrittenAnew() {
        recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.UpdateTopics, "TopicsUpdated",
                "created evented.events");
        client.events().v1().events().inNamespace(namespace).resource(single("TopicsUpdated")).delete();

        recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.UpdateTopics, "TopicsUpdated",
                "created evented.events");

        assertThat(single("TopicsUpdated").getSeries()).isNull();
    }

    private Event single(String reason) {
        List<Event> events = events(reason);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private List<Event> events(String reason) {
        return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }
}
