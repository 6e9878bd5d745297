package dev.abacus.operator.status;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.ComponentStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.Endpoints;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.TopicStatus;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.ViewCopyProgress;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.kafka.TopicsOutcome;
import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.PipelineModel.ComponentModel;
import dev.abacus.operator.resources.PipelineModel;
import dev.abacus.operator.view.ViewProgress;
import dev.abacus.operator.view.ViewRebuild;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a pipeline's status from what this reconcile did and observed. Pure. */
public final class PipelineStatusFactory {

    private PipelineStatusFactory() {
    }

    /** As the full form, for a pipeline without {@code spec.auth}. */
    public static CalculatorPipelineStatus build(CalculatorPipeline pipeline, PipelineModel model, TopicsOutcome topics,
                                                 ViewStatus view, Map<String, Deployment> deployments, Instant now) {
        return build(pipeline, model, topics, Optional.empty(), view, deployments, now);
    }

    /**
     * @param auth the AuthReady condition, present when the pipeline declares its auth
     * @param deployments the pipeline's Deployments by name, as last observed
     */
    public static CalculatorPipelineStatus build(CalculatorPipeline pipeline, PipelineModel model, TopicsOutcome topics,
                                                 Optional<Condition> auth, ViewStatus view,
                                                 Map<String, Deployment> deployments, Instant now) {
        CalculatorPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElseGet(CalculatorPipelineStatus::new);
        long generation = Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L);

        Availability commander = Availability.of(deployments.get(model.deploymentName(Component.COMMANDER)),
                model.commander().replicas());
        Availability processor = Availability.of(deployments.get(model.deploymentName(Component.PROCESSOR)),
                model.processor().replicas());
        Availability activeView = Availability.of(deployments.get(model.viewDeploymentName(view.getActiveGeneration())),
                model.view().replicas());

        Condition topicsReady = topics.problem()
                .map(p -> new Condition(ConditionType.TOPICS_READY, ConditionStatus.FALSE, p.reason(), p.message()))
                .orElseGet(() -> new Condition(ConditionType.TOPICS_READY, ConditionStatus.TRUE,
                        ConditionReason.TOPICS_IN_SYNC, "topics " + model.topics().commands() + ", "
                        + model.topics().events() + ", " + model.topics().outcomes() + ", " + model.topics().snapshots()
                        + " match the spec"));
        Condition commanderAvailable = available(ConditionType.COMMANDER_AVAILABLE, commander, "");
        Condition processorAvailable = available(ConditionType.PROCESSOR_AVAILABLE, processor,
                model.processor().capped() ? " (capped from " + model.processor().requestedReplicas()
                        + " at the partition count " + model.partitions() + ")" : "");
        Condition viewAvailable = available(ConditionType.VIEW_AVAILABLE, activeView,
                " (generation " + view.getActiveGeneration() + ")");
        Condition rebuilding = rebuilding(view);
        List<Condition> parts = new ArrayList<>(List.of(topicsReady));
        auth.ifPresent(parts::add);
        parts.addAll(List.of(commanderAvailable, processorAvailable, viewAvailable));
        Condition ready = ready(parts);

