package dev.abacus.operator.kafka;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link RetryPolicy}'s schedule run per pipeline, for retrying Kafka while it is unreachable. */
public final class RetryBackoff {

    private final RetryPolicy policy;
    private final ConcurrentHashMap<ResourceID, RetryExecution> attempts = new ConcurrentHashMap<>();

    public RetryBackoff(RetryPolicy policy) {
        this.policy = policy;
    }

    /** The delay before the next attempt: JOSDK's own schedule for the policy, so both retries wait alike. */
    public Duration next(ResourceID pipeline) {
        RetryExecution execution = attempts.computeIfAbsent(pipeline, id -> policy.josdkRetry().initExecution());
        synchronized (execution) {
            return Duration.ofMillis(execution.nextDelay().orElse(policy.max().toMillis()));
        }
    }

    public void reset(ResourceID pipeline) {
        attempts.remove(pipeline);
    }
}
