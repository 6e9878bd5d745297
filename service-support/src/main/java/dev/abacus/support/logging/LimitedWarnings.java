package dev.abacus.support.logging;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * At most {@code perWindow} warnings per window, then one line saying how many were left out: a flood
 * of bad records must not become a flood of log lines. The count of every bad record belongs in a
 * metric, not here. Safe from any thread.
 */
public final class LimitedWarnings {

    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    public LimitedWarnings(int perWindow, long window, TimeUnit unit) {
        this(perWindow, unit.toNanos(window), System::nanoTime);
    }

    LimitedWarnings(int perWindow, long windowNanos, LongSupplier nanoTime) {
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /**
     * Runs {@code warning} unless this window's share is used up. When a new window starts,
     * {@code summary} first gets the number left out of the last one.
     */
    public synchronized void warn(Runnable warning, Consumer<Long> summary) {
        long now = nanoTime.getAsLong();
        if (now - windowStart > windowNanos) {
            if (suppressed > 0) {
                summary.accept(suppressed);
            }
            windowStart = now;
            inWindow = 0;
            suppressed = 0;
        }
        if (inWindow++ < perWindow) {
            warning.run();
        } else {
            suppressed++;
        }
    }
}
