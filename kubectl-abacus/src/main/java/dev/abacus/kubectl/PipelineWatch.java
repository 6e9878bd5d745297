package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Every change of one pipeline, from an informer on it (which relists and rewatches on its own). */
final class PipelineWatch implements AutoCloseable {

    /** One change: the pipeline as it is now, or {@code deleted}. */
    record Change(CalculatorPipeline pipeline, boolean deleted) {
    }

    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final SharedIndexInformer<CalculatorPipeline> informer;

    PipelineWatch(Resource<CalculatorPipeline> pipeline) {
        this.informer = pipeline.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(CalculatorPipeline added) {
                changes.add(new Change(added, false));
            }

            @Override
            public void onUpdate(CalculatorPipeline before, CalculatorPipeline after) {
                changes.add(new Change(after, false));
            }

            @Override
            public void onDelete(CalculatorPipeline deleted, boolean finalStateUnknown) {
                changes.add(new Change(deleted, true));
            }
        }, 0);
    }

    /** The next change, waiting at most {@code timeout} (forever if null); empty if none came. */
    Optional<Change> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(timeout == null ? changes.take()
                : changes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        informer.close();
    }
}
