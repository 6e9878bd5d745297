package dev.abacus.operator.resources;

import dev.abacus.operator.view.ViewRebuild;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All Deployments a pipeline should have, by name. A view generation whose template differs from the current
 * spec (the serving generation during a rebuild, or after an abort) keeps the template it was created with;
 * only its replica count follows the spec.
 */
public final class DesiredDeployments {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DesiredDeployments() {
    }

    public static Map<String, Deployment> of(PipelinePlan plan, Map<Integer, Deployment> existingViews) {
        PipelineModel model = plan.model();
        Map<String, Deployment> desired = new LinkedHashMap<>();
        put(desired, DeploymentFactory.commander(model));
        put(desired, DeploymentFactory.processor(model));
        for (int generation : ViewRebuild.liveGenerations(plan.view())) {
            Deployment existing = existingViews.get(generation);
            if (plan.viewTemplateHash().equals(templateHashOf(plan, generation, existing))) {
                put(desired, DeploymentFactory.view(model, generation));
            } else if (existing != null) {
                put(desired, retained(existing, model.view().replicas()));
            } else if (generation == plan.view().getActiveGeneration()) {
                put(desired, DeploymentFactory.view(model, generation));
            }
        }
        return desired;
    }

    private static String templateHashOf(PipelinePlan plan, int generation, Deployment existing) {
        if (Objects.equals(generation, plan.view().getActiveGeneration())) {
            return plan.view().getActiveTemplateHash();
        }
        if (Objects.equals(generation, plan.view().getTargetGeneration())) {
            return plan.view().getTargetTemplateHash();
        }
        return existing == null || existing.getMetadata().getAnnotations() == null ? null
                : existing.getMetadata().getAnnotations().get(DeploymentFactory.VIEW_TEMPLATE_HASH);
    }

    private static Deployment retained(Deployment existing, int replicas) {
        DeploymentSpec spec = SERIALIZATION.clone(existing.getSpec());
        spec.setReplicas(replicas);
        Map<String, String> annotations = new LinkedHashMap<>();
        String hash = existing.getMetadata().getAnnotations() == null ? null
                : existing.getMetadata().getAnnotations().get(DeploymentFactory.VIEW_TEMPLATE_HASH);
        if (hash != null) {
            annotations.put(DeploymentFactory.VIEW_TEMPLATE_HASH, hash);
        }
        Map<String, String> labels = new LinkedHashMap<>(existing.getMetadata().getLabels());
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(existing.getMetadata().getName())
                .withNamespace(existing.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withSpec(spec)
                .build();
    }

    private static void put(Map<String, Deployment> desired, Deployment deployment) {
        desired.put(deployment.getMetadata().getName(), deployment);
    }
}
