package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The processor's one backoff schedule, and when an unopened partition is due again. */
class OpenRetryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void waitsDoubleFromTheFirstUpToTheMaximumAndStayThere() {
        assertThat(OpenRetry.wait(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(OpenRetry.wait(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(OpenRetry.wait(5)).isEqualTo(Duration.ofMillis(6400));
        // Kafka's ExponentialBackoff reaches the cap through a logarithm, a millisecond short of it
        assertThat(OpenRetry.wait(6)).isBetween(OpenRetry.MAX.minusMillis(1), OpenRetry.MAX);
        assertThat(OpenRetry.wait(1000)).isBetween(OpenRetry.MAX.minusMillis(1), OpenRetry.MAX);
    }

    @Test
    void aFailedOpenIsDueAfterItsWaitAndTheNextWaitIsLonger() {
        OpenRetry first = OpenRetry.first();
        assertThat(first.due(NOW, 0)).isTrue();

        OpenRetry second = first.next(NOW);
        assertThat(second.due(NOW.plusMillis(199), 0)).isFalse();
        assertThat(second.due(NOW.plusMillis(200), 0)).isTrue();
        assertThat(second.next(NOW).notBefore()).isEqualTo(NOW.plusMillis(400));
    }

    @Test
    void aFencedPartitionIsDueAtTheNextRebalanceOrAtTheFallback() {
        OpenRetry fenced = OpenRetry.fencedAt(3, NOW.plusSeconds(30));

        assertThat(fenced.due(NOW, 3)).isFalse();
        assertThat(fenced.due(NOW, 4)).isTrue();
        assertThat(fenced.due(NOW.plusSeconds(30), 3)).isTrue();
    }
}
