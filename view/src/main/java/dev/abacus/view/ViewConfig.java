package dev.abacus.view;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * Settings of one view copy. {@code generation} names the copy (it answers in X-View-Generation);
 * the copy turns ready once it has replayed the log end seen at start-up and its lag has stayed
 * within {@code readyLagThreshold} records for {@code readySustain}.
 */
@Context
@ConfigurationProperties("abacus.view")
public record ViewConfig(
        @Bindable(defaultValue = "1") @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}") String generation,
        @Bindable(defaultValue = "100") @PositiveOrZero long readyLagThreshold,
        @Bindable(defaultValue = "1s") @NotNull Duration readySustain,
        @Bindable(defaultValue = "50") @Min(1) int defaultPageSize,
        @Bindable(defaultValue = "500") @Min(1) @Max(10_000) int maxPageSize,
        @Bindable(defaultValue = "5000") @Min(1) @Max(100_000) int maxPollRecords,
        @Bindable(defaultValue = "200ms") @NotNull Duration pollTimeout,
        @Bindable(defaultValue = "8388608") @Min(1024) int maxPartitionFetchBytes,
        @Bindable(defaultValue = "67108864") @Min(1024) int fetchMaxBytes,
        @Bindable(defaultValue = "1") @Min(1) int fetchMinBytes,
        @Bindable(defaultValue = "100ms") @NotNull Duration fetchMaxWait,
        @Bindable(defaultValue = "1048576") @Min(-1) int receiveBufferBytes,
        @Bindable(defaultValue = "100000") @Min(16) int expectedValues,
        @Bindable(defaultValue = "30s") @NotNull Duration partitionCheckInterval) {

    public ViewConfig {
        requirePositive("ready-sustain", readySustain, true);
        requirePositive("poll-timeout", pollTimeout, false);
        requirePositive("fetch-max-wait", fetchMaxWait, true);
        requirePositive("partition-check-interval", partitionCheckInterval, false);
        if (defaultPageSize > maxPageSize) {
            throw new ConfigurationException("abacus.view.default-page-size (" + defaultPageSize
                    + ") must not exceed abacus.view.max-page-size (" + maxPageSize + ")");
        }
        if (fetchMaxBytes < maxPartitionFetchBytes) {
            throw new ConfigurationException("abacus.view.fetch-max-bytes (" + fetchMaxBytes
                    + ") must be at least abacus.view.max-partition-fetch-bytes (" + maxPartitionFetchBytes + ")");
        }
    }

    private static void requirePositive(String name, Duration duration, boolean zeroAllowed) {
        if (duration != null && (duration.isNegative() || (!zeroAllowed && duration.isZero()))) {
            throw new ConfigurationException("abacus.view." + name + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + ", was " + duration);
        }
    }
}
