package dev.abacus.view;

/**
 * Decides when a view copy is ready: it must first reach the log end it saw at start-up, then keep
 * its lag within the threshold for the sustain window. Once ready it stays ready, so a burst of
 * writes never flaps the copy out of the Service the operator switched traffic to.
 */
final class CatchUpTracker {

    private final long lagThreshold;
    private final long sustainNanos;
    private boolean caughtUp;
    private boolean withinThreshold;
    private long withinThresholdSinceNanos;
    private boolean ready;

    CatchUpTracker(long lagThreshold, long sustainNanos) {
        this.lagThreshold = lagThreshold;
        this.sustainNanos = sustainNanos;
    }

    /** Records the progress observed at {@code nowNanos} (a monotonic clock). */
    synchronized void observe(Progress progress, long nowNanos) {
        if (ready) {
            return;
        }
        if (!caughtUp) {
            caughtUp = progress.reachedStartupEnd();
        }
        if (!caughtUp) {
            return;
        }
        if (progress.lag() > lagThreshold) {
            withinThreshold = false;
        } else if (!withinThreshold) {
            withinThreshold = true;
            withinThresholdSinceNanos = nowNanos;
        }
        settle(nowNanos);
    }

    /** Whether the copy is ready at {@code nowNanos}, given what was last observed. */
    synchronized boolean ready(long nowNanos) {
        settle(nowNanos);
        return ready;
    }

    synchronized boolean caughtUp() {
        return caughtUp;
    }

    private void settle(long nowNanos) {
        if (!ready && caughtUp && withinThreshold && nowNanos - withinThresholdSinceNanos >= sustainNanos) {
            ready = true;
        }
    }
}
