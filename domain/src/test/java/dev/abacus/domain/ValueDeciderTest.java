package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueDeciderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final UUID valueId = UUID.randomUUID();

    @Test
    void createsAValueAtVersionOneWithTheCommandAsParent() {
        CreateValue create = new CreateValue(UUID.randomUUID(), valueId, 3, NOW);

        Decision decision = ValueDecider.decide(create, null, NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Accept.class, accept -> {
            assertThat(accept.event()).isInstanceOf(ValueCreated.class);
            assertThat(accept.event().parentId()).isEqualTo(create.id());
            assertThat(accept.event().valueId()).isEqualTo(valueId);
            assertThat(accept.event().value()).isEqualTo(3.0);
            assertThat(accept.event().version()).isEqualTo(1);
            assertThat(accept.event().id()).isEqualTo(ValueDecider.eventIdFor(create.id()));
        });
    }

    @Test
    void rejectsCreatingAValueThatExists() {
        Decision decision = ValueDecider.decide(
                new CreateValue(UUID.randomUUID(), valueId, 1, NOW), new ValueState(valueId, 3, 1), NOW);

        assertThat(decision).isEqualTo(new Decision.Reject(
                RejectionReason.VALUE_ALREADY_EXISTS, "value " + valueId + " already exists"));
    }

    @Test
    void rejectsUpdatingAValueThatDoesNotExist() {
        Decision decision = ValueDecider.decide(
                new UpdateValue(UUID.randomUUID(), valueId, Operation.MULTIPLY, 3, NOW), null, NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.VALUE_NOT_FOUND));
    }

    @Test
    void multipliesAndAddsFromTheCurrentState() {
        ValueState three = new ValueState(valueId, 3, 1);

        Decision multiplied = ValueDecider.decide(
                new UpdateValue(UUID.randomUUID(), valueId, Operation.MULTIPLY, 3, NOW), three, NOW);
        Decision added = ValueDecider.decide(
                new UpdateValue(UUID.randomUUID(), valueId, Operation.ADD, -5, NOW), three, NOW);

        assertThat(((Decision.Accept) multiplied).event()).isInstanceOfSatisfying(ValueUpdated.class, event -> {
            assertThat(event.value()).isEqualTo(9.0);
            assertThat(event.operand()).isEqualTo(3.0);
            assertThat(event.version()).isEqualTo(2);
        });
        assertThat(((Decision.Accept) added).event().value()).isEqualTo(-2.0);
    }

    @Test
    void rejectsResultsThatAreNotFinite() {
        ValueState huge = new ValueState(valueId, Double.MAX_VALUE, 4);

        Decision overflow = ValueDecider.decide(
                new UpdateValue(UUID.randomUUID(), valueId, Operation.MULTIPLY, 10, NOW), huge, NOW);
        Decision nanCreate = ValueDecider.decide(new CreateValue(UUID.randomUUID(), valueId, Double.NaN, NOW), null, NOW);

        assertThat(overflow).isInstanceOfSatisfying(Decision.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.NON_FINITE_RESULT));
        assertThat(nanCreate).isInstanceOfSatisfying(Decision.Reject.class,
                reject -> assertThat(reject.reason()).isEqualTo(RejectionReason.NON_FINITE_RESULT));
    }

    @Test
    void evolveTakesValueAndVersionFromTheEvent() {
        ValueState state = ValueDecider.evolve(null, new ValueCreated(UUID.randomUUID(), UUID.randomUUID(), valueId, 3, 1, NOW));
        state = ValueDecider.evolve(state, new ValueUpdated(
                UUID.randomUUID(), UUID.randomUUID(), valueId, Operation.MULTIPLY, 3, 9, 2, NOW));

        assertThat(state).isEqualTo(new ValueState(valueId, 9, 2));
    }

    @Test
    void anEventIdIsTheSameInEveryRelease() { // a retry decided by a newer processor must find its event
        assertThat(ValueDecider.eventIdFor(UUID.fromString("00000000-0000-0001-ffff-0000000000ab")))
                .isEqualTo(UUID.fromString("16e2f0f3-8ac2-3b49-81f0-bdaaf1de6b7c"));
    }
}
