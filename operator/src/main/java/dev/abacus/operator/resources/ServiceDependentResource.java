package dev.abacus.operator.resources;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.view.ViewRebuild;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pipeline's Services: commander, processor, view (selecting the active view generation) and a headless one per
 * live view generation.
 */
public class ServiceDependentResource extends CRUDKubernetesDependentResource<Service, CalculatorPipeline>
        implements CRUDKubernetesBulkDependentResource<Service, CalculatorPipeline>,
        KubernetesBulkDependentResource<Service, CalculatorPipeline> {

    public ServiceDependentResource() {
        super(Service.class);
    }

    @Override
    public Map<ResourceID, Service> desiredResources(CalculatorPipeline primary, Context<CalculatorPipeline> context) {
        PipelinePlan plan = context.managedWorkflowAndDependentResourceContext().getMandatory(PipelinePlan.class, PipelinePlan.class);
        Map<ResourceID, Service> desired = new LinkedHashMap<>();
        Stream.of(ServiceFactory.commander(plan.model()), ServiceFactory.processor(plan.model()),
                        ServiceFactory.view(plan.model(), plan.view().getActiveGeneration()))
                .forEach(s -> desired.put(ResourceID.fromResource(s), s));
        for (int generation : ViewRebuild.liveGenerations(plan.view())) {
            Service service = ServiceFactory.viewGeneration(plan.model(), generation);
            desired.put(ResourceID.fromResource(service), service);
        }
        return desired;
    }

    /** The view generation the existing view Service selects, or -1. */
    public int viewServiceGeneration(CalculatorPipeline primary, Context<CalculatorPipeline> context, String serviceName) {
        return Optional.ofNullable(getSecondaryResources(primary, context)
                        .get(new ResourceID(serviceName, primary.getMetadata().getNamespace())))
                .map(ServiceFactory::selectedGeneration)
                .orElse(-1);
    }

    @Override
    protected void addReferenceHandlingMetadata(Service desired, CalculatorPipeline primary) {
        desired.getMetadata().setOwnerReferences(Owners.controlledBy(primary));
    }

    @Override
    protected InformerEventSourceConfiguration.Builder<Service> informerConfigurationBuilder(
            EventSourceContext<CalculatorPipeline> context) {
        return super.informerConfigurationBuilder(context).withLabelSelector(Labels.MANAGED_SELECTOR);
    }
}
