package dev.abacus.processor;

import java.time.Instant;

/**
 * When an assigned but unopened partition may be tried (again): after {@code notBefore}, or, once fenced, after the
 * next rebalance ({@code notBefore} is then only the fallback if none comes). The waits are {@link RetryBackoff}'s.
 */
record OpenRetry(Instant notBefore, int failures, long fencedAtRebalance) {

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
        return new OpenRetry(now.plus(RetryBackoff.after(failures)), failures + 1, -1);
    }
}
