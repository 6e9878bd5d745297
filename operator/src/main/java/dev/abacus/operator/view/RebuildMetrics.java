package dev.abacus.operator.view;

import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuild lifecycle metrics, as the Flink operator's blue-green ones: time spent per phase, rebuilds ended by outcome
 * and reason, their durations, and how many run now. Tagged by phase, outcome and reason only, never by pipeline, so
 * the series count does not grow with the number of pipelines; which pipeline is in {@code status.view.history}.
 */
public final class RebuildMetrics {

    static final String PHASE_SECONDS = "abacus.operator.rebuild.phase";
    static final String ENDED = "abacus.operator.rebuilds.ended";
    static final String DURATION = "abacus.operator.rebuild.duration";
    static final String IN_PROGRESS = "abacus.operator.rebuilds.in.progress";

    private final MeterRegistry registry;
    private final Map<String, Boolean> rebuilding = new ConcurrentHashMap<>();

    public RebuildMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(IN_PROGRESS, rebuilding, r -> r.values().stream().filter(Boolean::booleanValue).count())
                .description("Pipelines whose view is being rebuilt (Provisioning to Draining)")
                .register(registry);
    }

    /** Records what one applied rebuild step changed; {@code previous} is null on a pipeline's first reconcile. */
    public void stepped(String pipeline, ViewStatus previous, ViewStatus next, Instant now) {
        rebuilding.put(pipeline, next.getPhase() != null && next.getPhase().rebuilding());
        if (previous == null || previous.getPhase() == null) {
            return;
        }
        if (previous.getPhase() != next.getPhase() || !Objects.equals(previous.getPhaseSince(), next.getPhaseSince())) {
            left(previous.getPhase(), previous.getPhaseSince(), now);
        }
        List<RebuildRecord> before = Objects.requireNonNullElse(previous.getHistory(), List.of());
        Objects.requireNonNullElse(next.getHistory(), List.<RebuildRecord>of()).stream()
                .takeWhile(record -> !before.contains(record))
                .forEach(this::ended);
    }

    /** Forgets a deleted pipeline. */
    public void removed(String pipeline) {
        rebuilding.remove(pipeline);
    }

    private void left(ViewPhase phase, String since, Instant now) {
        if (since == null || phase == ViewPhase.STABLE || phase == ViewPhase.ABORTED) {
            return;
        }
        Duration spent = Duration.between(Instant.parse(since), now);
        Timer.builder(PHASE_SECONDS).description("Time a rebuild spent in a phase before leaving it")
                .tag("phase", JsonNames.of(phase)).register(registry).record(spent.isNegative() ? Duration.ZERO : spent);
    }

    private void ended(RebuildRecord record) {
        Counter.builder(ENDED).description("Rebuilds that ended, by outcome and reason")
                .tag("outcome", String.valueOf(record.getOutcome())).tag("reason", String.valueOf(record.getReason()))
                .register(registry).increment();
        if (record.getStartedAt() != null && record.getFinishedAt() != null) {
            Duration took = Duration.between(Instant.parse(record.getStartedAt()), Instant.parse(record.getFinishedAt()));
            Timer.builder(DURATION).description("Rebuild start to end, by outcome")
                    .tag("outcome", String.valueOf(record.getOutcome())).register(registry)
                    .record(took.isNegative() ? Duration.ZERO : took);
        }
    }
}
