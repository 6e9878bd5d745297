package dev.abacus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-22T10:05:00Z");

    @Test
    void transitionTimeMovesOnlyWhenTheStatusChanges() {
        List<Condition> first = Conditions.merge(List.of(),
                List.of(topics(ConditionStatus.TRUE, ConditionReason.TOPICS_IN_SYNC, "ok")), 1, T0);
        List<Condition> sameStatusNewMessage = Conditions.merge(first,
                List.of(topics(ConditionStatus.TRUE, ConditionReason.TOPICS_IN_SYNC, "still ok")), 2, T1);
        List<Condition> flipped = Conditions.merge(sameStatusNewMessage,
                List.of(topics(ConditionStatus.FALSE, ConditionReason.KAFKA_UNREACHABLE, "down")), 2, T1);

        assertThat(first.get(0).getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(sameStatusNewMessage.get(0).getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(sameStatusNewMessage.get(0).getObservedGeneration()).isEqualTo(2);
        assertThat(sameStatusNewMessage.get(0).getMessage()).isEqualTo("still ok");
        assertThat(flipped.get(0).getLastTransitionTime()).isEqualTo("2026-11-22T10:05:00Z");
    }

    @Test
    void aChangeOfStatusOrReasonIsNewsButAFirstTrueIsNot() {
        List<Condition> before = List.of(topics(ConditionStatus.FALSE, ConditionReason.KAFKA_UNREACHABLE, "down"));

        assertThat(Conditions.changed(before, topics(ConditionStatus.FALSE, ConditionReason.KAFKA_UNREACHABLE, "x")))
                .isFalse();
        assertThat(Conditions.changed(before, topics(ConditionStatus.FALSE, ConditionReason.NOT_SUPPORTED, "x")))
                .isTrue();
        assertThat(Conditions.changed(before, topics(ConditionStatus.TRUE, ConditionReason.TOPICS_IN_SYNC, "x")))
                .isTrue();
        assertThat(Conditions.changed(List.of(), topics(ConditionStatus.TRUE, ConditionReason.TOPICS_IN_SYNC, "x")))
                .isFalse();
        assertThat(Conditions.changed(List.of(), topics(ConditionStatus.FALSE, ConditionReason.NOT_SUPPORTED, "x")))
                .isTrue();
    }

    private static Condition topics(ConditionStatus status, ConditionReason reason, String message) {
        return new Condition(ConditionType.TOPICS_READY, status, reason, message);
    }
}
