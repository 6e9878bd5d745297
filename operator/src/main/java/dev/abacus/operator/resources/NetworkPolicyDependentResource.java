package dev.abacus.operator.resources;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline's NetworkPolicies; none when the spec does not enable them, so disabling removes them. */
public class NetworkPolicyDependentResource extends CRUDKubernetesDependentResource<NetworkPolicy, CalculatorPipeline>
        implements CRUDKubernetesBulkDependentResource<NetworkPolicy, CalculatorPipeline>,
        KubernetesBulkDependentResource<NetworkPolicy, CalculatorPipeline> {

    public NetworkPolicyDependentResource() {
        super(NetworkPolicy.class);
    }

    @Override
    public Map<ResourceID, NetworkPolicy> desiredResources(CalculatorPipeline primary,
                                                           Context<CalculatorPipeline> context) {
        PipelinePlan plan = context.managedWorkflowAndDependentResourceContext()
                .getMandatory(PipelinePlan.class, PipelinePlan.class);
        Map<ResourceID, NetworkPolicy> desired = new LinkedHashMap<>();
        NetworkPolicyFactory.of(plan.model()).forEach(p -> desired.put(ResourceID.fromResource(p), p));
        return desired;
    }

    @Override
    protected void addReferenceHandlingMetadata(NetworkPolicy desired, CalculatorPipeline primary) {
        desired.getMetadata().setOwnerReferences(Owners.controlledBy(primary));
    }

    @Override
    protected InformerEventSourceConfiguration.Builder<NetworkPolicy> informerConfigurationBuilder(
            EventSourceContext<CalculatorPipeline> context) {
        return super.informerConfigurationBuilder(context).withLabelSelector(Labels.MANAGED_SELECTOR);
    }
}
