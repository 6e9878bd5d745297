package dev.abacus.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a partition remembers of the command ids that produced its events, so a retry is answered rather than
 * decided twice without the memory growing with every command ever sent: ids whose event is older than
 * {@code retention} (measured against the partition's newest event, not the wall clock) and all but the newest
 * {@code commandsPerValue} ids of each value are forgotten. A retry of a forgotten id is decided as a new command.
 */
public record IdempotencyBound(Duration retention, int commandsPerValue) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final int DEFAULT_COMMANDS_PER_VALUE = 100;

    private static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    private static final Duration MAX_RETENTION = Duration.ofDays(30);
    private static final int MAX_COMMANDS_PER_VALUE = 1_000_000;

    public static final IdempotencyBound DEFAULT = new IdempotencyBound(DEFAULT_RETENTION, DEFAULT_COMMANDS_PER_VALUE);

    public IdempotencyBound {
        Objects.requireNonNull(retention, "idempotency retention");
        if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("idempotency retention must be between " + MIN_RETENTION + " and "
                    + MAX_RETENTION + ", was " + retention);
        }
        if (commandsPerValue < 1 || commandsPerValue > MAX_COMMANDS_PER_VALUE) {
            throw new IllegalArgumentException("idempotency commands per value must be in 1.." + MAX_COMMANDS_PER_VALUE
                    + ", was " + commandsPerValue);
        }
    }
}
