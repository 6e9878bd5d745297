package dev.abacus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyTargetTest {

    @Test
    void eachRateHasTheIssuesTarget() {
        assertThat(LatencyTarget.forRate(1).text()).isEqualTo("idle write: p50 <= 30 ms");
        assertThat(LatencyTarget.forRate(5).text()).isEqualTo("idle write: p50 <= 30 ms");
        assertThat(LatencyTarget.forRate(6).text()).isEqualTo("p99 <= 25 ms");
        assertThat(LatencyTarget.forRate(50).text()).isEqualTo("p99 <= 25 ms");
        assertThat(LatencyTarget.forRate(51).text()).isEqualTo("p99 <= 50 ms");
        assertThat(LatencyTarget.forRate(1_000).text()).isEqualTo("p99 <= 50 ms");
        assertThat(LatencyTarget.forRate(1_001).text()).isEqualTo("p99 <= 100 ms");
        assertThat(LatencyTarget.forRate(5_000).text()).isEqualTo("p99 <= 100 ms");
        assertThat(LatencyTarget.forRate(5_001)).isEqualTo(LatencyTarget.NONE);
        assertThat(LatencyTarget.NONE.text()).isEqualTo("-");
    }

    @Test
    void judgesTheIdleWriteOnItsMedianAndTheRestOnTheirTail() {
        assertThat(LatencyTarget.forRate(1).met(29.9, 80, 0, 0)).isTrue();
        assertThat(LatencyTarget.forRate(1).met(30.1, 10, 0, 0)).isFalse();
        assertThat(LatencyTarget.forRate(50).met(5, 25, 0, 0)).isTrue();
        assertThat(LatencyTarget.forRate(50).met(5, 25.1, 0, 0)).isFalse();
        assertThat(LatencyTarget.forRate(1_000).met(20, 49, 0, 0)).isTrue();
        assertThat(LatencyTarget.forRate(5_000).met(20, 101, 0, 0)).isFalse();
        assertThat(LatencyTarget.forRate(1_000).met(Double.NaN, Double.NaN, 0, 0)).isFalse();
    }

    @Test
    void failedOrNeverVisibleCommandsAreNeverMet() {
        assertThat(LatencyTarget.forRate(1_000).met(1, 2, 1, 0)).isFalse();
        assertThat(LatencyTarget.forRate(1_000).met(1, 2, 0, 1)).isFalse();
        assertThat(LatencyTarget.forRate(1).met(1, 2, 266, 3)).isFalse();
    }

    @Test
    void withoutATargetThereIsNoJudgement() {
        assertThat(LatencyTarget.forRate(10_000).met(1, 2, 0, 0)).isNull();
        assertThat(LatencyTarget.forRate(10_000).met(1, 2, 5, 5)).isNull();
    }
}
