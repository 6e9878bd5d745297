package dev.abacus.operator.status;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.resources.PipelineModel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which Events a reconcile is worth: transitions only (conditions, rebuild phases), topic changes and
 * ignored spec entries, so a steady pipeline produces no Events at all.
 */
public final class PipelineEvents {

    private final EventRecorder recorder;

    public PipelineEvents(EventRecorder recorder) {
        this.recorder = recorder;
    }

    /** Compares the status the pipeline had with the one just computed. */
    public void afterReconcile(CalculatorPipeline pipeline, CalculatorPipelineStatus next, List<String> topicActions) {
        CalculatorPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElseGet(CalculatorPipelineStatus::new);
        for (Condition condition : next.getConditions()) {
            if (worthAnEvent(previous, condition)) {
                recorder.record(pipeline,
                        condition.isTrue() ? EventRecorder.Type.Normal : EventRecorder.Type.Warning,
                        EventRecorder.Action.Reconcile, condition.getReason(), condition.getType() + ": " + condition.getMessage());
            }
        }
        rebuildTransition(pipeline, previous.getView() == null ? null : previous.getView().getPhase(), next);
        topicActions.forEach(action -> recorder.record(pipeline, EventRecorder.Type.Normal,
                EventRecorder.Action.UpdateTopics, "TopicsUpdated", action));
        if (!Objects.equals(previous.getObservedGeneration(), pipeline.getMetadata().getGeneration())) {
            List<String> ignored = PipelineModel.ignoredEnv(pipeline);
            if (!ignored.isEmpty()) {
                recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.ValidateSpec,
                        "ReservedEnvIgnored",
                        "spec env sets " + ignored + ", which the operator owns; those entries are ignored");
            }
        }
    }

    /** The pipeline cannot be reconciled at all; reported once per change of cause. */
    public void rejected(CalculatorPipeline pipeline, Condition ready) {
        List<Condition> before = pipeline.getStatus() == null ? List.of() : pipeline.getStatus().getConditions();
        if (Conditions.changed(before, ready)) {
            recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.ValidateSpec, ready.getReason(),
                    ready.getMessage());
        }
    }

    private static boolean worthAnEvent(CalculatorPipelineStatus previous, Condition condition) {
        if (condition.is(ConditionType.VIEW_REBUILDING)
                || condition.hasReason(ConditionReason.REPLICAS_UNAVAILABLE)
                || (condition.is(ConditionType.READY) && condition.getStatus() != ConditionStatus.TRUE)) {
            return false;
        }
        return Conditions.changed(previous.getConditions(), condition);
    }

    private void rebuildTransition(CalculatorPipeline pipeline, ViewPhase from, CalculatorPipelineStatus next) {
        ViewPhase to = next.getView().getPhase();
        if (from == null || from == to) {
            return;
        }
        String message = next.getView().getMessage();
        switch (to) {
            case PROVISIONING -> recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.Rebuild, "RebuildStarted", message);
            case SWITCHING -> recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.Rebuild, "RebuildSwitched", message);
            case ABORTED -> recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Rebuild, "RebuildAborted", message);
            case STABLE -> recorder.record(pipeline, EventRecorder.Type.Normal, EventRecorder.Action.Rebuild,
                    from == ViewPhase.DRAINING ? "RebuildCompleted" : "RebuildCancelled", message);
            case CATCHING_UP, DRAINING -> {
            }
        }
    }
}
