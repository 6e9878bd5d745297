package dev.abacus.operator.status;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.TopicStatus;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.kafka.Problem;
import dev.abacus.operator.kafka.TopicsOutcome;
import dev.abacus.operator.resources.DeploymentFactory;
import dev.abacus.operator.resources.PipelineModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineStatusFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final TopicsOutcome IN_SYNC = new TopicsOutcome(List.of(
            new TopicStatus("commands", "demo.commands", 6, 3),
            new TopicStatus("events", "demo.events", 6, 3),
            new TopicStatus("outcomes", "demo.outcomes", 6, 3)), Optional.empty(), List.of(), false);

    @Test
    void everythingAvailableIsReady() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getMetadata().setGeneration(4L);

        CalculatorPipelineStatus status = build(pipeline, IN_SYNC, available(model(pipeline)));

        assertThat(status.getObservedGeneration()).isEqualTo(4);
        assertThat(condition(status, ConditionType.READY)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(ConditionStatus.TRUE);
            assertThat(c.getReason()).isEqualTo("AllComponentsReady");
            assertThat(c.getObservedGeneration()).isEqualTo(4);
        });
        assertThat(condition(status, ConditionType.VIEW_REBUILDING).getStatus()).isEqualTo(ConditionStatus.FALSE);
        assertThat(status.getTopics()).hasSize(3);
        assertThat(status.getEndpoints().getView()).isEqualTo("http://demo-view.shop.svc:8080");
    }

    @Test
    void readyCarriesTheReasonOfTheFirstFailingCondition() {
        CalculatorPipeline pipeline = pipeline("demo");
        TopicsOutcome decrease = new TopicsOutcome(IN_SYNC.facts(),
                Optional.of(new Problem(ConditionReason.NOT_SUPPORTED, "cannot decrease partitions")), List.of(), false);
        Map<String, Deployment> deployments = available(model(pipeline));
        deployments.remove("demo-processor");

        CalculatorPipelineStatus status = build(pipeline, decrease, deployments);

        Condition ready = condition(status, ConditionType.READY);
        assertThat(ready.getStatus()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready.getReason()).isEqualTo("NotSupported");
        assertThat(ready.getMessage()).startsWith("TopicsReady: cannot decrease partitions");
        assertThat(condition(status, ConditionType.PROCESSOR_AVAILABLE).getReason())
                .isEqualTo("ReplicasUnavailable");
        assertThat(condition(status, ConditionType.COMMANDER_AVAILABLE).getStatus()).isEqualTo(ConditionStatus.TRUE);
    }

    @Test
    void aDeploymentIsAvailableOnlyWhenItsCurrentGenerationIsFullyRolledOut() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().getCommander().setReplicas(3);
        Map<String, Deployment> deployments = available(model(pipeline));
        Deployment commander = deployments.get("demo-commander");
        commander.getMetadata().setGeneration(2L);
        commander.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(3)
                .withUpdatedReplicas(3).withAvailableReplicas(3).build());

        CalculatorPipelineStatus status = build(pipeline, IN_SYNC, deployments);

        assertThat(condition(status, ConditionType.COMMANDER_AVAILABLE)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(ConditionStatus.FALSE);
            assertThat(c.getMessage()).contains("not yet observed");
        });
        assertThat(status.getCommander().getReplicas()).isEqualTo(3);
    }

    @Test
    void kafkaOutageKeepsTheLastKnownTopicFacts() {
        CalculatorPipeline pipeline = pipeline("demo");
        CalculatorPipelineStatus before = build(pipeline, IN_SYNC, available(model(pipeline)));
        pipeline.setStatus(before);

        CalculatorPipelineStatus status = build(pipeline, TopicsOutcome.failed(
                new Problem(ConditionReason.KAFKA_UNREACHABLE, "timed out"), true), available(model(pipeline)));

        assertThat(condition(status, ConditionType.TOPICS_READY).getReason()).isEqualTo("KafkaUnreachable");
        assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("KafkaUnreachable");
        assertThat(status.getTopics()).hasSize(3);
    }

    @Test
    void cappedProcessorIsReportedWithTheRequestedCount() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().getTopics().setPartitions(2);
        pipeline.getSpec().getProcessor().setReplicas(5);

        CalculatorPipelineStatus status = build(pipeline, IN_SYNC, available(model(pipeline)));

        assertThat(status.getProcessor().getReplicas()).isEqualTo(2);
        assertThat(status.getProcessor().getRequestedReplicas()).isEqualTo(5);
        assertThat(status.getCommander().getRequestedReplicas()).isNull();
        assertThat(condition(status, ConditionType.PROCESSOR_AVAILABLE).getMessage()).contains("capped from 5");
    }

    @Test
    void rebuildInProgressIsViewRebuildingTrueAndAbortIsFalseWithItsReason() {
        CalculatorPipeline pipeline = pipeline("demo");
        ViewStatus rebuilding = view(ViewPhase.CATCHING_UP);
        ViewStatus aborted = view(ViewPhase.ABORTED);

        Condition during = condition(PipelineStatusFactory.build(pipeline, model(pipeline), IN_SYNC, rebuilding,
                available(model(pipeline)), NOW), ConditionType.VIEW_REBUILDING);
        Condition after = condition(PipelineStatusFactory.build(pipeline, model(pipeline), IN_SYNC, aborted,
                available(model(pipeline)), NOW), ConditionType.VIEW_REBUILDING);

        assertThat(during.getStatus()).isEqualTo(ConditionStatus.TRUE);
        assertThat(during.getReason()).isEqualTo("RebuildInProgress");
        assertThat(during.getMessage()).startsWith("CatchingUp: ");
        assertThat(after.getStatus()).isEqualTo(ConditionStatus.FALSE);
        assertThat(after.getReason()).isEqualTo("RebuildAborted");
    }

    private static CalculatorPipelineStatus build(CalculatorPipeline pipeline, TopicsOutcome topics,
                                                  Map<String, Deployment> deployments) {
        return PipelineStatusFactory.build(pipeline, model(pipeline), topics, view(ViewPhase.STABLE), deployments, NOW);
    }

    private static ViewStatus view(ViewPhase phase) {
        ViewStatus view = new ViewStatus();
        view.setActiveGeneration(1);
        view.setPhase(phase);
        view.setMessage("generation 1 serving");
        return view;
    }

    private static Map<String, Deployment> available(PipelineModel model) {
        Map<String, Deployment> deployments = new HashMap<>();
        for (Deployment d : List.of(DeploymentFactory.commander(model), DeploymentFactory.processor(model),
                DeploymentFactory.view(model, 1))) {
            int replicas = d.getSpec().getReplicas();
            d.getMetadata().setGeneration(1L);
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(replicas)
                    .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).build());
            deployments.put(d.getMetadata().getName(), d);
        }
        return deployments;
    }

    private static Condition condition(CalculatorPipelineStatus status, ConditionType type) {
        return status.condition(type).orElseThrow();
    }
}
