package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/** Ingress NetworkPolicies the operator keeps for the pipeline's pods; off unless enabled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPoliciesSpec {

    @Default("false")
    @JsonPropertyDescription("When true, the operator creates one ingress NetworkPolicy per component: the commander "
            + "and the view take HTTP from commanderFrom and viewFrom (default: pods of the pipeline's namespace), "
            + "the view also from the operator's namespace (its rebuild probe), the processor from nobody; all three "
            + "take metrics scrapes from metricsFrom. Egress is not restricted. Only a CNI that enforces "
            + "NetworkPolicies makes them effective.")
    private Boolean enabled = false;

    @JsonPropertyDescription("Who may call the commander's API (NetworkPolicy peers). Empty: pods of the pipeline's "
            + "namespace.")
    private List<NetworkPolicyPeer> commanderFrom;

    @JsonPropertyDescription("Who may call the view's API (NetworkPolicy peers). Empty: pods of the pipeline's "
            + "namespace.")
    private List<NetworkPolicyPeer> viewFrom;

    @JsonPropertyDescription("Who may scrape metrics on every component's HTTP port, e.g. a namespaceSelector "
            + "matching the monitoring namespace. Empty: nobody beyond the peers above.")
    private List<NetworkPolicyPeer> metricsFrom;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<NetworkPolicyPeer> getCommanderFrom() {
        return commanderFrom;
    }

    public void setCommanderFrom(List<NetworkPolicyPeer> commanderFrom) {
        this.commanderFrom = commanderFrom;
    }

    public List<NetworkPolicyPeer> getViewFrom() {
        return viewFrom;
    }

    public void setViewFrom(List<NetworkPolicyPeer> viewFrom) {
        this.viewFrom = viewFrom;
    }

    public List<NetworkPolicyPeer> getMetricsFrom() {
        return metricsFrom;
    }

    public void setMetricsFrom(List<NetworkPolicyPeer> metricsFrom) {
        this.metricsFrom = metricsFrom;
    }
}
