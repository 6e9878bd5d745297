package dev.abacus.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.ConditionReason;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicChangeTest {

    private static final DesiredTopic EVENTS = new DesiredTopic(TopicRole.EVENTS, "demo.events", 6, 3,
            Map.of("retention.ms", "-1", "cleanup.policy", "delete"));

    @Test
    void missingTopicIsCreated() {
        TopicChange change = TopicChange.plan(EVENTS, null, false);

        assertThat(change.create()).isTrue();
        assertThat(change.problems()).isEmpty();
        assertThat(change.resultingPartitions()).isEqualTo(6);
    }

    @Test
    void topicInLineNeedsNothing() {
        TopicChange change = TopicChange.plan(EVENTS, observed(6, 3, EVENTS.config()), false);

        assertThat(change.create()).isFalse();
        assertThat(change.increasePartitionsTo()).isEmpty();
        assertThat(change.changesConfig()).isFalse();
        assertThat(change.problems()).isEmpty();
    }

    @Test
    void decreaseIsNotSupportedAndLeavesPartitionsAlone() {
        TopicChange change = TopicChange.plan(EVENTS, observed(8, 3, EVENTS.config()), true);

        assertThat(change.increasePartitionsTo()).isEmpty();
        assertThat(change.resultingPartitions()).isEqualTo(8);
        assertThat(change.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(ConditionReason.NOT_SUPPORTED));
    }

    @Test
    void increaseHappensOnlyWhenDeclaredSafe() {
        TopicChange refused = TopicChange.plan(EVENTS, observed(4, 3, EVENTS.config()), false);
        TopicChange allowed = TopicChange.plan(EVENTS, observed(4, 3, EVENTS.config()), true);

        assertThat(refused.increasePartitionsTo()).isEmpty();
        assertThat(refused.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(ConditionReason.PARTITION_INCREASE_NOT_ALLOWED));
        assertThat(allowed.increasePartitionsTo()).hasValue(6);
        assertThat(allowed.problems()).isEmpty();
        assertThat(allowed.resultingPartitions()).isEqualTo(6);
    }

    @Test
    void replicationFactorChangeIsNotSupported() {
        TopicChange change = TopicChange.plan(EVENTS, observed(6, 1, EVENTS.config()), false);

        assertThat(change.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(ConditionReason.NOT_SUPPORTED);
            assertThat(p.message()).contains("replication factor 1");
        });
    }

    @Test
    void configDriftIsResetAndUndeclaredOverridesRemoved() {
        TopicChange change = TopicChange.plan(EVENTS,
                observed(6, 3, Map.of("retention.ms", "604800000", "segment.bytes", "1048576")), false);

        assertThat(change.setConfig()).isEqualTo(Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        assertThat(change.deleteConfig()).isEqualTo(Set.of("segment.bytes"));
        assertThat(change.problems()).isEmpty();
    }

    private static ObservedTopic observed(int partitions, int replicationFactor, Map<String, String> overrides) {
        return new ObservedTopic("demo.events", partitions, replicationFactor, overrides);
    }
}
