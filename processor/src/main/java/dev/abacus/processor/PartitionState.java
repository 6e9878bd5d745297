package dev.abacus.processor;

import dev.abacus.domain.Command;
import dev.abacus.domain.Decision;
import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The aggregate state of the values on one partition, folded from its events, plus the commands
 * that already produced an event there within the {@link IdempotencyBound} (so a retried command id is answered,
 * never decided twice). Used by one thread at a time.
 */
final class PartitionState {

    private final ValueSlots values = new ValueSlots();
    private final RememberedCommands remembered;
    private final IdempotencyBound bound;

    PartitionState(IdempotencyBound bound) {
        this.bound = bound;
        this.remembered = new RememberedCommands(bound, values);
    }

    /** Folds one event from the log, and forgets the command ids the {@link IdempotencyBound} no longer covers. */
    void apply(Event event) {
        int slot = store(ValueDecider.evolve(value(event.valueId()), event));
        remembered.remember(event.parentId(), Remembered.of(event), slot);
    }

    private int store(ValueState state) {
        return store(state.valueId(), state.value(), state.version());
    }

    private int store(UUID id, double value, long version) {
        return values.put(id.getMostSignificantBits(), id.getLeastSignificantBits(), value, version);
    }

    ValueState value(UUID valueId) {
        int slot = values.find(valueId.getMostSignificantBits(), valueId.getLeastSignificantBits());
        return slot == ValueSlots.NONE ? null : new ValueState(valueId, values.value(slot), values.version(slot));
    }

    int valueCount() {
        return values.size();
    }

    int decidedCommandCount() {
        return remembered.size();
    }

    /** How many places the remembered commands' log holds, forgotten or not: what it costs in memory. */
    int rememberedCapacity() {
        return remembered.capacity();
    }

    IdempotencyBound bound() {
        return bound;
    }

    /** Every value, in no particular order; made one at a time, as a snapshot writes them. */
    Iterable<ValueState> values() {
        return () -> IntStream.range(0, values.capacity()).filter(values::occupied)
                .mapToObj(slot -> new ValueState(new UUID(values.high(slot), values.low(slot)), values.value(slot),
                        values.version(slot)))
                .iterator();
    }

    /** Every remembered command id with what its event said, oldest first. */
    Iterable<Map.Entry<UUID, Remembered>> remembered() {
        return remembered.entries();
    }

    /** The newest event timestamp folded so far: the retention horizon is measured from it. */
    Instant newest() {
        return remembered.newest();
    }

    /**
     * Puts back what a {@link #values()} / {@link #remembered()} / {@link #newest()} walk of another state yielded,
     * the values first and the remembered ones in that walk's order and without forgetting any: the result is that
     * state, and folds the next event exactly as it would.
     */
    void restoreValue(ValueState value) {
        store(value);
    }

    void restoreRemembered(UUID commandId, Remembered event) {
        remembered.restore(commandId, event);
    }

    void restoreNewest(Instant newest) {
        remembered.restoreNewest(newest);
    }

    /** What is kept of an event whose command id is remembered: enough to answer a retry of that command. */
    record Remembered(UUID eventId, UUID valueId, double value, long version, Instant timestamp) {
        static Remembered of(Event event) {
            return new Remembered(event.id(), event.valueId(), event.value(), event.version(), event.timestamp());
        }
    }

    /** What one command record becomes: an outcome, and the event it produced if it produced one. */
    record Verdict(Outcome outcome, Event event) {
        boolean duplicate() {
            return outcome instanceof Outcome.Accepted accepted && accepted.duplicate();
        }
    }

    /**
     * Decides the command and applies the event it produced at once, as {@link #apply} would. A decision is not
     * staged: when its transaction does not commit, the processor throws the whole state away and folds it again
     * from the log, so between transactions the state is always the fold of the committed events.
     */
    Verdict decide(Command command, Instant now) {
        Remembered earlier = remembered.get(command.id());
        if (earlier != null) {
            return answerRetry(command, earlier, now);
        }
        UUID valueId = command.valueId();
        int slot = values.find(valueId.getMostSignificantBits(), valueId.getLeastSignificantBits());
        ValueState state = slot == ValueSlots.NONE ? null
                : new ValueState(valueId, values.value(slot), values.version(slot));
        Decision decision = ValueDecider.decide(command, state, now);
        if (decision instanceof Decision.Accept accept) {
            Event event = accept.event();
            Remembered kept = Remembered.of(event);
            remembered.remember(command.id(), kept, store(event.valueId(), event.value(), event.version()));
            return new Verdict(accepted(command, kept, false, now), event);
        }
        Decision.Reject reject = (Decision.Reject) decision;
        return new Verdict(
                new Outcome.Rejected(command.id(), command.valueId(), reject.reason(), reject.detail(), now), null);
    }

    private static Verdict answerRetry(Command command, Remembered earlier, Instant now) {
        if (!earlier.valueId().equals(command.valueId())) {
            return new Verdict(
                    new Outcome.Rejected(
                            command.id(),
                            command.valueId(),
                            RejectionReason.INVALID,
                            "command id " + command.id() + " was already used for value " + earlier.valueId(),
                            now),
                    null);
        }
        return new Verdict(accepted(command, earlier, true, now), null);
    }

    private static Outcome.Accepted accepted(Command command, Remembered event, boolean duplicate, Instant now) {
        return new Outcome.Accepted(
                command.id(), command.valueId(), event.eventId(), event.value(), event.version(), duplicate, now);
    }
}
