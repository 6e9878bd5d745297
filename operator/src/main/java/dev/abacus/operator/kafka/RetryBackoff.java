package dev.abacus.operator.kafka;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** Exponential backoff per pipeline for retrying Kafka while it is unreachable. */
public final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final ConcurrentHashMap<ResourceID, Integer> attempts = new ConcurrentHashMap<>();

    public RetryBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay before the next attempt; each call doubles it up to the maximum. */
    public Duration next(ResourceID pipeline) {
        int attempt = attempts.merge(pipeline, 1, Integer::sum) - 1;
        long millis = initial.toMillis() << Math.min(attempt, 20);
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }

    public void reset(ResourceID pipeline) {
        attempts.remove(pipeline);
    }
}
