package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The processor's one backoff schedule. */
class RetryBackoffTest {

    @Test
    void waitsDoubleFromTheFirstUpToTheMaximumAndStayThere() {
        assertThat(RetryBackoff.after(0)).isEqualTo(RetryBackoff.FIRST).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryBackoff.after(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(RetryBackoff.after(2)).isEqualTo(Duration.ofMillis(800));
        assertThat(RetryBackoff.after(5)).isEqualTo(Duration.ofMillis(6400));
        // Kafka's ExponentialBackoff reaches the cap through a logarithm, a millisecond short of it
        assertThat(RetryBackoff.after(6)).isBetween(RetryBackoff.MAX.minusMillis(1), RetryBackoff.MAX);
        assertThat(RetryBackoff.after(1000)).isBetween(RetryBackoff.MAX.minusMillis(1), RetryBackoff.MAX);
        assertThat(RetryBackoff.after(Integer.MAX_VALUE)).isBetween(RetryBackoff.MAX.minusMillis(1), RetryBackoff.MAX);
    }

    @Test
    void neverShrinksAsFailuresAddUp() {
        for (int failures = 1; failures < 64; failures++) {
            assertThat(RetryBackoff.after(failures)).isGreaterThanOrEqualTo(RetryBackoff.after(failures - 1));
        }
    }

    @Test
    void hasNoJitter() {
        for (int failures = 0; failures < 8; failures++) {
            for (int i = 0; i < 100; i++) {
                assertThat(RetryBackoff.after(failures)).isEqualTo(RetryBackoff.after(failures));
            }
        }
    }
}
