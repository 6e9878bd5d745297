package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an unopened partition is due again. */
class OpenRetryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

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
    void successiveFailedOpensWaitOnTheSameScheduleAsTheLoop() {
        OpenRetry retry = OpenRetry.first();
        for (int failures = 0; failures < 10; failures++) {
            retry = retry.next(NOW);
            assertThat(retry.failures()).isEqualTo(failures + 1);
            assertThat(retry.notBefore()).isEqualTo(NOW.plus(RetryBackoff.after(failures)));
        }
    }

    @Test
    void aFencedPartitionIsDueAtTheNextRebalanceOrAtTheFallback() {
        OpenRetry fenced = OpenRetry.fencedAt(3, NOW.plusSeconds(30));

        assertThat(fenced.due(NOW, 3)).isFalse();
        assertThat(fenced.due(NOW, 4)).isTrue();
        assertThat(fenced.due(NOW.plusSeconds(30), 3)).isTrue();
    }

    @Test
    void aRetryAfterAFenceStartsTheScheduleAfresh() {
        OpenRetry afterFence = OpenRetry.fencedAt(3, NOW.plusSeconds(30)).next(NOW);

        assertThat(afterFence.fencedAtRebalance()).isEqualTo(-1);
        assertThat(afterFence.due(NOW, 4)).isFalse();
        assertThat(afterFence.notBefore()).isEqualTo(NOW.plus(RetryBackoff.FIRST));
    }
}
