package dev.abacus.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesPerPipelineUpToTheMaximumAndStartsOverAfterReset() {
        RetryBackoff backoff = new RetryBackoff(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        ResourceID a = new ResourceID("a", "ns");
        ResourceID b = new ResourceID("b", "ns");

        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(a)).as("JOSDK's schedule repeats the initial wait once").isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.next(b)).isEqualTo(Duration.ofSeconds(1));
        backoff.reset(a);
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void josdkRetriesOnTheSameSchedule() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5));
        RetryBackoff backoff = new RetryBackoff(policy);
        var execution = policy.josdkRetry().initExecution();

        for (int attempt = 0; attempt < 6; attempt++) {
            assertThat(execution.nextDelay()).as("attempt %d", attempt)
                    .contains(backoff.next(new ResourceID("a", "ns")).toMillis());
        }
    }
}
