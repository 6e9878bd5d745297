package dev.abacus.operator.kafka;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;

/**
 * The one backoff schedule for trouble the operator waits out: JOSDK retries a reconcile that threw with it, and
 * {@link RetryBackoff} reschedules a reconcile that met an unreachable Kafka by the same schedule, from
 * {@code initial} doubling up to {@code max}, for ever.
 */
public record RetryPolicy(Duration initial, Duration max) {

    static final int MULTIPLIER = 2;

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a retry needs 0 < initial <= max, was " + initial + " and " + max);
        }
    }

    public GenericRetry josdkRetry() {
        return new GenericRetry()
                .setInitialInterval(initial.toMillis())
                .setIntervalMultiplier(MULTIPLIER)
                .setMaxInterval(max.toMillis())
                .withoutMaxAttempts();
    }
}
