package dev.abacus.bench;

/** Issue #13's write→read target at an offered rate: the percentile judged and its bound. */
record LatencyTarget(String text, int percentile, double boundMillis) {

    /** No target: above the highest rate the issue names. */
    static final LatencyTarget NONE = new LatencyTarget("-", 0, Double.NaN);

    static LatencyTarget forRate(int perSecond) {
        if (perSecond <= 5) { // an idle write: one at a time, nothing to batch with
            return new LatencyTarget("idle write: p50 <= 30 ms", 50, 30);
        }
        if (perSecond <= 50) {
            return new LatencyTarget("p99 <= 25 ms", 99, 25);
        }
        if (perSecond <= 1_000) {
            return new LatencyTarget("p99 <= 50 ms", 99, 50);
        }
        if (perSecond <= 5_000) {
            return new LatencyTarget("p99 <= 100 ms", 99, 100);
        }
        return NONE;
    }

    /**
     * Null without a target; else whether the run met it: its percentile within the bound and no command failed,
     * went unanswered or never became visible (those have no latency, so the percentiles alone would flatter it).
     */
    Boolean met(double p50Millis, double p99Millis, long failed, long neverVisible) {
        if (Double.isNaN(boundMillis)) {
            return null;
        }
        double judged = percentile == 50 ? p50Millis : p99Millis;
        return failed == 0 && neverVisible == 0 && judged <= boundMillis;
    }
}
