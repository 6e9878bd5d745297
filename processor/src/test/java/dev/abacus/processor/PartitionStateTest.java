package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Event;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.UpdateValue;
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
    void aBatchChangesNothingUntilCommitted() {
        PartitionState state = new PartitionState();
        UUID value = UUID.randomUUID();
        PartitionState.Batch batch = state.begin();
        batch.decide(new CreateValue(UUID.randomUUID(), value, 3, NOW), NOW);
        PartitionState.Verdict update = batch.decide(new UpdateValue(UUID.randomUUID(), value, Operation.MULTIPLY, 3, NOW), NOW);

        assertThat(update.event().value()).isEqualTo(9);
        assertThat(update.event().version()).isEqualTo(2);
        assertThat(state.value(value)).isNull();
        batch.commit();
        assertThat(state.value(value).value()).isEqualTo(9);
        assertThat(state.value(value).version()).isEqualTo(2);
    }

    @Test
    void aRetriedCommandIsAnsweredFromItsEventInTheSameOrALaterBatch() {
        PartitionState state = new PartitionState();
        UUID value = UUID.randomUUID();
        CreateValue create = new CreateValue(UUID.randomUUID(), value, 3, NOW);
        PartitionState.Batch batch = state.begin();
        PartitionState.Verdict first = batch.decide(create, NOW);
        PartitionState.Verdict sameBatch = batch.decide(create, NOW);
        batch.commit();
        batch = state.begin();
        batch.decide(new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 1, NOW), NOW);
        PartitionState.Verdict laterBatch = batch.decide(create, NOW);

        assertThat(first.duplicate()).isFalse();
        for (PartitionState.Verdict retry : List.of(sameBatch, laterBatch)) {
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
        PartitionState state = new PartitionState();
        UUID commandId = UUID.randomUUID();
        PartitionState.Batch batch = state.begin();
        batch.decide(new CreateValue(commandId, UUID.randomUUID(), 1, NOW), NOW);
        PartitionState.Verdict reused = batch.decide(new CreateValue(commandId, UUID.randomUUID(), 1, NOW), NOW);

        assertThat(reused.event()).isNull();
        assertThat(reused.outcome()).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID));
    }

    @Test
    void rejectionsLeaveNoTrace() {
        PartitionState state = new PartitionState();
        UUID value = UUID.randomUUID();
        PartitionState.Batch batch = state.begin();
        PartitionState.Verdict missing = batch.decide(new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 1, NOW), NOW);
        batch.commit();

        assertThat(missing.event()).isNull();
        assertThat(state.value(value)).isNull();
        assertThat(state.decidedCommandCount()).isZero();
    }

    /** The state the processor keeps while deciding equals the state a fresh owner folds from the emitted events. */
    @Property(tries = 200)
    void liveStateEqualsTheFoldOfItsEvents(@ForAll("batches") @Size(max = 6) List<List<Command>> batches) {
        PartitionState live = new PartitionState();
        List<Event> emitted = new ArrayList<>();
        for (List<Command> commands : batches) {
            PartitionState.Batch batch = live.begin();
            for (Command command : commands) {
                PartitionState.Verdict verdict = batch.decide(command, NOW);
                if (verdict.event() != null) {
                    emitted.add(verdict.event());
                    assertThat(verdict.outcome()).isInstanceOf(Outcome.Accepted.class);
                }
            }
            batch.commit();
        }
        PartitionState replayed = new PartitionState();
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
