package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredDeploymentsTest {

    @Test
    void stablePipelineHasCommanderProcessorAndTheActiveView() {
        PipelineModel model = model(pipeline("demo"));
        String hash = DeploymentFactory.viewTemplateHash(model);

        Map<String, Deployment> desired = DesiredDeployments.of(
                new PipelinePlan(model, view(3, hash, null, null, ViewPhase.STABLE), hash), Map.of());

        assertThat(desired).containsOnlyKeys("demo-commander", "demo-processor", "demo-view-g3");
    }

    @Test
    void duringARebuildTheServingGenerationKeepsItsTemplateAndFollowsReplicas() {
        CalculatorPipeline before = pipeline("demo");
        Deployment serving = DeploymentFactory.view(model(before), 1);
        String oldHash = DeploymentFactory.viewTemplateHash(model(before));
        CalculatorPipeline after = pipeline("demo");
        after.getSpec().getView().setImage("acme/view:2");
        after.getSpec().getView().setReplicas(3);
        PipelineModel model = model(after);
        String newHash = DeploymentFactory.viewTemplateHash(model);

        Map<String, Deployment> desired = DesiredDeployments.of(
                new PipelinePlan(model, view(1, oldHash, 2, newHash, ViewPhase.CATCHING_UP), newHash), Map.of(1, serving));

        assertThat(desired).containsOnlyKeys("demo-commander", "demo-processor", "demo-view-g1", "demo-view-g2");
        Deployment blue = desired.get("demo-view-g1");
        assertThat(blue.getSpec().getTemplate()).isEqualTo(serving.getSpec().getTemplate());
        assertThat(blue.getSpec().getReplicas()).isEqualTo(3);
        assertThat(image(desired.get("demo-view-g2"))).isEqualTo("acme/view:2");
        assertThat(desired.get("demo-view-g2").getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void afterAnAbortOnlyTheServingGenerationRemains() {
        CalculatorPipeline before = pipeline("demo");
        Deployment serving = DeploymentFactory.view(model(before), 1);
        String oldHash = DeploymentFactory.viewTemplateHash(model(before));
        CalculatorPipeline after = pipeline("demo");
        after.getSpec().getView().setImage("acme/view:broken");
        PipelineModel model = model(after);
        String newHash = DeploymentFactory.viewTemplateHash(model);

        Map<String, Deployment> desired = DesiredDeployments.of(
                new PipelinePlan(model, view(1, oldHash, 2, newHash, ViewPhase.ABORTED), newHash), Map.of(1, serving));

        assertThat(desired).containsOnlyKeys("demo-commander", "demo-processor", "demo-view-g1");
        assertThat(image(desired.get("demo-view-g1"))).isEqualTo("abacus/view:0.1.0");
    }

    @Test
    void whileDrainingThePreviousGenerationStaysAsItWas() {
        CalculatorPipeline before = pipeline("demo");
        Deployment previous = DeploymentFactory.view(model(before), 1);
        CalculatorPipeline after = pipeline("demo");
        after.getSpec().getView().setRebuild("r2");
        PipelineModel model = model(after);
        String newHash = DeploymentFactory.viewTemplateHash(model);
        ViewStatus draining = view(2, newHash, null, null, ViewPhase.DRAINING);
        draining.setPreviousGeneration(1);

        Map<String, Deployment> desired = DesiredDeployments.of(new PipelinePlan(model, draining, newHash),
                Map.of(1, previous));

        assertThat(desired).containsKeys("demo-view-g1", "demo-view-g2");
        assertThat(desired.get("demo-view-g1").getSpec().getTemplate()).isEqualTo(previous.getSpec().getTemplate());
    }

    private static ViewStatus view(int active, String activeHash, Integer target, String targetHash, ViewPhase phase) {
        ViewStatus view = new ViewStatus();
        view.setActiveGeneration(active);
        view.setActiveTemplateHash(activeHash);
        view.setTargetGeneration(target);
        view.setTargetTemplateHash(targetHash);
        view.setLatestGeneration(target == null ? active : target);
        view.setPhase(phase);
        return view;
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
