package dev.abacus.commander;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The commander's settings ({@code abacus.commander.*}), checked at start-up so a bad value stops
 * the process instead of surfacing on the first request.
 *
 * @param maxWait cap on a client's {@code Prefer: wait} / {@code ?wait}
 * @param outcomeCacheSize outcomes (and pending commands) kept in memory; the oldest are evicted
 * @param sendTimeout how long a command write may take before the client gets 503 ({@code delivery.timeout.ms})
 * @param maxBlock how long a send may wait for metadata or buffer space ({@code max.block.ms})
 * @param producerBufferBytes the producer's {@code buffer.memory}
 * @param retryAfter the Retry-After a 503 suggests
 * @param outcomeReaderStallTimeout how long the outcome reader may go without polling all its partitions
 *     before liveness fails (a broker outage after start-up does not count: it keeps polling through one)
 */
@Context
@ConfigurationProperties("abacus.commander")
public record CommanderConfig(
        @Bindable(defaultValue = "30s") @NotNull Duration maxWait,
        @Bindable(defaultValue = "100000") @Min(100) @Max(10_000_000) int outcomeCacheSize,
        @Bindable(defaultValue = "12s") @NotNull Duration sendTimeout,
        @Bindable(defaultValue = "2s") @NotNull Duration maxBlock,
        @Bindable(defaultValue = "16777216") @Min(1_048_576) long producerBufferBytes,
        @Bindable(defaultValue = "5s") @NotNull Duration retryAfter,
        @Bindable(defaultValue = "2m") @NotNull Duration outcomeReaderStallTimeout) {

    public CommanderConfig {
        require(maxWait, Duration.ZERO, Duration.ofMinutes(5), "max-wait");
        require(sendTimeout, Duration.ofSeconds(2), Duration.ofMinutes(2), "send-timeout");
        require(maxBlock, Duration.ofMillis(100), Duration.ofSeconds(30), "max-block");
        require(retryAfter, Duration.ofSeconds(1), Duration.ofMinutes(10), "retry-after");
        require(outcomeReaderStallTimeout, Duration.ofSeconds(10), Duration.ofHours(1), "outcome-reader-stall-timeout");
    }

    private static void require(Duration value, Duration min, Duration max, String name) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new IllegalArgumentException(
                    "abacus.commander." + name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
