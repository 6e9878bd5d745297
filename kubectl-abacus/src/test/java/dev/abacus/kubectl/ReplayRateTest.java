package dev.abacus.kubectl;

import static dev.abacus.kubectl.Fixtures.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.ViewCopyProgress;
import org.junit.jupiter.api.Test;

class ReplayRateTest {

    private final ReplayRate rate = new ReplayRate();

    @Test
    void fromSuccessiveObservationsOfOneGeneration() {
        rate.observe(progress(4, 1_000, 9_000, "2026-11-22T10:00:00Z"));
        assertThat(rate.perSecond(4)).as("one observation is no rate").isEmpty();

        rate.observe(progress(4, 1_000, 9_000, "2026-11-22T10:00:00Z"));
        assertThat(rate.perSecond(4)).as("the same observation again").isEmpty();

        rate.observe(progress(4, 3_000, 7_000, "2026-11-22T10:00:04Z"));
        assertThat(rate.perSecond(4)).hasValue(500);
        assertThat(rate.perSecond(5)).as("another generation's").isEmpty();
    }

    @Test
    void overTheLastThirtySeconds() {
        rate.observe(progress(4, 0, 100_000, "2026-11-22T10:00:00Z"));
        rate.observe(progress(4, 50_000, 50_000, "2026-11-22T10:00:10Z"));
        rate.observe(progress(4, 60_000, 40_000, "2026-11-22T10:00:40Z"));
        assertThat(rate.perSecond(4)).as("10,000 events in the last 30 s").hasValue(10_000 / 30.0);
    }

    @Test
    void aNewGenerationStartsOverAndUnknownProgressIsIgnored() {
        rate.observe(progress(4, 0, 100, "2026-11-22T10:00:00Z"));
        rate.observe(progress(4, 50, 50, "2026-11-22T10:00:01Z"));
        rate.observe(progress(5, 10, 90, "2026-11-22T10:00:02Z"));
        assertThat(rate.perSecond(5)).isEmpty();

        ViewCopyProgress unknown = new ViewCopyProgress();
        unknown.setGeneration(5);
        unknown.setState(ProgressState.UNKNOWN);
        rate.observe(unknown);
        rate.observe(null);
        rate.observe(progress(5, 30, 70, "2026-11-22T10:00:04Z"));
        assertThat(rate.perSecond(5)).hasValue(10);
    }
}
