package dev.abacus.operator.resources;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.List;
import java.util.stream.Stream;

/** Desired ServiceAccounts, one per component; none of the services calls the API server, so none mounts a token. */
public final class ServiceAccountFactory {

    private ServiceAccountFactory() {
    }

    public static List<ServiceAccount> of(PipelineModel model) {
        return Stream.of(Component.values()).map(component -> account(model, component)).toList();
    }

    private static ServiceAccount account(PipelineModel model, Component component) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(model.serviceAccountName(component))
                .withNamespace(model.namespace())
                .withLabels(Labels.of(model.name(), component))
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
