package dev.abacus.operator.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewRebuildTest {

    private static final RebuildTiming TIMING = new RebuildTiming(Duration.ofSeconds(30), Duration.ofSeconds(20),
            Duration.ofMinutes(10));
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void firstReconcileStartsStableAtGenerationOne() {
        ViewStatus view = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);

        assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
        assertThat(view.getActiveGeneration()).isEqualTo(1);
        assertThat(view.getActiveTemplateHash()).isEqualTo("h1");
        assertThat(view.getLatestGeneration()).isEqualTo(1);
        assertThat(ViewRebuild.liveGenerations(view)).containsExactly(1);
    }

    @Test
    void lostStatusAdoptsTheGenerationTheServiceSelects() {
        ViewStatus view = ViewRebuild.step(null, seen("h1", Map.of(3, true, 4, false), 3), TIMING, T0);

        assertThat(view.getActiveGeneration()).isEqualTo(3);
        assertThat(view.getLatestGeneration()).isEqualTo(4);
    }

    @Test
    void fullRebuildAdvancesOneStepPerReconcile() {
        ViewStatus stable = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);

        ViewStatus provisioning = ViewRebuild.step(stable, seen("h2", Map.of(1, true), 1), TIMING, T0.plusSeconds(1));
        assertThat(provisioning.getPhase()).isEqualTo(ViewPhase.PROVISIONING);
        assertThat(provisioning.getTargetGeneration()).isEqualTo(2);
        assertThat(provisioning.getTargetTemplateHash()).isEqualTo("h2");
        assertThat(ViewRebuild.liveGenerations(provisioning)).containsExactly(1, 2);
        assertThat(stable.getPhase()).as("input untouched").isEqualTo(ViewPhase.STABLE);

        ViewStatus stillProvisioning = ViewRebuild.step(provisioning, seen("h2", Map.of(1, true), 1), TIMING,
                T0.plusSeconds(2));
        assertThat(stillProvisioning.getPhase()).isEqualTo(ViewPhase.PROVISIONING);

        ViewStatus catchingUp = ViewRebuild.step(provisioning, seen("h2", Map.of(1, true, 2, false), 1), TIMING,
                T0.plusSeconds(3));
        assertThat(catchingUp.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(catchingUp.getTargetAvailableSince()).isNull();

        ViewStatus available = ViewRebuild.step(catchingUp, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(60));
        assertThat(available.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(available.getTargetAvailableSince()).isEqualTo("2026-11-22T10:01:00Z");

        ViewStatus notYetStable = ViewRebuild.step(available, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(89));
        assertThat(notYetStable.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(notYetStable.getActiveGeneration()).isEqualTo(1);

        ViewStatus switching = ViewRebuild.step(notYetStable, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(90));
        assertThat(switching.getPhase()).isEqualTo(ViewPhase.SWITCHING);
        assertThat(switching.getActiveGeneration()).isEqualTo(2);
        assertThat(switching.getActiveTemplateHash()).isEqualTo("h2");
        assertThat(switching.getPreviousGeneration()).isEqualTo(1);
        assertThat(ViewRebuild.liveGenerations(switching)).containsExactlyInAnyOrder(1, 2);

        ViewStatus waitingForService = ViewRebuild.step(switching, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(91));
        assertThat(waitingForService.getPhase()).isEqualTo(ViewPhase.SWITCHING);

        ViewStatus draining = ViewRebuild.step(switching, seen("h2", Map.of(1, true, 2, true), 2), TIMING,
                T0.plusSeconds(92));
        assertThat(draining.getPhase()).isEqualTo(ViewPhase.DRAINING);
        assertThat(ViewRebuild.liveGenerations(draining)).containsExactlyInAnyOrder(1, 2);

        ViewStatus stillDraining = ViewRebuild.step(draining, seen("h2", Map.of(1, true, 2, true), 2), TIMING,
                T0.plusSeconds(111));
        assertThat(stillDraining.getPhase()).isEqualTo(ViewPhase.DRAINING);

        ViewStatus done = ViewRebuild.step(draining, seen("h2", Map.of(1, true, 2, true), 2), TIMING,
                T0.plusSeconds(112));
        assertThat(done.getPhase()).isEqualTo(ViewPhase.STABLE);
        assertThat(done.getActiveGeneration()).isEqualTo(2);
        assertThat(done.getPreviousGeneration()).isNull();
        assertThat(done.getTargetGeneration()).isNull();
        assertThat(ViewRebuild.liveGenerations(done)).containsExactly(2);
    }

    @Test
    void interruptedAvailabilityRestartsTheStabilisationWindow() {
        ViewStatus catchingUp = catchingUp();
        ViewStatus available = ViewRebuild.step(catchingUp, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(10));

        ViewStatus flapped = ViewRebuild.step(available, seen("h2", Map.of(1, true, 2, false), 1), TIMING,
                T0.plusSeconds(20));
        ViewStatus again = ViewRebuild.step(flapped, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(45));

        assertThat(flapped.getTargetAvailableSince()).isNull();
        assertThat(again.getPhase()).isEqualTo(ViewPhase.CATCHING_UP);
        assertThat(again.getTargetAvailableSince()).isEqualTo("2026-11-22T10:00:45Z");
    }

    @Test
    void aGenerationThatNeverCatchesUpIsAbortedAndTheOldOneKeepsServing() {
        ViewStatus aborted = ViewRebuild.step(catchingUp(), seen("h2", Map.of(1, true, 2, false), 1), TIMING,
                T0.plus(Duration.ofMinutes(10)));

        assertThat(aborted.getPhase()).isEqualTo(ViewPhase.ABORTED);
        assertThat(aborted.getActiveGeneration()).isEqualTo(1);
        assertThat(ViewRebuild.liveGenerations(aborted)).containsExactly(1);
        assertThat(aborted.getMessage()).contains("did not become available");

        ViewStatus stays = ViewRebuild.step(aborted, seen("h2", Map.of(1, true), 1), TIMING, T0.plusSeconds(900));
        assertThat(stays.getPhase()).isEqualTo(ViewPhase.ABORTED);

        ViewStatus retried = ViewRebuild.step(aborted, seen("h3", Map.of(1, true), 1), TIMING, T0.plusSeconds(900));
        assertThat(retried.getPhase()).isEqualTo(ViewPhase.PROVISIONING);
        assertThat(retried.getTargetGeneration()).as("generation numbers are never reused").isEqualTo(3);

        ViewStatus reverted = ViewRebuild.step(aborted, seen("h1", Map.of(1, true), 1), TIMING, T0.plusSeconds(900));
        assertThat(reverted.getPhase()).isEqualTo(ViewPhase.STABLE);
        assertThat(reverted.getTargetGeneration()).isNull();
    }

    @Test
    void aSpecChangeDuringARebuildRestartsItOrCancelsIt() {
        ViewStatus restarted = ViewRebuild.step(catchingUp(), seen("h3", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(10));
        assertThat(restarted.getPhase()).isEqualTo(ViewPhase.PROVISIONING);
        assertThat(restarted.getTargetGeneration()).isEqualTo(3);
        assertThat(ViewRebuild.liveGenerations(restarted)).containsExactly(1, 3);

        ViewStatus cancelled = ViewRebuild.step(catchingUp(), seen("h1", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(10));
        assertThat(cancelled.getPhase()).isEqualTo(ViewPhase.STABLE);
        assertThat(ViewRebuild.liveGenerations(cancelled)).containsExactly(1);
    }

    @Test
    void nextDeadlineTellsWhenToLookAgain() {
        ViewStatus available = ViewRebuild.step(catchingUp(), seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(10));

        assertThat(ViewRebuild.nextDeadline(available, TIMING, T0.plusSeconds(15))).hasValue(Duration.ofSeconds(25));
        assertThat(ViewRebuild.nextDeadline(ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0), TIMING, T0))
                .isEmpty();
    }

    private static ViewStatus catchingUp() {
        ViewStatus stable = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);
        ViewStatus provisioning = ViewRebuild.step(stable, seen("h2", Map.of(1, true), 1), TIMING, T0);
        return ViewRebuild.step(provisioning, seen("h2", Map.of(1, true, 2, false), 1), TIMING, T0);
    }

    @Test
    void aCompletedRebuildIsRecordedWithItsTriggerAndTimes() {
        ViewStatus stable = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);
        ViewStatus provisioning = ViewRebuild.step(stable, token("h2", "replay-7", Map.of(1, true), 1, null), TIMING,
                T0.plusSeconds(1));
        assertThat(provisioning.getRebuildTrigger()).isEqualTo("replay-7");
        ViewStatus available = ViewRebuild.step(ViewRebuild.step(provisioning, seen("h2", Map.of(1, true, 2, true), 1),
                TIMING, T0.plusSeconds(2)), seen("h2", Map.of(1, true, 2, true), 1), TIMING, T0.plusSeconds(3));
        ViewStatus switching = ViewRebuild.step(available, seen("h2", Map.of(1, true, 2, true), 1), TIMING,
                T0.plusSeconds(40));
        ViewStatus draining = ViewRebuild.step(switching, seen("h2", Map.of(1, true, 2, true), 2), TIMING,
                T0.plusSeconds(41));
        assertThat(draining.getHistory()).as("nothing is recorded before the drain ends").isNull();

        ViewStatus done = ViewRebuild.step(draining, seen("h2", Map.of(1, true, 2, true), 2), TIMING,
                T0.plusSeconds(61));

        assertThat(done.getPhase()).isEqualTo(ViewPhase.STABLE);
        assertThat(done.getRebuildTrigger()).isNull();
        assertThat(done.getHistory()).singleElement().satisfies(record -> {
            assertThat(record.getGeneration()).isEqualTo(2);
            assertThat(record.getTrigger()).isEqualTo("replay-7");
            assertThat(record.getStartedAt()).isEqualTo("2026-11-22T10:00:01Z");
            assertThat(record.getFinishedAt()).isEqualTo("2026-11-22T10:01:01Z");
            assertThat(record.is(RebuildOutcome.COMPLETED)).isTrue();
            assertThat(record.getOutcome()).isEqualTo("Completed");
            assertThat(record.getReason()).isEqualTo("Switched");
        });
    }

    @Test
    void anAbortAnnotationForTheTargetAbortsWhileAStaleOneDoesNot() {
        ViewStatus stable = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);
        ViewStatus provisioning = ViewRebuild.step(stable, seen("h2", Map.of(1, true), 1), TIMING, T0.plusSeconds(1));
        ViewStatus catchingUp = ViewRebuild.step(provisioning, token("h2", null, Map.of(1, true, 2, false), 1, 1),
                TIMING, T0.plusSeconds(2));
        assertThat(catchingUp.getPhase()).as("an annotation naming another generation is ignored")
                .isEqualTo(ViewPhase.CATCHING_UP);

        ViewStatus aborted = ViewRebuild.step(catchingUp, token("h2", null, Map.of(1, true, 2, true), 1, 2), TIMING,
                T0.plusSeconds(3));

        assertThat(aborted.getPhase()).isEqualTo(ViewPhase.ABORTED);
        assertThat(aborted.getActiveGeneration()).isEqualTo(1);
        assertThat(ViewRebuild.liveGenerations(aborted)).containsExactly(1);
        assertThat(aborted.getMessage()).contains("aborted on request", "generation 1 keeps serving");
        assertThat(aborted.getHistory()).singleElement().satisfies(record -> {
            assertThat(record.is(RebuildOutcome.ABORTED)).isTrue();
            assertThat(record.getReason()).isEqualTo("AbortRequested");
            assertThat(record.getGeneration()).isEqualTo(2);
        });

        ViewStatus retried = ViewRebuild.step(aborted, token("h3", "again", Map.of(1, true, 2, true), 1, 2), TIMING,
                T0.plusSeconds(4));
        assertThat(retried.getPhase()).isEqualTo(ViewPhase.PROVISIONING);
        ViewStatus unaffected = ViewRebuild.step(retried, token("h3", "again", Map.of(1, true, 3, false), 1, 2),
                TIMING, T0.plusSeconds(5));
        assertThat(unaffected.getPhase()).as("the old annotation does not abort generation 3")
                .isEqualTo(ViewPhase.CATCHING_UP);
    }

    @Test
    void cancelledSupersededAndDeadlineEndingsAreRecordedNewestFirstAndBounded() {
        ViewStatus view = ViewRebuild.step(null, seen("h1", Map.of(), -1), TIMING, T0);
        view = ViewRebuild.step(view, seen("h2", Map.of(1, true), 1), TIMING, T0.plusSeconds(1));
        view = ViewRebuild.step(view, seen("h3", Map.of(1, true), 1), TIMING, T0.plusSeconds(2));
        assertThat(view.getTargetGeneration()).isEqualTo(3);
        view = ViewRebuild.step(view, seen("h1", Map.of(1, true), 1), TIMING, T0.plusSeconds(3));
        assertThat(view.getPhase()).isEqualTo(ViewPhase.STABLE);
        view = ViewRebuild.step(view, seen("h4", Map.of(1, true), 1), TIMING, T0.plusSeconds(4));
        view = ViewRebuild.step(view, seen("h4", Map.of(1, true), 1), TIMING, T0.plusSeconds(4).plus(TIMING.deadline()));
        assertThat(view.getPhase()).isEqualTo(ViewPhase.ABORTED);

        assertThat(view.getHistory()).extracting(RebuildRecord::getGeneration, RebuildRecord::getOutcome,
                RebuildRecord::getReason).containsExactly(
                        tuple(4, "Aborted", "DeadlineExceeded"),
                        tuple(3, "Cancelled", "SpecReverted"),
                        tuple(2, "Superseded", "SpecChanged"));

        for (int i = 0; i < ViewStatus.HISTORY_LIMIT + 2; i++) {
            view = ViewRebuild.step(view, seen("x" + i, Map.of(1, true), 1), TIMING, T0.plusSeconds(1000 + i));
        }
        assertThat(view.getHistory()).hasSize(ViewStatus.HISTORY_LIMIT);
        assertThat(view.getHistory().get(0).getReason()).isEqualTo("SpecChanged");
    }

    private static ViewObservation token(String hash, String token, Map<Integer, Boolean> generations,
                                         int serviceGeneration, Integer abortGeneration) {
        return new ViewObservation(hash, token, generations, serviceGeneration, abortGeneration);
    }

    private static ViewObservation seen(String hash, Map<Integer, Boolean> generations, int serviceGeneration) {
        return new ViewObservation(hash, generations, serviceGeneration);
    }
}
