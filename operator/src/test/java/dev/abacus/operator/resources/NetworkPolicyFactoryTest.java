package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.NetworkPoliciesSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPolicyFactoryTest {

    private static final OperatorConfig IN_CLUSTER = OperatorConfig.fromEnv(Map.of("POD_NAMESPACE", "abacus-system"));
    private static final NetworkPolicyPeer MONITORING = new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", "monitoring").endNamespaceSelector().build();
    private static final NetworkPolicyPeer INGRESS = new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx").endNamespaceSelector().build();

    @Test
    void noneUnlessEnabled() {
        assertThat(NetworkPolicyFactory.of(PipelineModel.of(pipeline("demo"), IN_CLUSTER))).isEmpty();
        CalculatorPipeline off = pipeline("demo");
        off.getSpec().setNetworkPolicies(new NetworkPoliciesSpec());
        assertThat(NetworkPolicyFactory.of(PipelineModel.of(off, IN_CLUSTER))).isEmpty();
    }

    @Test
    void eachComponentTakesOnlyWhatItServes() {
        CalculatorPipeline pipeline = enabled();
        pipeline.getSpec().getNetworkPolicies().setCommanderFrom(List.of(INGRESS));
        pipeline.getSpec().getNetworkPolicies().setMetricsFrom(List.of(MONITORING));

        Map<String, NetworkPolicy> policies = byName(pipeline);

        assertThat(policies).containsOnlyKeys("demo-commander", "demo-processor", "demo-view");
        NetworkPolicy commander = policies.get("demo-commander");
        assertThat(commander.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(Labels.selector("demo", Component.COMMANDER));
        assertThat(commander.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(commander.getSpec().getIngress()).extracting(r -> r.getFrom())
                .containsExactly(List.of(INGRESS), List.of(MONITORING));
        assertThat(commander.getSpec().getIngress()).extracting(r -> r.getPorts().stream()
                        .map(port -> port.getPort().getIntVal()).toList())
                .as("the API from its clients, health and metrics from the monitoring peers")
                .containsExactly(List.of(8080), List.of(8081));
        assertThat(policies.get("demo-processor").getSpec().getIngress()).extracting(r -> r.getFrom())
                .containsExactly(List.of(MONITORING));
        assertThat(policies.get("demo-view").getSpec().getPodSelector().getMatchLabels())
                .as("every view generation").doesNotContainKey(Labels.VIEW_GENERATION);
    }

    @Test
    void unnamedPeersMeanTheOwnNamespaceAndTheViewAlwaysTakesTheOperatorsProbe() {
        Map<String, NetworkPolicy> policies = byName(enabled());

        NetworkPolicyPeer ownNamespace = new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build();
        assertThat(policies.get("demo-commander").getSpec().getIngress()).singleElement()
                .satisfies(r -> assertThat(r.getFrom()).containsExactly(ownNamespace));
        assertThat(policies.get("demo-view").getSpec().getIngress()).singleElement()
                .satisfies(r -> assertThat(r.getFrom()).containsExactly(ownNamespace,
                        new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                                .addToMatchLabels("kubernetes.io/metadata.name", "abacus-system")
                                .endNamespaceSelector().build()));
        assertThat(policies.get("demo-processor").getSpec().getIngress()).as("deny all ingress").isEmpty();
    }

    private static CalculatorPipeline enabled() {
        CalculatorPipeline pipeline = pipeline("demo");
        NetworkPoliciesSpec spec = new NetworkPoliciesSpec();
        spec.setEnabled(true);
        pipeline.getSpec().setNetworkPolicies(spec);
        return pipeline;
    }

    private static Map<String, NetworkPolicy> byName(CalculatorPipeline pipeline) {
        return NetworkPolicyFactory.of(PipelineModel.of(pipeline, IN_CLUSTER)).stream()
                .collect(java.util.stream.Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    }
}
