package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    private final ProcessorConfig defaults = ProcessorConfig.defaults("commands", "events", "outcomes");

    @Test
    void eachCommandsPartitionHasItsOwnStableTransactionalId() {
        assertThat(defaults.withTransactionalIdPrefix("demo").transactionalId(3)).isEqualTo("demo-commands-3");
        assertThat(defaults.groupId()).isEqualTo("abacus-processor");
        assertThat(defaults.instanceId()).isNotBlank();
    }

    @Test
    void refusesConfigurationsThatCannotWork() {
        assertThatThrownBy(() -> ProcessorConfig.defaults("commands", "commands", "outcomes"))
                .hasMessageContaining("three different topics");
        assertThatThrownBy(() -> defaults.withGroupId(" ")).hasMessageContaining("group id");
        assertThatThrownBy(() -> defaults.withInstanceId("a b")).hasMessageContaining("instance id");
        assertThatThrownBy(() -> new ProcessorConfig("c", "e", "o", "g", "i", "p",
                Duration.ofMillis(200), 500, Duration.ofMinutes(16), Duration.ofSeconds(10), Duration.ofSeconds(30), IdempotencyBound.DEFAULT)).hasMessageContaining("transaction timeout");
        assertThatThrownBy(() -> new ProcessorConfig("c", "e", "o", "g", "i", "p",
                Duration.ofMillis(200), 0, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), IdempotencyBound.DEFAULT)).hasMessageContaining("max poll records");
        assertThatThrownBy(() -> new ProcessorConfig("c", "e", "o", "g", "i", "p", Duration.ofMillis(200), 500,
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(30), IdempotencyBound.DEFAULT)).hasMessageContaining("session timeout");
        assertThatThrownBy(() -> defaults.withStallTimeout(Duration.ZERO)).hasMessageContaining("stall timeout");
        assertThatThrownBy(() -> new IdempotencyBound(Duration.ofSeconds(59), 10))
                .hasMessageContaining("idempotency retention");
        assertThatThrownBy(() -> new IdempotencyBound(Duration.ofHours(1), 0))
                .hasMessageContaining("commands per value");
        assertThatThrownBy(() -> defaults.withSnapshots("events")).hasMessageContaining("snapshots topic must differ");
        assertThatThrownBy(() -> defaults.withSnapshots("snap shots")).hasMessageContaining("snapshots topic");
        assertThatThrownBy(() -> defaults.withSnapshotMinEvents(0)).hasMessageContaining("snapshot min events");
        assertThatThrownBy(() -> defaults.withCommitInterval(Duration.ofMillis(-1))).hasMessageContaining("commit interval");
        assertThatThrownBy(() -> defaults.withCommitInterval(defaults.transactionTimeout()))
                .hasMessageContaining("commit interval");
        assertThat(defaults.withCommitInterval(Duration.ZERO).commitInterval()).isZero();
        assertThat(defaults.commitInterval()).isEqualTo(ProcessorConfig.DEFAULT_COMMIT_INTERVAL);
        assertThatThrownBy(() -> defaults.withCommitLinger(Duration.ofMillis(-1))).hasMessageContaining("commit linger");
        assertThatThrownBy(() -> defaults.withCommitLinger(defaults.transactionTimeout()))
                .hasMessageContaining("commit linger");
        assertThat(defaults.withCommitLinger(Duration.ZERO).commitLinger()).isZero();
        assertThat(defaults.commitLinger()).isEqualTo(ProcessorConfig.DEFAULT_COMMIT_LINGER);
    }

    @Test
    void snapshotsAreOffUntilATopicIsGiven() {
        assertThat(defaults.snapshots()).isFalse();
        assertThat(defaults.withSnapshots("snapshots").snapshots()).isTrue();
        assertThat(defaults.withSnapshots("snapshots").withSnapshots(null).snapshots()).isFalse();
        assertThat(defaults.snapshotMinEvents()).isEqualTo(ProcessorConfig.DEFAULT_SNAPSHOT_MIN_EVENTS);
    }
}
