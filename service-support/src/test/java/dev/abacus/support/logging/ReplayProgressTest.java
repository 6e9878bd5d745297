package dev.abacus.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLineEveryIntervalWithRateAndTimeLeftAndNoneOnceDone() {
        List<String> lines = new ArrayList<>();
        ReplayProgress progress = new ReplayProgress("view generation 2 replaying", Duration.ofSeconds(5), lines::add, 0);

        progress.observe(1_000_000, 10_000_000, 4 * SECOND);
        assertThat(lines).as("not due before the interval").isEmpty();
        progress.observe(2_500_000, 10_000_000, 5 * SECOND);
        progress.observe(2_600_000, 10_000_000, 6 * SECOND);
        progress.observe(5_000_000, 10_000_000, 10 * SECOND);
        progress.observe(10_000_000, 10_000_000, 20 * SECOND);

        assertThat(lines).containsExactly(
                "view generation 2 replaying: 2,500,000 of 10,000,000 events (25%), 500,000 events/s, about 15 s left, 5 s in",
                "view generation 2 replaying: 5,000,000 of 10,000,000 events (50%), 500,000 events/s, about 10 s left, 10 s in");
    }

    @Test
    void aStandingReplaySaysSo() {
        List<String> lines = new ArrayList<>();
        ReplayProgress progress = new ReplayProgress("partition 3", Duration.ofSeconds(1), lines::add, 0);

        progress.observe(100, 1_000, SECOND);
        progress.observe(100, 1_000, 2 * SECOND);

        assertThat(lines).last().asString().contains("100 of 1,000 events (10%), 0 events/s, no progress since the last line");
    }
}
