package dev.abacus.processor;

import java.time.Duration;

/**
 * When the loop commits its open transactions. Behind (a poll came back full), they span polls until the oldest is
 * {@link ProcessorConfig#commitInterval()} old. Caught up, they commit at once, unless the last commit ended less than
 * {@link ProcessorConfig#commitLinger()} before they opened: then the load is steady and they stay open until they are
 * that old, so a commit carries that long's commands instead of one fetch's. An isolated write never waits.
 * Times are {@link System#nanoTime()} values.
 */
final class CommitPacing {

    private final long intervalNanos;
    private final long lingerNanos;
    private final int maxPollRecords;
    private long openedAt;
    private boolean lingering;
    private long lastCommitEnded;

    CommitPacing(ProcessorConfig config, long now) {
        this.intervalNanos = config.commitInterval().toNanos();
        this.lingerNanos = config.commitLinger().toNanos();
        this.maxPollRecords = config.maxPollRecords();
        this.lastCommitEnded = now - lingerNanos;
    }

    /** The first transaction since the last commit round opened. */
    void opened(long now) {
        openedAt = now;
        lingering = now - lastCommitEnded < lingerNanos;
    }

    /** A commit round ended. */
    void committed(long now) {
        lastCommitEnded = now;
    }

    /** Whether what is open commits now, after a poll that returned {@code polled} records. */
    boolean due(long now, int polled) {
        long age = now - openedAt;
        return age >= intervalNanos || polled < maxPollRecords && (!lingering || age >= lingerNanos);
    }

    /** How long the next poll may wait: no longer than a lingering transaction has left. */
    Duration pollTimeout(long now, boolean anyOpen, Duration pollTimeout) {
        if (!anyOpen || !lingering) {
            return pollTimeout;
        }
        long left = Math.min(lingerNanos, intervalNanos) - (now - openedAt);
        return left <= 0 ? Duration.ZERO : left < pollTimeout.toNanos() ? Duration.ofNanos(left) : pollTimeout;
    }
}
