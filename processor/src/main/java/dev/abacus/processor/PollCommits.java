package dev.abacus.processor;

import dev.abacus.processor.PartitionTransactions.TransactionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Commits the open transactions, one per partition, at the same time: each is its own producer's, so the loop
 * waits for the slowest commit instead of the sum of them (at 1,000 commands/s on three partitions that
 * took write-to-read p50 from 108-134 ms to 67-78 ms, docs/benchmarks.md). The first commits on the loop thread.
 */
final class PollCommits implements AutoCloseable {

    private final ExecutorService pool;

    PollCommits(String instanceId) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "abacus-processor-" + instanceId + "-commit-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One partition's open transaction and the commands offset it consumes up to. */
    record Open(PartitionTransactions transactions, long next) {}

    /** Commits each, for the group as it is now; answers how each ended, in order. */
    List<TransactionOutcome> commit(List<Open> open, ConsumerGroupMetadata group) {
        if (open.isEmpty()) {
            return List.of();
        }
        List<Future<TransactionOutcome>> others = new ArrayList<>(open.size());
        for (Open transaction : open.subList(1, open.size())) {
            others.add(pool.submit(() -> transaction.transactions().commit(transaction.next(), group)));
        }
        List<TransactionOutcome> ended = new ArrayList<>(open.size());
        ended.add(open.get(0).transactions().commit(open.get(0).next(), group));
        for (Future<TransactionOutcome> other : others) {
            try {
                ended.add(other.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } catch (ExecutionException e) {
                ended.add(new TransactionOutcome.Failed(new IllegalStateException("commit failed", e.getCause())));
            }
        }
        return ended;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
