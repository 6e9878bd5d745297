package dev.abacus.operator.resources;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline's ServiceAccounts, one per component; reconciled before the Deployments whose pods use them. */
public class ServiceAccountDependentResource extends CRUDKubernetesDependentResource<ServiceAccount, CalculatorPipeline>
        implements CRUDKubernetesBulkDependentResource<ServiceAccount, CalculatorPipeline>,
        KubernetesBulkDependentResource<ServiceAccount, CalculatorPipeline> {

    public ServiceAccountDependentResource() {
        super(ServiceAccount.class);
    }

    @Override
    public Map<ResourceID, ServiceAccount> desiredResources(CalculatorPipeline primary,
                                                            Context<CalculatorPipeline> context) {
        PipelinePlan plan = context.managedWorkflowAndDependentResourceContext()
                .getMandatory(PipelinePlan.class, PipelinePlan.class);
        Map<ResourceID, ServiceAccount> desired = new LinkedHashMap<>();
        ServiceAccountFactory.of(plan.model()).forEach(a -> desired.put(ResourceID.fromResource(a), a));
        return desired;
    }

    @Override
    protected void addReferenceHandlingMetadata(ServiceAccount desired, CalculatorPipeline primary) {
        desired.getMetadata().setOwnerReferences(Owners.controlledBy(primary));
    }

    @Override
    protected InformerEventSourceConfiguration.Builder<ServiceAccount> informerConfigurationBuilder(
            EventSourceContext<CalculatorPipeline> context) {
        return super.informerConfigurationBuilder(context).withLabelSelector(Labels.MANAGED_SELECTOR);
    }
}
