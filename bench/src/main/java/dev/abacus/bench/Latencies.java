package dev.abacus.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, bounded in count; percentiles by sorting, as Kafka's perf tools do. */
final class Latencies {

    private final long[] samples;
    private int count;
    private long dropped;

    Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    synchronized void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        } else {
            dropped++;
        }
    }

    synchronized int count() {
        return count;
    }

    /** Milliseconds at each percentile (0..100). */
    synchronized double[] percentilesMillis(double... percentiles) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        double[] result = new double[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            if (sorted.length == 0) {
                result[i] = Double.NaN;
                continue;
            }
            int index = (int) Math.ceil(percentiles[i] / 100.0 * sorted.length) - 1;
            result[i] = sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
        return result;
    }

    synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, samples[i]);
        }
        return max / 1e6;
    }
}
