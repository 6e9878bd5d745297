package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows the rebuild one spec change started, from successive states of the pipeline. The change made
 * {@code metadata.generation} G; once {@code status.observedGeneration >= G} the operator has seen it and
 * {@code status.view.targetGeneration} (a generation newer than any before the change) is the rebuild's; it ends with
 * the {@code status.view.history} entry of that generation. Where the history has no entry, the phase tells.
 */
final class RebuildTracker {

    /** Where the rebuild stands. */
    sealed interface State permits Pending, Running, Ended {

        /** One line for the person waiting. */
        String describe();
    }

    /** The operator has not reconciled the change yet. */
    record Pending(long generation) implements State {

        @Override
        public String describe() {
            return "Waiting for the operator to observe generation " + generation + " of the spec";
        }
    }

    /** The rebuild of {@code target} is under way. */
    record Running(int target) implements State {

        @Override
        public String describe() {
            return "Waiting for the rebuild of generation " + target + " to end";
        }
    }

    /** It is over; {@code exitCode} is what {@code rebuild --wait} exits with. */
    record Ended(Integer target, String outcome, String reason, String message) implements State {

        int exitCode() {
            return JsonNames.of(RebuildOutcome.COMPLETED).equals(outcome) ? ExitCode.OK : ExitCode.REBUILD_FAILED;
        }

        @Override
        public String describe() {
            String text = target == null ? "no rebuild: " + outcome
                    : "rebuild of generation " + target + " " + outcome;
            text += reason == null ? "" : " (" + reason + ")";
            return message == null || message.isBlank() ? text : text + ": " + message;
        }
    }

    static final String NOT_STARTED = "NotStarted";

    private final long generation;
    private final Integer latestBefore;
    private Integer target;

    /**
     * @param generation   {@code metadata.generation} the spec change produced
     * @param latestBefore {@code status.view.latestGeneration} before the change, if any
     */
    RebuildTracker(long generation, Integer latestBefore) {
        this.generation = generation;
        this.latestBefore = latestBefore;
    }

    State observe(CalculatorPipeline pipeline) {
        CalculatorPipelineStatus status = pipeline.getStatus();
        if (status == null || status.getObservedGeneration() == null || status.getObservedGeneration() < generation) {
            return new Pending(generation);
        }
        ViewStatus view = status.getView() == null ? new ViewStatus() : status.getView();
        if (target == null) {
            Integer candidate = view.getTargetGeneration();
            if (candidate == null || (latestBefore != null && candidate <= latestBefore)) {
                return new Ended(null, NOT_STARTED, null, "the operator started no rebuild for generation " + generation
                        + " of the spec (view phase " + phase(view) + ", generation "
                        + Objects.toString(view.getActiveGeneration(), "?") + " serving)");
            }
            target = candidate;
        }
        Optional<RebuildRecord> record = Optional.ofNullable(view.getHistory()).orElse(List.of()).stream()
                .filter(r -> target.equals(r.getGeneration())).findFirst();
        if (record.isPresent()) {
            return new Ended(target, record.get().getOutcome(), record.get().getReason(), record.get().getMessage());
        }
        return inferred(view);
    }

    /** Without a history entry (an operator that keeps none): what the phase says. */
    private State inferred(ViewStatus view) {
        ViewPhase phase = view.getPhase();
        if (phase == ViewPhase.STABLE) {
            return target.equals(view.getActiveGeneration())
                    ? new Ended(target, JsonNames.of(RebuildOutcome.COMPLETED), null, "generation " + target + " serves")
                    : new Ended(target, JsonNames.of(RebuildOutcome.CANCELLED), null, "generation "
                            + view.getActiveGeneration() + " still serves");
        }
        if (phase == ViewPhase.ABORTED && target.equals(view.getTargetGeneration())) {
            return new Ended(target, JsonNames.of(RebuildOutcome.ABORTED), null, view.getMessage());
        }
        if (view.getTargetGeneration() != null && !target.equals(view.getTargetGeneration())) {
            return new Ended(target, JsonNames.of(RebuildOutcome.SUPERSEDED), null, "generation "
                    + view.getTargetGeneration() + " is being built instead");
        }
        return new Running(target);
    }

    private static String phase(ViewStatus view) {
        return view.getPhase() == null ? "unknown" : JsonNames.of(view.getPhase());
    }
}
