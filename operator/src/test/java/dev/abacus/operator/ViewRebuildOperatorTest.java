package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.NAMESPACE;
import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.resources.Labels;
import dev.abacus.operator.resources.ServiceFactory;
import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Blue-green view rebuilds against the emulator, with the fake Deployment controller deciding when a generation
 * is available. Every change of the view Service is checked: it must only ever select an available generation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewRebuildOperatorTest {

    private OperatorTestEnvironment env;
    private final Map<String, Integer> routedGeneration = new ConcurrentHashMap<>();
    private final List<String> routingViolations = new CopyOnWriteArrayList<>();
    private final List<String> switches = new CopyOnWriteArrayList<>();
    private Watch serviceWatch;

    @BeforeAll
    void start() {
        env = OperatorTestEnvironment.start();
        serviceWatch = env.client().services().inNamespace(NAMESPACE).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Service service) {
                int generation = ServiceFactory.selectedGeneration(service);
                Integer before = routedGeneration.put(service.getMetadata().getName(), generation);
                if (action != Action.MODIFIED || before == null || before == generation) {
                    return;
                }
                String name = service.getMetadata().getLabels().get(Labels.INSTANCE) + "-view-g" + generation;
                Deployment target = env.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
                boolean available = target != null && target.getStatus() != null
                        && target.getStatus().getAvailableReplicas() != null
                        && target.getStatus().getAvailableReplicas() >= target.getSpec().getReplicas();
                if (!available) {
                    routingViolations.add(service.getMetadata().getName() + " switched to unavailable " + name);
                }
                switches.add(service.getMetadata().getName() + "->" + generation);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterAll
    void stop() {
        serviceWatch.close();
        env.close();
    }

    @Test
    void newRebuildTokenSwitchesTrafficToANewGenerationOnceItIsAvailable() {
        env.create(pipeline("blue"));
        eventually().until(() -> env.readyAtCurrentGeneration("blue"));

        env.edit("blue", spec -> spec.getView().setRebuild("replay-1"));

        eventually().untilAsserted(() -> {
            Deployment green = deployment("blue-view-g2");
            assertThat(green).isNotNull();
            assertThat(green.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(Labels.VIEW_GENERATION, "2");
            assertThat(green.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .contains(new EnvVar("ABACUS_VIEW_GENERATION", "2", null));
        });
        eventually().untilAsserted(() -> {
            ViewStatus view = env.get("blue").getStatus().getView();
            assertThat(view.getActiveGeneration()).isEqualTo(2);
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(deployment("blue-view-g1")).isNull();
            assertThat(env.client().services().inNamespace(NAMESPACE).withName("blue-view").get().getSpec().getSelector())
                    .containsEntry(Labels.VIEW_GENERATION, "2");
            assertThat(env.readyAtCurrentGeneration("blue")).isTrue();
        });
        assertThat(env.condition("blue", ConditionType.VIEW_REBUILDING).orElseThrow().getReason())
                .isEqualTo(ConditionReason.NO_REBUILD);
        assertThat(eventReasons("blue")).contains("RebuildStarted", "RebuildSwitched", "RebuildCompleted");
        assertThat(switches).contains("blue-view->2");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void imageChangeRebuildsWhileTheOldGenerationKeepsServingAndAnUnavailableGenerationIsAborted() {
        CalculatorPipeline pipeline = pipeline("teal");
        pipeline.getSpec().getView().getRebuildPolicy().setDeadlineSeconds(4);
        env.create(pipeline);
        eventually().until(() -> env.readyAtCurrentGeneration("teal"));
        String oldImage = image(deployment("teal-view-g1"));
        env.deployments().hold("teal-view-g2");

        env.edit("teal", spec -> spec.getView().setImage("registry.example/view:2.0"));

        eventually().untilAsserted(() -> {
            assertThat(env.get("teal").getStatus().getView().getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(image(deployment("teal-view-g2"))).isEqualTo("registry.example/view:2.0");
        });
        assertThat(image(deployment("teal-view-g1"))).as("the serving generation keeps its code").isEqualTo(oldImage);
        assertThat(env.condition("teal", ConditionType.VIEW_REBUILDING).orElseThrow().getStatus())
                .isEqualTo(ConditionStatus.TRUE);

        eventually().untilAsserted(() -> {
            CalculatorPipeline p = env.get("teal");
            assertThat(p.getStatus().getView().getPhase()).isEqualTo(ViewPhase.ABORTED);
            assertThat(p.getStatus().condition(ConditionType.VIEW_REBUILDING).orElseThrow().getReason())
                    .isEqualTo(ConditionReason.REBUILD_ABORTED);
            assertThat(deployment("teal-view-g2")).isNull();
        });
        CalculatorPipeline aborted = env.get("teal");
        assertThat(aborted.getStatus().getView().getActiveGeneration()).isEqualTo(1);
        assertThat(aborted.getStatus().condition(ConditionType.VIEW_AVAILABLE).orElseThrow().getStatus())
                .isEqualTo(ConditionStatus.TRUE);
        assertThat(image(deployment("teal-view-g1"))).isEqualTo(oldImage);

        env.edit("teal", spec -> spec.getView().setRebuild("retry"));
        eventually().untilAsserted(() -> {
            ViewStatus view = env.get("teal").getStatus().getView();
            assertThat(view.getActiveGeneration()).isEqualTo(3);
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(image(deployment("teal-view-g3"))).isEqualTo("registry.example/view:2.0");
            assertThat(deployment("teal-view-g1")).isNull();
        });
        assertThat(switches).containsSubsequence("teal-view->3").doesNotContain("teal-view->2");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void scalingTheViewIsNotARebuild() {
        env.create(pipeline("cyan"));
        eventually().until(() -> env.readyAtCurrentGeneration("cyan"));

        env.edit("cyan", spec -> spec.getView().setReplicas(3));

        eventually().untilAsserted(() -> {
            assertThat(deployment("cyan-view-g1").getSpec().getReplicas()).isEqualTo(3);
            assertThat(env.readyAtCurrentGeneration("cyan")).isTrue();
        });
        assertThat(env.get("cyan").getStatus().getView().getLatestGeneration()).isEqualTo(1);
    }

    private CalculatorPipeline pipeline(String name) {
        CalculatorPipeline pipeline = env.pipeline(name, 1);
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDeadlineSeconds(30);
        return pipeline;
    }

    private Deployment deployment(String name) {
        return env.client().apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private List<String> eventReasons(String pipeline) {
        return env.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> pipeline.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason)
                .toList();
    }
}
