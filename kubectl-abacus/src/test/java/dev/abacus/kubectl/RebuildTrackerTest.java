package dev.abacus.kubectl;

import static dev.abacus.kubectl.Fixtures.pipeline;
import static dev.abacus.kubectl.Fixtures.rebuilding;
import static dev.abacus.kubectl.Fixtures.record;
import static dev.abacus.kubectl.Fixtures.stable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kubectl.RebuildTracker.Ended;
import dev.abacus.kubectl.RebuildTracker.Pending;
import dev.abacus.kubectl.RebuildTracker.Running;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.ViewPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildTrackerTest {

    /** The patch made generation 6; before it generation 3 served and was the latest. */
    private final RebuildTracker tracker = new RebuildTracker(6, 3);

    @Test
    void pendingUntilTheOperatorObservedTheChangeThenRunningUntilTheHistorySaysCompleted() {
        assertThat(tracker.observe(pipeline("demo", 6, stable(5, 3)))).isEqualTo(new Pending(6));
        assertThat(tracker.observe(pipeline("demo", 6, null))).isEqualTo(new Pending(6));

        CalculatorPipelineStatus catchingUp = rebuilding(6, 3, ViewPhase.CATCHING_UP);
        assertThat(tracker.observe(pipeline("demo", 6, catchingUp))).isEqualTo(new Running(4));

        CalculatorPipelineStatus done = stable(6, 4);
        done.getView().setHistory(List.of(record(4, "t", "2026-11-22T09:57:47Z", "2026-11-22T10:00:00Z",
                RebuildOutcome.COMPLETED, "Switched", "generation 4 serves")));
        RebuildTracker.State ended = tracker.observe(pipeline("demo", 6, done));
        assertThat(ended).isEqualTo(new Ended(4, "Completed", "Switched", "generation 4 serves"));
        assertThat(((Ended) ended).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(ended.describe()).isEqualTo("rebuild of generation 4 Completed (Switched): generation 4 serves");
    }

    @Test
    void theHistoryEntryOfTheTargetDecidesNotTheNewestOne() {
        tracker.observe(pipeline("demo", 6, rebuilding(6, 3, ViewPhase.PROVISIONING)));

        CalculatorPipelineStatus superseded = rebuilding(7, 3, ViewPhase.CATCHING_UP);
        superseded.getView().setTargetGeneration(5);
        superseded.getView().setHistory(List.of(
                record(4, "t", null, null, RebuildOutcome.SUPERSEDED, "SpecChanged", "generation 5 replaces it"),
                record(3, "s", null, null, RebuildOutcome.COMPLETED, "Switched", null)));
        Ended ended = (Ended) tracker.observe(pipeline("demo", 7, superseded));
        assertThat(ended.outcome()).isEqualTo("Superseded");
        assertThat(ended.exitCode()).isEqualTo(ExitCode.REBUILD_FAILED);
    }

    @Test
    void abortedAndCancelledFail() {
        for (RebuildOutcome outcome : List.of(RebuildOutcome.ABORTED, RebuildOutcome.CANCELLED)) {
            RebuildTracker fresh = new RebuildTracker(6, 3);
            CalculatorPipelineStatus status = rebuilding(6, 3, ViewPhase.ABORTED);
            status.getView().setHistory(List.of(record(4, "t", null, null, outcome, "AbortRequested", null)));
            assertThat(((Ended) fresh.observe(pipeline("demo", 6, status))).exitCode()).isEqualTo(ExitCode.REBUILD_FAILED);
        }
    }

    @Test
    void withoutAHistoryEntryThePhaseTells() {
        tracker.observe(pipeline("demo", 6, rebuilding(6, 3, ViewPhase.CATCHING_UP)));
        assertThat(tracker.observe(pipeline("demo", 6, stable(6, 4))))
                .isEqualTo(new Ended(4, "Completed", null, "generation 4 serves"));
        assertThat(tracker.observe(pipeline("demo", 6, rebuilding(6, 3, ViewPhase.ABORTED))))
                .extracting(s -> ((Ended) s).outcome()).isEqualTo("Aborted");
        assertThat(tracker.observe(pipeline("demo", 6, stable(6, 3))))
                .extracting(s -> ((Ended) s).outcome()).isEqualTo("Cancelled");
        CalculatorPipelineStatus newer = rebuilding(7, 3, ViewPhase.CATCHING_UP);
        newer.getView().setTargetGeneration(5);
        assertThat(tracker.observe(pipeline("demo", 7, newer)))
                .extracting(s -> ((Ended) s).outcome()).isEqualTo("Superseded");
    }

    @Test
    void aChangeThatStartedNoRebuild() {
        Ended ended = (Ended) tracker.observe(pipeline("demo", 6, stable(6, 3)));
        assertThat(ended.outcome()).isEqualTo(RebuildTracker.NOT_STARTED);
        assertThat(ended.exitCode()).isEqualTo(ExitCode.REBUILD_FAILED);
        assertThat(ended.describe()).isEqualTo("no rebuild: NotStarted: the operator started no rebuild for generation 6"
                + " of the spec (view phase Stable, generation 3 serving)");

        CalculatorPipelineStatus oldAbort = rebuilding(6, 3, ViewPhase.ABORTED);
        assertThat(new RebuildTracker(6, 4).observe(pipeline("demo", 6, oldAbort)))
                .as("the last aborted target is older than the change").isInstanceOf(Ended.class);
    }
}
