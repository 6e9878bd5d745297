package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.ComponentStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.TopicStatus;
import dev.abacus.operator.api.ViewCopyProgress;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pipelines in the states the operator writes, for the renderers and for the control-plane tests' status writes. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private Fixtures() {
    }

    static CalculatorPipeline pipeline(String name, long generation, CalculatorPipelineStatus status) {
        CalculatorPipeline pipeline = new CalculatorPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").withGeneration(generation)
                .build());
        pipeline.setStatus(status);
        return pipeline;
    }

    /** Everything available, generation {@code active} serving, no rebuild. */
    static CalculatorPipelineStatus stable(long observedGeneration, int active) {
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setObservedGeneration(observedGeneration);
        Condition ready = new Condition(ConditionType.READY, ConditionStatus.TRUE, ConditionReason.ALL_COMPONENTS_READY,
                "topics in sync; commander, processor and view available");
        ready.setLastTransitionTime("2026-11-22T08:00:00Z");
        ready.setObservedGeneration(observedGeneration);
        status.setConditions(new ArrayList<>(List.of(ready)));
        status.setTopics(new ArrayList<>(List.of(new TopicStatus("commands", "demo.commands", 6, 3),
                new TopicStatus("events", "demo.events", 6, 3), new TopicStatus("outcomes", "demo.outcomes", 6, 3))));
        status.setCommander(component(2, 2));
        status.setProcessor(component(3, 3));
        ViewStatus view = new ViewStatus();
        view.setReplicas(2);
        view.setAvailableReplicas(2);
        view.setActiveGeneration(active);
        view.setLatestGeneration(active);
        view.setPhase(ViewPhase.STABLE);
        view.setPhaseSince("2026-11-22T07:50:00Z");
        status.setView(view);
        return status;
    }

    /** As {@link #stable}, with generation {@code active + 1} in {@code phase} since 62 s, started 133 s ago. */
    static CalculatorPipelineStatus rebuilding(long observedGeneration, int active, ViewPhase phase) {
        CalculatorPipelineStatus status = stable(observedGeneration, active);
        ViewStatus view = status.getView();
        view.setTargetGeneration(active + 1);
        view.setLatestGeneration(active + 1);
        view.setPhase(phase);
        view.setPhaseSince("2026-11-22T09:58:58Z");
        view.setRebuildStartedAt("2026-11-22T09:57:47Z");
        view.setRebuildTrigger("2026-11-22-b");
        return status;
    }

    static ViewCopyProgress progress(int generation, long eventsApplied, long lag, String observedAt) {
        ViewCopyProgress progress = new ViewCopyProgress();
        progress.setGeneration(generation);
        progress.setState(ProgressState.REPORTED);
        progress.setReady(lag == 0);
        progress.setCaughtUp(lag == 0);
        progress.setEventsApplied(eventsApplied);
        progress.setLag(lag);
        progress.setObservedAt(observedAt);
        return progress;
    }

    static RebuildRecord record(int generation, String trigger, String startedAt, String finishedAt,
                                RebuildOutcome outcome, String reason, String message) {
        return new RebuildRecord(generation, trigger, startedAt, finishedAt, outcome, reason, message);
    }

    private static ComponentStatus component(int replicas, int available) {
        ComponentStatus component = new ComponentStatus();
        component.setReplicas(replicas);
        component.setAvailableReplicas(available);
        return component;
    }
}
