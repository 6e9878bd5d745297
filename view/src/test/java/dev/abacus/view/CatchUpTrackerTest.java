package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatchUpTrackerTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final CatchUpTracker tracker = new CatchUpTracker(10, SECOND);

    @Test
    void staysDownUntilEveryPartitionReachedItsStartupEnd() {
        tracker.observe(progress(at(0, 100, 100, 100), at(1, 40, 100, 100)), 0);
        assertThat(tracker.caughtUp()).isFalse();
        assertThat(tracker.ready(10 * SECOND)).isFalse();

        tracker.observe(progress(at(0, 100, 100, 100), at(1, 99, 100, 100)), 11 * SECOND);
        assertThat(tracker.ready(20 * SECOND)).as("lag 1 is within the threshold but the startup end is not reached")
                .isFalse();
    }

    @Test
    void turnsReadyOnlyAfterLagStayedWithinThresholdForTheSustainWindow() {
        tracker.observe(progress(at(0, 100, 100, 100)), 0);
        assertThat(tracker.caughtUp()).isTrue();
        assertThat(tracker.ready(SECOND - 1)).isFalse();

        tracker.observe(progress(at(0, 100, 200, 100)), SECOND / 2);
        tracker.observe(progress(at(0, 195, 200, 100)), SECOND);
        assertThat(tracker.ready(SECOND + SECOND / 2)).as("the burst restarted the window").isFalse();
        assertThat(tracker.ready(2 * SECOND)).isTrue();
    }

    @Test
    void staysReadyThroughLaterBursts() {
        tracker.observe(progress(at(0, 0, 0, 0)), 0);
        assertThat(tracker.ready(SECOND)).isTrue();

        tracker.observe(progress(at(0, 0, 1_000_000, 0)), 2 * SECOND);
        assertThat(tracker.ready(3 * SECOND)).isTrue();
    }

    @Test
    void anUnknownTopicIsNeverCaughtUp() {
        tracker.observe(Progress.NONE, 0);
        assertThat(tracker.ready(100 * SECOND)).isFalse();
    }

    private static Progress progress(PartitionProgress... partitions) {
        return new Progress(List.of(partitions));
    }

    private static PartitionProgress at(int partition, long position, long end, long startupEnd) {
        return new PartitionProgress(partition, position, end, startupEnd);
    }
}
