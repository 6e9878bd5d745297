package dev.abacus.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesPerPipelineUpToTheMaximumAndStartsOverAfterReset() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        ResourceID a = new ResourceID("a", "ns");
        ResourceID b = new ResourceID("b", "ns");

        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.next(b)).isEqualTo(Duration.ofSeconds(1));
        backoff.reset(a);
        assertThat(backoff.next(a)).isEqualTo(Duration.ofSeconds(1));
    }
}
