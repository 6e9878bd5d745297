package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Event;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.UpdateValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PartitionStateTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<UUID> VALUES = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void eachDecisionIsAppliedAtOnce() {
        PartitionState state = new PartitionState(IdempotencyBound.DEFAULT);
        UUID value = UUID.randomUUID();
        state.decide(new CreateValue(UUID.randomUUID(), value, 3, NOW), NOW);
        assertThat(state.value(value).value()).isEqualTo(3);

        PartitionState.Verdict update = state.decide(new UpdateValue(UUID.randomUUID(), value, Operation.MULTIPLY, 3, NOW), NOW);

        assertThat(update.event().value()).isEqualTo(9);
        assertThat(update.event().version()).isEqualTo(2);
        assertThat(state.value(value).value()).isEqualTo(9);
        assertThat(state.value(value).version()).isEqualTo(2);
    }

    @Test
    void aRetryInsideTheRetentionIsAnsweredAndOneOutsideItIsDecidedAsNew() {
        PartitionState state = new PartitionState(new IdempotencyBound(Duration.ofHours(1), 1000));
        UUID value = UUID.randomUUID();
        decide(state, new CreateValue(UUID.randomUUID(), value, 1, NOW), NOW);
        UpdateValue add = new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 10, NOW);
        decide(state, add, NOW.plus(Duration.ofMinutes(30)));

        PartitionState.Verdict inside = decide(state, add, NOW.plus(Duration.ofMinutes(89)));
        assertThat(inside.duplicate()).as("30 min after its event, 59 min after the newest event's horizon").isTrue();

        decide(state, new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 100, NOW), NOW.plus(Duration.ofHours(2)));
        assertThat(state.decidedCommandCount()).as("only the 2h event is within an hour of the newest").isEqualTo(1);
        PartitionState.Verdict outside = decide(state, add, NOW.plus(Duration.ofHours(2)));

        assertThat(outside.duplicate()).isFalse();
        assertThat(outside.event().version()).isEqualTo(4);
        assertThat(state.value(value).value()).isEqualTo(121);
    }

    @Test
    void eachValueRemembersItsNewestCommandsOnly() {
        PartitionState state = new PartitionState(new IdempotencyBound(Duration.ofHours(24), 3));
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        CreateValue createQuiet = new CreateValue(UUID.randomUUID(), quiet, 5, NOW);
        decide(state, createQuiet, NOW);
        List<Command> updates = new ArrayList<>();
        updates.add(new CreateValue(UUID.randomUUID(), busy, 0, NOW));
        for (int i = 0; i < 5; i++) {
            updates.add(new UpdateValue(UUID.randomUUID(), busy, Operation.ADD, 1, NOW));
        }
        updates.forEach(command -> decide(state, command, NOW.plusSeconds(1)));

        assertThat(state.decidedCommandCount()).isEqualTo(1 + 3);
        assertThat(decide(state, updates.get(updates.size() - 1), NOW.plusSeconds(2)).duplicate()).isTrue();
        assertThat(decide(state, updates.get(updates.size() - 3), NOW.plusSeconds(2)).duplicate()).isTrue();
        assertThat(decide(state, createQuiet, NOW.plusSeconds(2)).duplicate())
                .as("a busy value does not push out another value's commands").isTrue();
        PartitionState.Verdict forgotten = decide(state, updates.get(1), NOW.plusSeconds(2));
        assertThat(forgotten.duplicate()).isFalse();
        assertThat(forgotten.event().version()).isEqualTo(7);
    }

    @Test
    void rememberedCommandsStayWithinTheBoundHoweverManyAreDecided() {
        PartitionState state = new PartitionState(new IdempotencyBound(Duration.ofHours(24), 50));
        List<UUID> values = new ArrayList<>();
        for (int v = 0; v < 10; v++) {
            values.add(UUID.randomUUID());
            decide(state, new CreateValue(UUID.randomUUID(), values.get(v), 0, NOW), NOW);
        }
        for (int i = 0; i < 20_000; i++) {
            decide(state, new UpdateValue(UUID.randomUUID(), values.get(i % 10), Operation.ADD, 1, NOW),
                    NOW.plusMillis(i));
        }

        assertThat(state.decidedCommandCount()).isEqualTo(10 * 50);
        assertThat(values).allSatisfy(v -> assertThat(state.value(v).version()).isEqualTo(2001));
    }

    private static PartitionState.Verdict decide(PartitionState state, Command command, Instant now) {
        return state.decide(command, now);
    }

    @Test
    void aRetriedCommandIsAnsweredFromItsEventRightAfterItAndLater() {
        PartitionState state = new PartitionState(IdempotencyBound.DEFAULT);
        UUID value = UUID.randomUUID();
        CreateValue create = new CreateValue(UUID.randomUUID(), value, 3, NOW);
        PartitionState.Verdict first = state.decide(create, NOW);
        PartitionState.Verdict rightAfter = state.decide(create, NOW);
        state.decide(new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 1, NOW), NOW);
        PartitionState.Verdict later = state.decide(create, NOW);

        assertThat(first.duplicate()).isFalse();
        for (PartitionState.Verdict retry : List.of(rightAfter, later)) {
            assertThat(retry.event()).isNull();
            assertThat(retry.duplicate()).isTrue();
            Outcome.Accepted accepted = (Outcome.Accepted) retry.outcome();
            assertThat(accepted.eventId()).isEqualTo(first.event().id());
            assertThat(accepted.version()).isEqualTo(1);
            assertThat(accepted.value()).isEqualTo(3);
        }
    }

    @Test
    void aCommandIdReusedForAnotherValueIsInvalid() {
        PartitionState state = new PartitionState(IdempotencyBound.DEFAULT);
        UUID commandId = UUID.randomUUID();
        state.decide(new CreateValue(commandId, UUID.randomUUID(), 1, NOW), NOW);
        PartitionState.Verdict reused = state.decide(new CreateValue(commandId, UUID.randomUUID(), 1, NOW), NOW);

        assertThat(reused.event()).isNull();
        assertThat(reused.outcome()).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID));
    }

    @Test
    void rejectionsLeaveNoTrace() {
        PartitionState state = new PartitionState(IdempotencyBound.DEFAULT);
        UUID value = UUID.randomUUID();
        PartitionState.Verdict missing = state.decide(new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 1, NOW), NOW);

        assertThat(missing.event()).isNull();
        assertThat(state.value(value)).isNull();
        assertThat(state.decidedCommandCount()).isZero();
    }

    /** The state the processor keeps while deciding equals the state a fresh owner folds from the emitted events. */
    @Property(tries = 200)
    void liveStateEqualsTheFoldOfItsEvents(@ForAll("batches") @Size(max = 6) List<List<Command>> batches) {
        PartitionState live = new PartitionState(IdempotencyBound.DEFAULT);
        List<Event> emitted = new ArrayList<>();
        for (List<Command> commands : batches) {
            for (Command command : commands) {
                PartitionState.Verdict verdict = live.decide(command, NOW);
                if (verdict.event() != null) {
                    emitted.add(verdict.event());
                    assertThat(verdict.outcome()).isInstanceOf(Outcome.Accepted.class);
                }
            }
        }
        PartitionState replayed = new PartitionState(IdempotencyBound.DEFAULT);
        emitted.forEach(replayed::apply);

        for (UUID value : VALUES) {
            assertThat(replayed.value(value)).isEqualTo(live.value(value));
            List<Long> versions = emitted.stream().filter(e -> e.valueId().equals(value)).map(Event::version).toList();
            for (int i = 0; i < versions.size(); i++) {
                assertThat(versions.get(i)).isEqualTo(i + 1L);
            }
        }
        assertThat(replayed.decidedCommandCount()).isEqualTo(emitted.size());
    }

    @Provide
    Arbitrary<List<List<Command>>> batches() {
        Arbitrary<UUID> values = Arbitraries.of(VALUES);
        Arbitrary<UUID> commandIds = Arbitraries.of(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                        UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                .injectDuplicates(0.3);
        Arbitrary<Double> numbers = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.of(1e308, -1e308, 0.0));
        Arbitrary<Command> creates = Combinators.combine(commandIds, values, numbers)
                .as((id, value, number) -> new CreateValue(id, value, number, NOW));
        Arbitrary<Command> updates = Combinators.combine(commandIds, values, Arbitraries.of(Operation.class), numbers)
                .as((id, value, op, number) -> new UpdateValue(id, value, op, number, NOW));
        return Arbitraries.oneOf(creates, updates).list().ofMaxSize(8).list();
    }
}
