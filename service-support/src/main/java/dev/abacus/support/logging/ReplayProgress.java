package dev.abacus.support.logging;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One log line every {@code interval} while a replay runs ("12,000,000 of 40,000,000 events (30%), 510,000 events/s,
 * about 55 s left"), so a start on a large log shows it is moving. Not thread-safe: one replay, one caller.
 */
public final class ReplayProgress {

    private final String what;
    private final long intervalNanos;
    private final Consumer<String> sink;
    private final long startedNanos;
    private long nextLineNanos;
    private long lastDone;
    private long lastNanos;

    public ReplayProgress(String what, Duration interval, Consumer<String> sink, long nowNanos) {
        this.what = what;
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
        this.startedNanos = nowNanos;
        this.nextLineNanos = nowNanos + intervalNanos;
        this.lastNanos = nowNanos;
    }

    /** {@code done} of {@code total} events so far; logs when a line is due and the replay is not finished. */
    public void observe(long done, long total, long nowNanos) {
        if (nowNanos - nextLineNanos < 0 || done >= total) {
            return;
        }
        double seconds = Math.max(1e-9, (nowNanos - lastNanos) / 1e9);
        double rate = (done - lastDone) / seconds;
        String left = rate <= 0 ? "no progress since the last line"
                : String.format(Locale.ROOT, "about %d s left", (long) Math.ceil((total - done) / rate));
        sink.accept(String.format(Locale.ROOT, "%s: %,d of %,d events (%d%%), %,d events/s, %s, %d s in",
                what, done, total, total == 0 ? 100 : done * 100 / total, (long) rate, left,
                (nowNanos - startedNanos) / 1_000_000_000L));
        lastDone = done;
        lastNanos = nowNanos;
        nextLineNanos = nowNanos + intervalNanos;
    }
}
