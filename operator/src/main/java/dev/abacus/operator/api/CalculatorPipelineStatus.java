package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Observed state of a {@link CalculatorPipeline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CalculatorPipelineStatus {

    @JsonPropertyDescription("The metadata.generation the operator last reconciled.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, TopicsReady, CommanderAvailable, ProcessorAvailable, ViewAvailable, "
            + "ViewRebuilding and, when spec.auth sets a mode, AuthReady (the Secret keys it references exist). Ready is True only when all the others (except ViewRebuilding) are; otherwise it "
            + "carries the reason of the first one that is not.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The topics as last observed in Kafka.")
    private List<TopicStatus> topics = new ArrayList<>();

    @JsonPropertyDescription("Commander replicas.")
    private ComponentStatus commander;

    @JsonPropertyDescription("Processor replicas; requestedReplicas is set when spec asks for more than the "
            + "partition count.")
    private ComponentStatus processor;

    @JsonPropertyDescription("View generations, replicas and rebuild state.")
    private ViewStatus view;

    @JsonPropertyDescription("In-cluster URLs of the services.")
    private Endpoints endpoints;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<TopicStatus> getTopics() {
        return topics;
    }

    public void setTopics(List<TopicStatus> topics) {
        this.topics = topics;
    }

    public ComponentStatus getCommander() {
        return commander;
    }

    public void setCommander(ComponentStatus commander) {
        this.commander = commander;
    }

    public ComponentStatus getProcessor() {
        return processor;
    }

    public void setProcessor(ComponentStatus processor) {
        this.processor = processor;
    }

    public ViewStatus getView() {
        return view;
    }

    public void setView(ViewStatus view) {
        this.view = view;
    }

    public Endpoints getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    public Optional<Condition> condition(ConditionType type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> c.is(type)).findFirst();
    }

    @JsonIgnore
    public boolean isReady() {
        return condition(ConditionType.READY).map(Condition::isTrue).orElse(false);
    }
}
