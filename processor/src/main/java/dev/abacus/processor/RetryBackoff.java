package dev.abacus.processor;

import java.time.Duration;
import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * The processor's one backoff schedule: how long to wait after {@code failures} failures in a row, for a partition
 * that cannot open and for the loop after an error. {@link #FIRST}, doubled each time, at most {@link #MAX}.
 */
final class RetryBackoff {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(10);
    // no jitter: one processor per pod retries its own partitions, there is no herd to spread
    private static final ExponentialBackoff SCHEDULE = new ExponentialBackoff(FIRST.toMillis(), 2, MAX.toMillis(), 0);

    private RetryBackoff() {}

    static Duration after(int failures) {
        return Duration.ofMillis(SCHEDULE.backoff(failures));
    }
}
