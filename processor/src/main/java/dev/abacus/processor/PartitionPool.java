package dev.abacus.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A thread for each owned partition, running its tasks one after another in the order given: each partition's state
 * and producer are its own, so partitions are decided and committed side by side, and beside the loop's next poll
 * (docs/processor.md). A wait for a task is not cut short by an interrupt (the task still uses the partition's state
 * and producer); it leaves the thread interrupted, for the next Kafka call to raise. Submitted to by the loop thread.
 */
final class PartitionPool implements AutoCloseable {

    private final String instanceId;
    private final Map<Integer, ExecutorService> partitions = new HashMap<>();

    PartitionPool(String instanceId) {
        this.instanceId = instanceId;
    }

    /** Runs the task on the partition's thread, after the partition's tasks submitted before it. */
    <T> Future<T> submit(int partition, Callable<T> task) {
        return partitions.computeIfAbsent(partition, p -> Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "abacus-processor-" + instanceId + "-p" + p);
            thread.setDaemon(true);
            return thread;
        })).submit(task);
    }

    /** The task's result once it ended, or {@code failed} of what it threw; from any thread. */
    static <T> T await(Future<T> task, Function<RuntimeException, T> failed) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return failed.apply(e.getCause() instanceof RuntimeException cause ? cause
                            : new IllegalStateException("a partition's task failed", e.getCause()));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lets the partition's thread go once the tasks submitted before have run. */
    void forget(int partition) {
        ExecutorService thread = partitions.remove(partition);
        if (thread != null) {
            thread.shutdown();
        }
    }

    @Override
    public void close() {
        partitions.values().forEach(ExecutorService::shutdown);
        partitions.clear();
    }
}
