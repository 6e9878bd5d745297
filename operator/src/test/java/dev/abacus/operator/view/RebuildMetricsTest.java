package dev.abacus.operator.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.abacus.operator.api.ViewStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RebuildMetricsTest {

    private static final RebuildTiming TIMING = new RebuildTiming(Duration.ofSeconds(30), Duration.ofSeconds(20),
            Duration.ofMinutes(10));
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RebuildMetrics metrics = new RebuildMetrics(registry);

    @Test
    void aCompletedRebuildCountsItsEndingItsDurationAndEachPhaseOnce() {
        ViewStatus view = step("ns/a", null, seen("h1", Map.of()), T0);
        view = step("ns/a", view, seen("h2", Map.of(1, true)), T0.plusSeconds(10));
        assertThat(inProgress()).isEqualTo(1);
        view = step("ns/a", view, seen("h2", Map.of(1, true, 2, false)), T0.plusSeconds(15));
        view = step("ns/a", view, seen("h2", Map.of(1, true, 2, true)), T0.plusSeconds(40));
        view = step("ns/a", view, seen("h2", Map.of(1, true, 2, true)), T0.plusSeconds(70));
        view = step("ns/a", view, new ViewObservation("h2", Map.of(1, true, 2, true), 2), T0.plusSeconds(71));
        view = step("ns/a", view, new ViewObservation("h2", Map.of(1, true, 2, true), 2), T0.plusSeconds(91));
        ViewStatus stable = step("ns/a", view, new ViewObservation("h2", Map.of(2, true), 2), T0.plusSeconds(95));

        assertThat(stable.getPhase()).hasToString("STABLE");
        assertThat(registry.get(RebuildMetrics.ENDED).tags("outcome", "Completed", "reason", "Switched").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(RebuildMetrics.DURATION).tag("outcome", "Completed").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(81);
        assertThat(registry.get(RebuildMetrics.PHASE_SECONDS).tag("phase", "Provisioning").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(registry.get(RebuildMetrics.PHASE_SECONDS).tag("phase", "CatchingUp").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(55);
        assertThat(registry.get(RebuildMetrics.PHASE_SECONDS).tag("phase", "Draining").timer().count()).isEqualTo(1);
        assertThat(inProgress()).isZero();
    }

    @Test
    void seriesAreTaggedByOutcomeNotByPipelineAndADeletedPipelineIsForgotten() {
        for (String pipeline : new String[] {"ns/a", "ns/b", "other/c"}) {
            ViewStatus view = step(pipeline, null, seen("h1", Map.of()), T0);
            view = step(pipeline, view, seen("h2", Map.of(1, true)), T0.plusSeconds(1));
            step(pipeline, view, seen("h2", Map.of(1, true)), T0.plusSeconds(1).plus(TIMING.deadline()));
        }
        ViewStatus rebuilding = step("ns/d", step("ns/d", null, seen("h1", Map.of()), T0), seen("h2", Map.of(1, true)),
                T0.plusSeconds(1));
        assertThat(rebuilding.getPhase().rebuilding()).isTrue();

        assertThat(registry.get(RebuildMetrics.ENDED).tags("outcome", "Aborted", "reason", "DeadlineExceeded")
                .counter().count()).isEqualTo(3);
        assertThat(registry.getMeters()).flatExtracting(meter -> meter.getId().getTags())
                .extracting(tag -> tag.getKey()).containsOnly("outcome", "reason", "phase");
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName).doesNotHaveDuplicates()
                .hasSizeLessThanOrEqualTo(4);
        assertThat(inProgress()).isEqualTo(1);
        metrics.removed("ns/d");
        assertThat(inProgress()).isZero();
    }

    @Test
    void aReconcileThatChangesNothingRecordsNothing() {
        ViewStatus view = step("ns/a", null, seen("h1", Map.of()), T0);
        view = step("ns/a", view, seen("h2", Map.of(1, true)), T0.plusSeconds(1));
        step("ns/a", view, seen("h2", Map.of(1, true)), T0.plusSeconds(2));
        step("ns/a", view, seen("h2", Map.of(1, true)), T0.plusSeconds(3));

        assertThat(registry.find(RebuildMetrics.PHASE_SECONDS).timers()).isEmpty();
        assertThat(registry.find(RebuildMetrics.ENDED).counters()).isEmpty();
    }

    private ViewStatus step(String pipeline, ViewStatus previous, ViewObservation seen, Instant now) {
        ViewStatus next = ViewRebuild.step(previous, seen, TIMING, now);
        metrics.stepped(pipeline, previous, next, now);
        return next;
    }

    private double inProgress() {
        return registry.get(RebuildMetrics.IN_PROGRESS).gauge().value();
    }

    private static ViewObservation seen(String hash, Map<Integer, Boolean> generations) {
        return new ViewObservation(hash, generations, generations.isEmpty() ? -1 : 1);
    }
}
