package dev.abacus.operator.view;

import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.support.Pipelines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the progress poller asks, and what it caches when a copy answers, fails or stays silent. */
class ViewProgressPollerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ViewProgress.Reported REPLAYING = new ViewProgress.Reported("3", false, false, 1200, 800);

    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void aPipelineThatIsNotRebuildingIsNeverProbed() {
        ViewProgressPoller poller = poller(copy -> CompletableFuture.completedFuture(ViewProgress.of(REPLAYING)));

        assertThat(poller.fetchResources(rebuilding(null, 2, null))).isEmpty();
        assertThat(poller.fetchResources(rebuilding(ViewPhase.STABLE, 2, null))).isEmpty();
        assertThat(poller.fetchResources(pipeline("demo"))).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void whileCatchingUpBothCopiesAreAskedThroughTheirOwnServices() {
        ViewProgressPoller poller = poller(copy -> CompletableFuture.completedFuture(ViewProgress.of(REPLAYING)));

        Set<CopyProgress> polled = poller.fetchResources(rebuilding(ViewPhase.CATCHING_UP, 2, 3));

        assertThat(asked).containsExactlyInAnyOrder("shop/demo-view-g2", "shop/demo-view-g3");
        assertThat(polled).containsExactlyInAnyOrder(new CopyProgress(2, ViewProgress.of(REPLAYING), NOW),
                new CopyProgress(3, ViewProgress.of(REPLAYING), NOW));
    }

    @Test
    void onceTheTargetServesOnlyTheActiveCopyIsAsked() {
        assertThat(ViewProgressPoller.generationsToProbe(view(ViewPhase.PROVISIONING, 2, 3))).containsExactly(2, 3);
        assertThat(ViewProgressPoller.generationsToProbe(view(ViewPhase.SWITCHING, 2, 3))).containsExactly(2);
        assertThat(ViewProgressPoller.generationsToProbe(view(ViewPhase.DRAINING, 3, 3))).containsExactly(3);
        assertThat(ViewProgressPoller.generationsToProbe(view(ViewPhase.STABLE, 3, null))).isEmpty();
    }

    @Test
    void aCopyThatThrowsFailsOrStaysSilentIsUnknownWithTheReasonAndTheOtherIsStillReported() {
        ViewProgressPoller silent = poller(copy -> copy.generation() == 2
                ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(ViewProgress.of(REPLAYING)));
        ViewProgressPoller failing = poller(copy -> copy.generation() == 2
                ? CompletableFuture.failedFuture(new IllegalStateException("boom"))
                : CompletableFuture.completedFuture(ViewProgress.of(REPLAYING)));
        ViewProgressPoller throwing = poller(copy -> {
            if (copy.generation() == 2) {
                throw new IllegalArgumentException("no address");
            }
            return CompletableFuture.completedFuture(ViewProgress.of(REPLAYING));
        });

        assertThat(byGeneration(silent).get(2).problem()).isEqualTo("no answer within 50ms");
        assertThat(byGeneration(failing).get(2).problem()).contains("probe failed").contains("boom");
        assertThat(byGeneration(throwing).get(2).problem()).contains("probe failed").contains("no address");
        for (ViewProgressPoller poller : List.of(silent, failing, throwing)) {
            assertThat(byGeneration(poller).get(3)).isEqualTo(ViewProgress.of(REPLAYING));
        }
    }

    private Map<Integer, ViewProgress> byGeneration(ViewProgressPoller poller) {
        return poller.fetchResources(rebuilding(ViewPhase.CATCHING_UP, 2, 3)).stream()
                .collect(Collectors.toMap(CopyProgress::generation, CopyProgress::progress));
    }

    private ViewProgressPoller poller(Function<ViewCopy, CompletableFuture<ViewProgress>> answers) {
        ViewProgressProbe probe = copy -> {
            asked.add(copy.namespace() + "/" + copy.serviceName());
            return answers.apply(copy);
        };
        return new ViewProgressPoller(probe, Duration.ofMillis(50), Pipelines::model, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CalculatorPipeline rebuilding(ViewPhase phase, Integer active, Integer target) {
        CalculatorPipeline pipeline = pipeline("demo");
        CalculatorPipelineStatus status = new CalculatorPipelineStatus();
        status.setView(view(phase, active, target));
        pipeline.setStatus(status);
        return pipeline;
    }

    private static ViewStatus view(ViewPhase phase, Integer active, Integer target) {
        ViewStatus view = new ViewStatus();
        view.setPhase(phase);
        view.setActiveGeneration(active);
        view.setTargetGeneration(target);
        return view;
    }
}
