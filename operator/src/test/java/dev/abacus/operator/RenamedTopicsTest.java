package dev.abacus.operator;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.TopicStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's own guard for a renamed topic, for clusters whose CRD predates the API server's rule. */
class RenamedTopicsTest {

    @Test
    void aNameThatDiffersFromTheTopicInUseIsRefusedDefaultsIncluded() {
        CalculatorPipeline pipeline = pipeline("demo");
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setTopics(List.of(new TopicStatus("commands", "demo.commands", 6, 3),
                new TopicStatus("events", "demo.events", 6, 3), new TopicStatus("outcomes", "demo.outcomes", 6, 3)));
        pipeline.setStatus(status);

        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).isEmpty();

        pipeline.getSpec().getTopics().getEvents().setName("demo.events");
        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).isEmpty();

        pipeline.getSpec().getTopics().getEvents().setName("x");
        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).hasValueSatisfying(message ->
                assertThat(message).contains("events topic demo.events -> x").contains("new, empty topic"));
    }

    @Test
    void aSnapshotsTopicInUseKeepsItsNameButAnOlderStatusWithoutOneLeavesItFree() {
        CalculatorPipeline pipeline = pipeline("demo");
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setTopics(List.of(new TopicStatus("events", "demo.events", 6, 3)));
        pipeline.setStatus(status);
        pipeline.getSpec().getTopics().getSnapshots().setName("demo-state");

        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).isEmpty();

        status.setTopics(List.of(new TopicStatus("snapshots", "demo.snapshots", 6, 3)));
        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).hasValueSatisfying(message ->
                assertThat(message).contains("snapshots topic demo.snapshots -> demo-state"));
    }

    @Test
    void aPipelineWhoseTopicsDoNotExistYetMayStillChooseTheirNames() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().getTopics().getEvents().setName("x");

        assertThat(CalculatorPipelineReconciler.renamedTopics(pipeline, model(pipeline))).isEmpty();
    }
}
