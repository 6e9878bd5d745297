package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.RebuildRecord;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.abacus.kube.testkit.RealControlPlane;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Blue-green view rebuilds on the real control plane: availability comes from the real Deployment controller and
 * kwok's pods, and a generation is held unavailable by keeping its pods from being scheduled. Windows that a test
 * must observe are made long and then cut short by an edit, so no assertion races the clock. Every change of the
 * view Service is checked: it must only ever select an available generation. The copies' progress answers come
 * from {@link dev.abacus.operator.support.FakeViewCopies}, because these scenarios need answers a real view does not
 * give on demand (a copy that hangs, answers 503, or reports chosen numbers); {@link RealViewRebuildIT} runs the real
 * view behind every generation.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewRebuildOperatorIT {

    private OperatorTestEnvironment env;
    private final Map<String, Integer> routedGeneration = new ConcurrentHashMap<>();
    private final List<String> routingViolations = new CopyOnWriteArrayList<>();
    private final List<String> switches = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> switchedAt = new ConcurrentHashMap<>();
    private final List<String> createdDeployments = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> deletedAt = new ConcurrentHashMap<>();
    private Watch serviceWatch;
    private Watch deploymentWatch;

    @BeforeAll
    void start() {
        env = OperatorTestEnvironment.start();
        serviceWatch = env.client().services().inNamespace(env.namespace()).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Service service) {
                Instant seen = Instant.now();
                int generation = ServiceFactory.selectedGeneration(service);
                Integer before = routedGeneration.put(service.getMetadata().getName(), generation);
                if (action != Action.MODIFIED || before == null || before == generation) {
                    return;
                }
                String name = service.getMetadata().getLabels().get(Labels.INSTANCE) + "-view-g" + generation;
                Deployment target = env.client().apps().deployments().inNamespace(env.namespace()).withName(name).get();
                boolean available = target != null && target.getStatus() != null
                        && target.getStatus().getAvailableReplicas() != null
                        && target.getStatus().getAvailableReplicas() >= target.getSpec().getReplicas();
                if (!available) {
                    routingViolations.add(service.getMetadata().getName() + " switched to unavailable " + name);
                }
                switches.add(service.getMetadata().getName() + "->" + generation);
                switchedAt.put(service.getMetadata().getName() + "->" + generation, seen);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        deploymentWatch = env.client().apps().deployments().inNamespace(env.namespace()).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (action == Action.ADDED) {
                    createdDeployments.add(deployment.getMetadata().getName());
                } else if (action == Action.DELETED) {
                    deletedAt.put(deployment.getMetadata().getName(), Instant.now());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterEach
    void releaseHeldPodsAndCheckNoSpecIsOwnedByTheOperator() {
        env.scheduling().release();
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).list().getItems()
                .forEach(pipeline -> assertThat(OperatorTestEnvironment.specFieldsOwnedByTheOperator(pipeline))
                        .as("spec fields of %s owned by the operator", pipeline.getMetadata().getName()).isEmpty());
    }

    @AfterAll
    void stop() {
        deploymentWatch.close();
        serviceWatch.close();
        env.close();
    }

    @Test
    void newRebuildTokenSwitchesTrafficToANewGenerationOnceItIsAvailable() {
        env.create(pipeline("blue"));
        env.awaitReady("blue");

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
            assertThat(env.client().services().inNamespace(env.namespace()).withName("blue-view").get().getSpec().getSelector())
                    .containsEntry(Labels.VIEW_GENERATION, "2");
            assertThat(env.readyAtCurrentGeneration("blue")).isTrue();
        });
        assertThat(env.condition("blue", ConditionType.VIEW_REBUILDING).orElseThrow().getReason())
                .isEqualTo("NoRebuild");
        assertThat(eventReasons("blue")).contains("RebuildStarted", "RebuildSwitched", "RebuildCompleted");
        assertThat(switches).contains("blue-view->2");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void imageChangeRebuildsWhileTheOldGenerationKeepsServingAndAnUnavailableGenerationIsAborted() {
        CalculatorPipeline pipeline = pipeline("teal");
        pipeline.getSpec().getView().getRebuildPolicy().setDeadlineSeconds(3600);
        env.create(pipeline);
        env.awaitReady("teal");
        String oldImage = image(deployment("teal-view-g1"));
        env.scheduling().hold(env.namespace(), "teal-view-g2");

        env.edit("teal", spec -> spec.getView().setImage("registry.example/view:2.0"));

        eventually().untilAsserted(() -> {
            assertThat(env.get("teal").getStatus().getView().getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(image(deployment("teal-view-g2"))).isEqualTo("registry.example/view:2.0");
            assertThat(env.condition("teal", ConditionType.VIEW_REBUILDING).orElseThrow().getStatus())
                    .isEqualTo(ConditionStatus.TRUE);
        });
        assertThat(image(deployment("teal-view-g1"))).as("the serving generation keeps its code").isEqualTo(oldImage);

        env.edit("teal", spec -> spec.getView().getRebuildPolicy().setDeadlineSeconds(1));
        eventually().untilAsserted(() -> {
            CalculatorPipeline p = env.get("teal");
            assertThat(p.getStatus().getView().getPhase()).isEqualTo(ViewPhase.ABORTED);
            assertThat(p.getStatus().condition(ConditionType.VIEW_REBUILDING).orElseThrow().getReason())
                    .isEqualTo("RebuildAborted");
            assertThat(deployment("teal-view-g2")).isNull();
        });
        CalculatorPipeline aborted = env.get("teal");
        assertThat(aborted.getStatus().getView().getActiveGeneration()).isEqualTo(1);
        assertThat(aborted.getStatus().condition(ConditionType.VIEW_AVAILABLE).orElseThrow().getStatus())
                .isEqualTo(ConditionStatus.TRUE);
        assertThat(image(deployment("teal-view-g1"))).isEqualTo(oldImage);
        assertThat(env.readyAtCurrentGeneration("teal")).as("blue keeps the pipeline Ready").isTrue();
        assertThat(eventReasons("teal")).contains("RebuildAborted");
        assertThat(aborted.getStatus().getView().getHistory()).singleElement().satisfies(record -> {
            assertThat(record.getGeneration()).isEqualTo(2);
            assertThat(record.getOutcome()).isEqualTo("Aborted");
            assertThat(record.getReason()).isEqualTo("DeadlineExceeded");
        });

        env.scheduling().release();
        env.edit("teal", spec -> {
            spec.getView().getRebuildPolicy().setDeadlineSeconds(3600);
            spec.getView().setRebuild("retry");
        });
        eventually().untilAsserted(() -> {
            ViewStatus view = env.get("teal").getStatus().getView();
            assertThat(view.getActiveGeneration()).isEqualTo(3);
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(image(deployment("teal-view-g3"))).isEqualTo("registry.example/view:2.0");
            assertThat(deployment("teal-view-g1")).isNull();
        });
        assertThat(view("teal").getHistory()).extracting(RebuildRecord::getGeneration, RebuildRecord::getTrigger,
                RebuildRecord::getOutcome).containsExactly(tuple(3, "retry", "Completed"), tuple(2, null, "Aborted"));
        assertThat(switches).containsSubsequence("teal-view->3").doesNotContain("teal-view->2");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void aPersonAbortsARebuildWithTheAnnotationAndTheActiveGenerationKeepsServing() {
        CalculatorPipeline pipeline = pipeline("coral");
        pipeline.getSpec().getView().getRebuildPolicy().setDeadlineSeconds(3600);
        env.create(pipeline);
        env.awaitReady("coral");
        env.annotate("coral", CalculatorPipeline.ABORT_REBUILD_ANNOTATION, "1");
        env.scheduling().hold(env.namespace(), "coral-view-g2");

        env.edit("coral", spec -> spec.getView().setRebuild("bad-idea"));
        eventually().untilAsserted(() -> assertThat(view("coral").getPhase()).isEqualTo(ViewPhase.CATCHING_UP));
        assertThat(view("coral").getTargetGeneration()).as("a stale annotation aborts nothing").isEqualTo(2);

        env.annotate("coral", CalculatorPipeline.ABORT_REBUILD_ANNOTATION, "2");
        eventually().untilAsserted(() -> {
            ViewStatus view = view("coral");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.ABORTED);
            assertThat(view.getMessage()).contains("aborted on request");
            assertThat(deployment("coral-view-g2")).isNull();
        });
        ViewStatus aborted = view("coral");
        assertThat(aborted.getActiveGeneration()).isEqualTo(1);
        assertThat(aborted.getHistory()).singleElement().satisfies(record -> {
            assertThat(record.getGeneration()).isEqualTo(2);
            assertThat(record.getTrigger()).isEqualTo("bad-idea");
            assertThat(record.getOutcome()).isEqualTo("Aborted");
            assertThat(record.getReason()).isEqualTo("AbortRequested");
        });
        assertThat(env.readyAtCurrentGeneration("coral")).as("generation 1 keeps the pipeline Ready").isTrue();
        assertThat(eventReasons("coral")).contains("RebuildAborted");
        assertThat(env.get("coral").getSpec().getView().getRebuild()).as("the user's spec is left as written")
                .isEqualTo("bad-idea");
        assertThat(switches).filteredOn(s -> s.startsWith("coral-view->")).isEmpty();
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void operatorMetricsCountRebuildsByOutcomeAndNeverCarryAPipelineName() throws Exception {
        CalculatorPipeline pipeline = pipeline("slate");
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(1);
        env.create(pipeline);
        env.awaitReady("slate");

        env.edit("slate", spec -> spec.getView().setRebuild("metered"));
        eventually().untilAsserted(() -> assertThat(view("slate").getHistory()).isNotNull()
                .first().extracting(RebuildRecord::getOutcome).isEqualTo("Completed"));

        List<String> series = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + env.operator().httpPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body().lines().filter(line -> !line.startsWith("#")).toList();
        assertThat(series).anyMatch(line -> line.startsWith(
                "abacus_operator_rebuilds_ended_total{outcome=\"Completed\",reason=\"Switched\"}"));
        assertThat(series).anyMatch(line -> line.startsWith("abacus_operator_rebuild_phase_seconds_count{phase=\"CatchingUp\"}"));
        assertThat(series).anyMatch(line -> line.startsWith("abacus_operator_rebuild_duration_seconds_count{outcome=\"Completed\"}"));
        assertThat(series).anyMatch(line -> line.startsWith("operator_sdk_reconciliations_success_total{"));
        List<String> pipelines = env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).list()
                .getItems().stream().map(p -> p.getMetadata().getName()).toList();
        assertThat(series).as("no series per pipeline").noneMatch(line -> pipelines.stream()
                .anyMatch(name -> line.contains("\"" + name + "\"")));
    }

    @Test
    void scalingTheViewIsNotARebuild() {
        env.create(pipeline("cyan"));
        env.awaitReady("cyan");

        env.edit("cyan", spec -> spec.getView().setReplicas(3));

        eventually().untilAsserted(() -> {
            assertThat(deployment("cyan-view-g1").getSpec().getReplicas()).isEqualTo(3);
            assertThat(env.readyAtCurrentGeneration("cyan")).isTrue();
        });
        assertThat(env.get("cyan").getStatus().getView().getLatestGeneration()).isEqualTo(1);
    }

    @Test
    void aNewerTokenDuringCatchingUpSupersedesTheRunningRebuild() {
        CalculatorPipeline pipeline = pipeline("amber");
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(3600);
        env.create(pipeline);
        env.awaitReady("amber");
        env.scheduling().hold(env.namespace(), "amber-view-g2");

        env.edit("amber", spec -> spec.getView().setRebuild("first"));
        eventually().untilAsserted(() -> {
            assertThat(view("amber").getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(view("amber").getTargetGeneration()).isEqualTo(2);
            assertThat(service("amber-view-g2")).isNotNull();
        });

        env.edit("amber", spec -> spec.getView().setRebuild("second"));
        eventually().untilAsserted(() -> {
            assertThat(deployment("amber-view-g2")).isNull();
            assertThat(service("amber-view-g2")).isNull();
            assertThat(deployment("amber-view-g3")).isNotNull();
        });
        env.scheduling().release();
        eventually().untilAsserted(() -> {
            ViewStatus view = view("amber");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.DRAINING);
            assertThat(view.getActiveGeneration()).isEqualTo(3);
            assertThat(view.getPreviousGeneration()).isEqualTo(1);
        });
        Instant drainSeen = Instant.now();
        assertThat(deployment("amber-view-g1")).as("blue is kept while it drains").isNotNull();

        env.edit("amber", spec -> spec.getView().getRebuildPolicy().setDrainSeconds(1));
        eventually().untilAsserted(() -> {
            ViewStatus view = view("amber");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(view.getActiveGeneration()).isEqualTo(3);
            assertThat(view.getLatestGeneration()).isEqualTo(3);
            assertThat(deployment("amber-view-g1")).isNull();
            assertThat(env.readyAtCurrentGeneration("amber")).isTrue();
        });
        assertThat(view("amber").getHistory()).extracting(RebuildRecord::getGeneration, RebuildRecord::getTrigger,
                RebuildRecord::getOutcome, RebuildRecord::getReason).containsExactly(
                        tuple(3, "second", "Completed", "Switched"), tuple(2, "first", "Superseded", "SpecChanged"));
        assertThat(switches).filteredOn(s -> s.startsWith("amber-view->")).containsExactly("amber-view->3");
        assertThat(deletedAt.get("amber-view-g1")).as("blue deleted only once the drain was cut short")
                .isAfter(drainSeen);
        assertThat(createdDeployments).filteredOn(n -> n.startsWith("amber-view"))
                .containsExactly("amber-view-g1", "amber-view-g2", "amber-view-g3");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void anOperatorRestartedMidRebuildResumesFromStatus() {
        CalculatorPipeline pipeline = pipeline("olive");
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(3600);
        env.create(pipeline);
        env.awaitReady("olive");
        env.scheduling().hold(env.namespace(), "olive-view-g2");
        env.viewCopies().report("olive-view-g2", 2, false, false, 100, 900);
        env.edit("olive", spec -> spec.getView().setRebuild("replay"));
        eventually().untilAsserted(() -> {
            assertThat(view("olive").getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(view("olive").getTargetProgress().getEventsApplied()).isEqualTo(100);
        });
        ViewStatus catchingUp = view("olive");
        String greenUid = deployment("olive-view-g2").getMetadata().getUid();

        env.restartOperator();
        env.viewCopies().report("olive-view-g2", 2, false, false, 500, 500);
        eventually().untilAsserted(() -> assertThat(view("olive").getTargetProgress().getEventsApplied())
                .as("the new operator has reconciled").isEqualTo(500));
        ViewStatus resumed = view("olive");
        assertThat(resumed.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(resumed.getTargetGeneration()).isEqualTo(2);
        assertThat(resumed.getLatestGeneration()).isEqualTo(2);
        assertThat(resumed.getRebuildStartedAt()).isEqualTo(catchingUp.getRebuildStartedAt());
        assertThat(resumed.getPhaseSince()).isEqualTo(catchingUp.getPhaseSince());
        assertThat(deployment("olive-view-g2").getMetadata().getUid()).as("green is not re-created").isEqualTo(greenUid);

        env.scheduling().release();
        eventually().untilAsserted(() -> assertThat(view("olive").getPhase()).isEqualTo(ViewPhase.DRAINING));
        ViewStatus draining = view("olive");
        int probesBefore = env.viewCopies().requests("olive-view-g2");
        env.restartOperator();
        eventually().untilAsserted(() -> assertThat(env.viewCopies().requests("olive-view-g2"))
                .as("the new operator has reconciled").isGreaterThan(probesBefore));
        assertThat(view("olive").getPhase()).as("an hour's drain survives the restart").isEqualTo(ViewPhase.DRAINING);
        assertThat(view("olive").getPhaseSince()).as("the drain keeps its start").isEqualTo(draining.getPhaseSince());
        assertThat(deployment("olive-view-g1")).isNotNull();

        env.edit("olive", spec -> spec.getView().getRebuildPolicy().setDrainSeconds(2));
        eventually().untilAsserted(() -> {
            ViewStatus view = view("olive");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(view.getActiveGeneration()).isEqualTo(2);
            assertThat(deployment("olive-view-g1")).isNull();
        });
        assertThat(deletedAt.get("olive-view-g1")).as("drained for the full delay, counted from status")
                .isAfterOrEqualTo(Instant.parse(draining.getPhaseSince()).plusSeconds(2));
        assertThat(view("olive").getLatestGeneration()).isEqualTo(2);
        assertThat(createdDeployments).filteredOn(n -> n.startsWith("olive-view"))
                .containsExactly("olive-view-g1", "olive-view-g2");
        assertThat(switches).filteredOn(s -> s.startsWith("olive-view->")).containsExactly("olive-view->2");
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void greenThatBecomesUnavailableNeedsAFreshFullWindowAndBlueIsDeletedOnlyAfterTheDrainDelay() {
        CalculatorPipeline pipeline = pipeline("plum");
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(3600);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(3600);
        env.create(pipeline);
        env.awaitReady("plum");
        env.scheduling().hold(env.namespace(), "plum-view-g2");
        env.edit("plum", spec -> spec.getView().setRebuild("replay"));
        eventually().untilAsserted(() -> {
            assertThat(view("plum").getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(deployment("plum-view-g2")).isNotNull();
        });

        env.scheduling().release();
        eventually().untilAsserted(() -> assertThat(view("plum").getTargetAvailableSince()).isNotNull());
        Instant firstAvailable = Instant.parse(view("plum").getTargetAvailableSince());
        env.scheduling().hold(env.namespace(), "plum-view-g2");
        eventually().untilAsserted(() -> assertThat(view("plum").getTargetAvailableSince()).isNull());
        assertThat(view("plum").getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(routedGeneration.get("plum-view")).isEqualTo(1);
        // status timestamps have second precision: let a second pass so the fresh window is distinguishable
        eventually().until(() -> Instant.now().isAfter(firstAvailable.plusSeconds(1)));

        env.scheduling().release();
        eventually().untilAsserted(() -> assertThat(view("plum").getTargetAvailableSince()).isNotNull());
        Instant secondAvailable = Instant.parse(view("plum").getTargetAvailableSince());
        assertThat(secondAvailable).as("the window starts afresh").isAfter(firstAvailable);

        env.edit("plum", spec -> spec.getView().getRebuildPolicy().setStabilisationSeconds(3));
        eventually().untilAsserted(() -> assertThat(view("plum").getPhase()).isEqualTo(ViewPhase.DRAINING));
        Instant switched = Instant.parse(view("plum").getPhaseSince());
        assertThat(switched).as("switched a full 3s window after green last became available")
                .isAfterOrEqualTo(secondAvailable.plusSeconds(3));
        assertThat(routedGeneration.get("plum-view")).isEqualTo(2);
        assertThat(deployment("plum-view-g1")).as("blue is kept while it drains").isNotNull();

        env.edit("plum", spec -> spec.getView().getRebuildPolicy().setDrainSeconds(3));
        eventually().untilAsserted(() -> {
            assertThat(deployment("plum-view-g1")).isNull();
            assertThat(view("plum").getPhase()).isEqualTo(ViewPhase.STABLE);
        });
        assertThat(deletedAt.get("plum-view-g1")).as("the 3s drain delay, counted from the switch")
                .isAfterOrEqualTo(switched.plusSeconds(3));
        assertThat(routingViolations).isEmpty();
    }

    @Test
    void statusReportsBothCopiesProgressAndAnUnreachableCopyIsUnknownWithoutStallingTheRebuild() {
        env.create(pipeline("sage"));
        env.awaitReady("sage");
        env.scheduling().hold(env.namespace(), "sage-view-g2");
        env.viewCopies().report("sage-view-g1", 1, true, true, 1200, 0);
        env.viewCopies().report("sage-view-g2", 2, false, false, 400, 800);

        env.edit("sage", spec -> spec.getView().setRebuild("replay"));
        eventually().untilAsserted(() -> {
            ViewStatus view = view("sage");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
            assertThat(view.getTargetProgress()).satisfies(p -> {
                assertThat(p.getGeneration()).isEqualTo(2);
                assertThat(p.getState()).isEqualTo(ProgressState.REPORTED);
                assertThat(p.getLag()).isEqualTo(800);
                assertThat(p.getEventsApplied()).isEqualTo(400);
                assertThat(p.getCaughtUp()).isFalse();
                assertThat(p.getReady()).isFalse();
            });
            assertThat(view.getActiveProgress()).satisfies(p -> {
                assertThat(p.getGeneration()).isEqualTo(1);
                assertThat(p.getLag()).isZero();
                assertThat(p.getEventsApplied()).isEqualTo(1200);
                assertThat(p.getCaughtUp()).isTrue();
            });
        });
        Service perGeneration = service("sage-view-g2");
        assertThat(perGeneration.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(perGeneration.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(perGeneration.getSpec().getSelector()).containsEntry(Labels.VIEW_GENERATION, "2");

        env.viewCopies().hang("sage-view-g2", Duration.ofSeconds(90));
        eventually().untilAsserted(() -> assertThat(view("sage").getTargetProgress()).satisfies(p -> {
            assertThat(p.getState()).isEqualTo(ProgressState.UNKNOWN);
            assertThat(p.getLag()).isNull();
            assertThat(p.getMessage()).isNotBlank();
        }));
        int activeProbes = env.viewCopies().requests("sage-view-g1");
        Awaitility.await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                assertThat(env.viewCopies().requests("sage-view-g1")).as("reconciles are not held up by a hung copy")
                        .isGreaterThanOrEqualTo(activeProbes + 3));

        env.viewCopies().fail("sage-view-g2", 503);
        eventually().untilAsserted(() -> assertThat(view("sage").getTargetProgress().getMessage()).contains("503"));
        env.scheduling().release();
        eventually().untilAsserted(() -> {
            ViewStatus view = view("sage");
            assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
            assertThat(view.getActiveGeneration()).isEqualTo(2);
            assertThat(view.getActiveProgress()).as("probed only during a rebuild").isNull();
            assertThat(service("sage-view-g1")).isNull();
        });
        assertThat(routingViolations).isEmpty();
    }

    private CalculatorPipeline pipeline(String name) {
        CalculatorPipeline pipeline = env.pipeline(name, 1);
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDeadlineSeconds(30);
        return pipeline;
    }

    private ViewStatus view(String pipeline) {
        return env.get(pipeline).getStatus().getView();
    }

    private Service service(String name) {
        return env.client().services().inNamespace(env.namespace()).withName(name).get();
    }

    private Deployment deployment(String name) {
        return env.client().apps().deployments().inNamespace(env.namespace()).withName(name).get();
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private List<String> eventReasons(String pipeline) {
        return env.client().v1().events().inNamespace(env.namespace()).list().getItems().stream()
                .filter(e -> pipeline.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason)
                .toList();
    }
}
