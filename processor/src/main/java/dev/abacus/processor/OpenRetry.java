package dev.abacus.processor;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * When an assigned but unopened partition may be tried (again): after {@code notBefore}, or, once fenced, after the
 * next rebalance ({@code notBefore} is then only the fallback if none comes). The waits are {@link #wait(int)}'s,
 * the processor's one backoff schedule, which the loop's own retry after an error follows too.
 */
record OpenRetry(Instant notBefore, int failures, long fencedAtRebalance) {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(10);
    // no jitter: one processor per pod retries its own partitions, there is no herd to spread
    private static final ExponentialBackoff SCHEDULE = new ExponentialBackoff(FIRST.toMillis(), 2, MAX.toMillis(), 0);

    static OpenRetry first() {
        return new OpenRetry(Instant.MIN, 0, -1);
    }

    static OpenRetry fencedAt(long rebalance, Instant fallback) {
        return new OpenRetry(fallback, 0, rebalance);
    }

    boolean due(Instant now, long rebalances) {
        if (fencedAtRebalance >= 0 && rebalances > fencedAtRebalance) {
            return true;
        }
        return !now.isBefore(notBefore);
    }

    OpenRetry next(Instant now) {
        return new OpenRetry(now.plus(wait(failures)), failures + 1, -1);
    }

    /** The wait after {@code failures} failures in a row: {@link #FIRST}, doubled each time, at most {@link #MAX}. */
    static Duration wait(int failures) {
        return Duration.ofMillis(SCHEDULE.backoff(failures));
    }
}
