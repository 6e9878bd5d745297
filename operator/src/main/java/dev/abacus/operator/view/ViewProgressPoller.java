package dev.abacus.operator.view;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.resources.PipelineModel;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks the view copies of a rebuilding pipeline how far they have replayed, off the reconcile thread: JOSDK polls it
 * per pipeline and triggers a reconcile when an answer changes, so {@code reconcile} only reads the cache. A pipeline
 * that is not rebuilding is not probed.
 */
public final class ViewProgressPoller implements PerResourcePollingEventSource.ResourceFetcher<CopyProgress, CalculatorPipeline> {

    public static final String EVENT_SOURCE = "view-progress";

    private final ViewProgressProbe probe;
    private final Duration timeout;
    private final Function<CalculatorPipeline, PipelineModel> models;
    private final Clock clock;

    public ViewProgressPoller(ViewProgressProbe probe, Duration timeout, Function<CalculatorPipeline, PipelineModel> models,
                              Clock clock) {
        this.probe = probe;
        this.timeout = timeout;
        this.models = models;
        this.clock = clock;
    }

    public PerResourcePollingEventSource<CopyProgress, CalculatorPipeline, Integer> eventSource(
            EventSourceContext<CalculatorPipeline> context, Duration period) {
        return new PerResourcePollingEventSource<>(CopyProgress.class, context,
                new PerResourcePollingConfigurationBuilder<CopyProgress, CalculatorPipeline, Integer>(this, period)
                        .withName(EVENT_SOURCE)
                        .withResourceIDMapper(CopyProgress::generation)
                        .build());
    }

    /** The copies worth asking in this phase: the active one while rebuilding, the target one until it serves. */
    public static List<Integer> generationsToProbe(ViewStatus view) {
        if (view == null || view.getPhase() == null || !view.getPhase().rebuilding()) {
            return List.of();
        }
        List<Integer> generations = new ArrayList<>();
        if (view.getActiveGeneration() != null) {
            generations.add(view.getActiveGeneration());
        }
        if (view.getTargetGeneration() != null && !generations.contains(view.getTargetGeneration())
                && (view.getPhase() == ViewPhase.PROVISIONING || view.getPhase() == ViewPhase.CATCHING_UP)) {
            generations.add(view.getTargetGeneration());
        }
        return generations;
    }

    /** Both copies are asked at once; what does not answer within the timeout is reported as unknown. */
    @Override
    public Set<CopyProgress> fetchResources(CalculatorPipeline pipeline) {
        List<Integer> generations = generationsToProbe(Optional.ofNullable(pipeline.getStatus())
                .map(s -> s.getView()).orElse(null));
        if (generations.isEmpty()) {
            return Set.of();
        }
        PipelineModel model = models.apply(pipeline);
        List<CompletableFuture<CopyProgress>> answers = generations.stream()
                .map(generation -> ask(pipeline, model, generation))
                .toList();
        return answers.stream().map(CompletableFuture::join).collect(Collectors.toUnmodifiableSet());
    }

    private CompletableFuture<CopyProgress> ask(CalculatorPipeline pipeline, PipelineModel model, int generation) {
        ViewCopy copy = new ViewCopy(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(),
                generation, model.viewDeploymentName(generation));
        CompletableFuture<ViewProgress> answer;
        try {
            answer = probe.probe(copy);
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(ViewProgress.unknown("probe failed: " + e));
        }
        return answer
                .exceptionally(e -> ViewProgress.unknown("probe failed: " + e))
                .completeOnTimeout(ViewProgress.unknown("no answer within " + timeout.toMillis() + "ms"),
                        timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(progress -> new CopyProgress(generation, progress, clock.instant()));
    }
}
