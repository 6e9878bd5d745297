package dev.abacus.operator.resources;

import dev.abacus.contract.ServiceEndpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Desired ingress NetworkPolicies, one per component, selecting its pods (every view generation alike). Peers
 * that are not given default to the pipeline's own namespace; the processor serves no API, so only metrics reach it.
 */
public final class NetworkPolicyFactory {

    private NetworkPolicyFactory() {
    }

    public static List<NetworkPolicy> of(PipelineModel model) {
        NetworkAccess access = model.networkAccess();
        if (!access.enabled()) {
            return List.of();
        }
        List<NetworkPolicyPeer> viewFrom = new ArrayList<>(orOwnNamespace(access.viewFrom()));
        access.operatorNamespace().ifPresent(namespace -> viewFrom.add(new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", namespace)
                .endNamespaceSelector().build()));
        return List.of(
                policy(model, Component.COMMANDER, orOwnNamespace(access.commanderFrom()), access.metricsFrom()),
                policy(model, Component.PROCESSOR, List.of(), access.metricsFrom()),
                policy(model, Component.VIEW, viewFrom, access.metricsFrom()));
    }

    private static List<NetworkPolicyPeer> orOwnNamespace(List<NetworkPolicyPeer> peers) {
        return peers.isEmpty() ? List.of(new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build())
                : peers;
    }

    private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, int port) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from)
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(port)).endPort().build();
    }

    private static NetworkPolicy policy(PipelineModel model, Component component, List<NetworkPolicyPeer> api,
                                        List<NetworkPolicyPeer> metrics) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        if (!api.isEmpty()) {
            rules.add(rule(api, ServiceEndpoints.HTTP_PORT));
        }
        if (!metrics.isEmpty()) {
            rules.add(rule(metrics, ServiceEndpoints.MANAGEMENT_PORT));
        }
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(model.name() + "-" + component.id())
                .withNamespace(model.namespace())
                .withLabels(Labels.of(model.name(), component))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(Labels.selector(model.name(), component)).endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }
}
