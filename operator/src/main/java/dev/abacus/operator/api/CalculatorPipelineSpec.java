package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Desired state of a {@link CalculatorPipeline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CalculatorPipelineSpec {

    @Required
    @JsonPropertyDescription("How the pipeline's services and the operator reach Kafka.")
    private KafkaSpec kafka = new KafkaSpec();

    @JsonPropertyDescription("The commands, events, outcomes and snapshots topics. All four always have the same "
            + "partition count, so that commands, events and snapshots for one value id land on the same partition "
            + "number.")
    private TopicsSpec topics = new TopicsSpec();

    @JsonPropertyDescription("The commander: HTTP entry point that writes commands to Kafka.")
    private ComponentSpec commander = new ComponentSpec();

    @JsonPropertyDescription("The processor: decides commands and writes events and outcomes exactly once. "
            + "Its replicas are capped at the partition count, since more consumers than partitions would idle.")
    private ComponentSpec processor = new ComponentSpec();

    @JsonPropertyDescription("The view: folds events into a read model and serves queries. "
            + "Runs as one Deployment per view generation; see rebuild.")
    private ViewSpec view = new ViewSpec();

    @JsonPropertyDescription("Ingress NetworkPolicies for the pipeline's pods. Off by default.")
    private NetworkPoliciesSpec networkPolicies;

    @JsonPropertyDescription("How callers of the commander and the view authenticate: one setting for both, every "
            + "view generation included, with tokens and secrets referenced from Secrets. When set, spec.commander.env "
            + "and spec.view.env must not set the ABACUS_AUTH_* variables it owns. Changing it rolls the commander "
            + "and rebuilds the view (blue-green), since it is part of the view's pod template.")
    private AuthSpec auth;

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka;
    }

    public TopicsSpec getTopics() {
        return topics;
    }

    public void setTopics(TopicsSpec topics) {
        this.topics = topics;
    }

    public ComponentSpec getCommander() {
        return commander;
    }

    public void setCommander(ComponentSpec commander) {
        this.commander = commander;
    }

    public ComponentSpec getProcessor() {
        return processor;
    }

    public void setProcessor(ComponentSpec processor) {
        this.processor = processor;
    }

    public ViewSpec getView() {
        return view;
    }

    public void setView(ViewSpec view) {
        this.view = view;
    }

    public NetworkPoliciesSpec getNetworkPolicies() {
        return networkPolicies;
    }

    public void setNetworkPolicies(NetworkPoliciesSpec networkPolicies) {
        this.networkPolicies = networkPolicies;
    }

    public AuthSpec getAuth() {
        return auth;
    }

    public void setAuth(AuthSpec auth) {
        this.auth = auth;
    }
}
