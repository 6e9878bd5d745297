package dev.abacus.operator.resources;

import dev.abacus.operator.api.NetworkPoliciesSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Optional;

/**
 * Who may reach the pipeline's pods, when the spec asks for NetworkPolicies; {@code operatorNamespace} is where the
 * operator runs (its view probe must get through), unknown when it runs outside the cluster.
 */
public record NetworkAccess(boolean enabled, List<NetworkPolicyPeer> commanderFrom, List<NetworkPolicyPeer> viewFrom,
                            List<NetworkPolicyPeer> metricsFrom, Optional<String> operatorNamespace) {

    public NetworkAccess {
        commanderFrom = List.copyOf(commanderFrom);
        viewFrom = List.copyOf(viewFrom);
        metricsFrom = List.copyOf(metricsFrom);
    }

    static NetworkAccess of(NetworkPoliciesSpec spec, Optional<String> operatorNamespace) {
        if (spec == null) {
            return new NetworkAccess(false, List.of(), List.of(), List.of(), operatorNamespace);
        }
        return new NetworkAccess(Boolean.TRUE.equals(spec.getEnabled()), orEmpty(spec.getCommanderFrom()),
                orEmpty(spec.getViewFrom()), orEmpty(spec.getMetricsFrom()), operatorNamespace);
    }

    private static List<NetworkPolicyPeer> orEmpty(List<NetworkPolicyPeer> peers) {
        return peers == null ? List.of() : peers;
    }
}
