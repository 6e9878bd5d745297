package dev.abacus.operator.resources;

import dev.abacus.contract.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Desired ClusterIP Services of the three services; the view's selects one view generation. */
public final class ServiceFactory {

    private ServiceFactory() {
    }

    public static Service commander(PipelineModel model) {
        return service(model, Component.COMMANDER, Labels.selector(model.name(), Component.COMMANDER));
    }

    public static Service processor(PipelineModel model) {
        return service(model, Component.PROCESSOR, Labels.selector(model.name(), Component.PROCESSOR));
    }

    public static Service view(PipelineModel model, int activeGeneration) {
        return service(model, Component.VIEW, Labels.viewSelector(model.name(), activeGeneration));
    }

    /**
     * A headless Service per view generation that also lists not-ready pods, so the operator can ask a copy that is
     * still replaying for its progress. Clients use the view Service, never this one.
     */
    public static Service viewGeneration(PipelineModel model, int generation) {
        Service service = service(model, Component.VIEW, Labels.viewSelector(model.name(), generation));
        service.getMetadata().setName(model.viewDeploymentName(generation));
        service.getMetadata().getLabels().put(Labels.VIEW_GENERATION, String.valueOf(generation));
        service.getSpec().setClusterIP("None");
        service.getSpec().setPublishNotReadyAddresses(true);
        return service;
    }

    /** The view generation a view Service currently routes to, or -1. */
    public static int selectedGeneration(Service service) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        String value = selector == null ? null : selector.get(Labels.VIEW_GENERATION);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Service service(PipelineModel model, Component component, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(model.serviceName(component))
                .withNamespace(model.namespace())
                .withLabels(Labels.of(model.name(), component))
                .withAnnotations(new LinkedHashMap<>())
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .addNewPort()
                .withName(ServiceEndpoints.HTTP_PORT_NAME)
                .withPort(ServiceEndpoints.HTTP_PORT)
                .withTargetPort(new IntOrString(ServiceEndpoints.HTTP_PORT_NAME))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