        List<Condition> conditions = new ArrayList<>(
                List.of(ready, topicsReady, commanderAvailable, processorAvailable, viewAvailable, rebuilding));
        auth.ifPresent(conditions::add);
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setObservedGeneration(generation);
        status.setConditions(Conditions.merge(previous.getConditions(), conditions, generation, now));
        List<TopicStatus> facts = topics.facts().isEmpty() ? previous.getTopics() : topics.facts();
        status.setTopics(facts == null ? List.of() : facts);
        status.setCommander(componentStatus(new ComponentStatus(), model.commander(), commander,
                model.commander().image()));
        status.setProcessor(componentStatus(new ComponentStatus(), model.processor(), processor,
                model.processor().image()));
        Deployment activeViewDeployment = deployments.get(model.viewDeploymentName(view.getActiveGeneration()));
        status.setView(componentStatus(view, model.view(), activeView, activeViewDeployment == null
                ? model.view().image()
                : activeViewDeployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
        Endpoints endpoints = new Endpoints();
        endpoints.setCommander(model.serviceUrl(Component.COMMANDER));
        endpoints.setProcessor(model.serviceUrl(Component.PROCESSOR));
        endpoints.setView(model.serviceUrl(Component.VIEW));
        status.setEndpoints(endpoints);
        return status;
    }

    /** The status to show when reconciling could not finish: everything as before, Ready=False with the cause. */
    public static CalculatorPipelineStatus failed(CalculatorPipeline pipeline, ConditionReason reason, String message,
                                                  Instant now) {
        CalculatorPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElseGet(CalculatorPipelineStatus::new);
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setObservedGeneration(previous.getObservedGeneration());
        status.setTopics(previous.getTopics());
        status.setCommander(previous.getCommander());
        status.setProcessor(previous.getProcessor());
        status.setView(previous.getView());
        status.setEndpoints(previous.getEndpoints());
        List<Condition> others = previous.getConditions() == null ? List.of()
                : previous.getConditions().stream().filter(c -> !c.is(ConditionType.READY)).toList();
        Condition ready = new Condition(ConditionType.READY, ConditionStatus.FALSE, reason, message);
        List<Condition> conditions = new ArrayList<>();
        conditions.addAll(Conditions.merge(previous.getConditions(), List.of(ready),
                Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L), now));
        conditions.addAll(others);
        status.setConditions(conditions);
        return status;
    }

    /** A view copy's probe answer as status. */
    public static ViewCopyProgress progress(int generation, ViewProgress progress, Instant now) {
        ViewCopyProgress status = new ViewCopyProgress();
        status.setGeneration(generation);
        status.setObservedAt(ViewRebuild.format(now));
        progress.reported().ifPresentOrElse(r -> {
            status.setState(ProgressState.REPORTED);
            status.setReady(r.ready());
            status.setCaughtUp(r.caughtUp());
            status.setEventsApplied(r.eventsApplied());
            status.setLag(r.lag());
        }, () -> {
            status.setState(ProgressState.UNKNOWN);
            status.setMessage(progress.problem());
        });
        return status;
    }

    private static Condition available(ConditionType type, Availability availability, String suffix) {
        if (!availability.exists() || !availability.complete()) {
            return new Condition(type, ConditionStatus.FALSE, ConditionReason.REPLICAS_UNAVAILABLE,
                    availability.describe() + suffix);
        }
        ConditionReason reason = availability.wanted() == 0 ? ConditionReason.SCALED_TO_ZERO
                : ConditionReason.REPLICAS_AVAILABLE;
        return new Condition(type, ConditionStatus.TRUE, reason, availability.describe() + suffix);
    }

    private static Condition rebuilding(ViewStatus view) {
        ViewPhase phase = view.getPhase();
        if (phase == ViewPhase.ABORTED) {
            return new Condition(ConditionType.VIEW_REBUILDING, ConditionStatus.FALSE, ConditionReason.REBUILD_ABORTED,
                    view.getMessage());
        }
        if (phase != null && phase.rebuilding()) {
            return new Condition(ConditionType.VIEW_REBUILDING, ConditionStatus.TRUE, ConditionReason.REBUILD_IN_PROGRESS,
                    JsonNames.of(phase) + ": " + view.getMessage());
        }
        return new Condition(ConditionType.VIEW_REBUILDING, ConditionStatus.FALSE, ConditionReason.NO_REBUILD,
                view.getMessage());
    }

    private static Condition ready(List<Condition> parts) {
        return parts.stream().filter(c -> !c.isTrue()).findFirst()
                .map(c -> new Condition(JsonNames.of(ConditionType.READY), ConditionStatus.FALSE, c.getReason(),
                        c.getType() + ": " + c.getMessage()))
                .orElseGet(() -> new Condition(ConditionType.READY, ConditionStatus.TRUE,
                        ConditionReason.ALL_COMPONENTS_READY, "topics in sync and all components available"));
    }

    private static <S extends ComponentStatus> S componentStatus(S status, ComponentModel model,
                                                                 Availability availability, String image) {
        status.setReplicas(model.replicas());
        status.setAvailableReplicas(availability.available());
        status.setRequestedReplicas(model.capped() ? model.requestedReplicas() : null);
        status.setImage(image);
        return status;
    }
}
