package dev.abacus.operator.resources;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The pipeline's Deployments: commander, processor and one per live view generation. */
public class DeploymentDependentResource extends CRUDKubernetesDependentResource<Deployment, CalculatorPipeline>
        implements CRUDKubernetesBulkDependentResource<Deployment, CalculatorPipeline>,
        KubernetesBulkDependentResource<Deployment, CalculatorPipeline> {

    public DeploymentDependentResource() {
        super(Deployment.class);
    }

    @Override
    public Map<ResourceID, Deployment> desiredResources(CalculatorPipeline primary, Context<CalculatorPipeline> context) {
        PipelinePlan plan = context.managedWorkflowAndDependentResourceContext().getMandatory(PipelinePlan.class, PipelinePlan.class);
        return DesiredDeployments.of(plan, viewDeployments(primary, context)).values().stream()
                .collect(Collectors.toMap(ResourceID::fromResource, d -> d, (a, b) -> b, LinkedHashMap::new));
    }

    /** The existing view Deployments of a pipeline, by generation. */
    public Map<Integer, Deployment> viewDeployments(CalculatorPipeline primary, Context<CalculatorPipeline> context) {
        return getSecondaryResources(primary, context).values().stream()
                .filter(d -> DeploymentFactory.generationOf(d) > 0)
                .collect(Collectors.toMap(DeploymentFactory::generationOf, d -> d, (a, b) -> a));
    }

    @Override
    protected void addReferenceHandlingMetadata(Deployment desired, CalculatorPipeline primary) {
        desired.getMetadata().setOwnerReferences(Owners.controlledBy(primary));
    }

    @Override
    protected InformerEventSourceConfiguration.Builder<Deployment> informerConfigurationBuilder(
            EventSourceContext<CalculatorPipeline> context) {
        return super.informerConfigurationBuilder(context).withLabelSelector(Labels.MANAGED_SELECTOR);
    }
}
