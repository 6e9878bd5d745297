package dev.abacus.processor;

import java.time.Duration;
import java.time.Instant;

/**
 * When an assigned but unopened partition may be tried (again): after {@code notBefore}, or, once fenced, after the
 * next rebalance ({@code notBefore} is then only the fallback if none comes). Waits double from {@link #FIRST} to
 * {@link #MAX}, the same schedule as the loop's own retry after an error.
 */
record OpenRetry(Instant notBefore, Duration backoff, long fencedAtRebalance) {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(10);

    static OpenRetry first() {
        return new OpenRetry(Instant.MIN, Duration.ZERO, -1);
    }

    static OpenRetry fencedAt(long rebalance, Instant fallback) {
        return new OpenRetry(fallback, Duration.ZERO, rebalance);
    }

    boolean due(Instant now, long rebalances) {
        if (fencedAtRebalance >= 0 && rebalances > fencedAtRebalance) {
            return true;
        }
        return !now.isBefore(notBefore);
    }

    OpenRetry next(Instant now) {
        Duration wait = backoff.isZero() ? FIRST : after(backoff);
        return new OpenRetry(now.plus(wait), wait, -1);
    }

    /** The wait after {@code backoff}: doubled, at most {@link #MAX}. */
    static Duration after(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
