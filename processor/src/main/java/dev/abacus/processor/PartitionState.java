package dev.abacus.processor;

import dev.abacus.domain.Command;
import dev.abacus.domain.Decision;
import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The aggregate state of the values on one partition, folded from its events, plus the commands
 * that already produced an event there within the {@link IdempotencyBound} (so a retried command id is answered,
 * never decided twice).
 * Changes go through a {@link Batch} that is applied only once its transaction committed.
 */
final class PartitionState {

    private final Map<UUID, ValueState> values = new HashMap<>();
    /** In log order, so the oldest remembered command is the first. */
    private final LinkedHashMap<UUID, Remembered> eventsByCommand = new LinkedHashMap<>();
    private final Map<UUID, ArrayDeque<UUID>> commandsByValue = new HashMap<>();
    private final IdempotencyBound bound;
    private Instant newest = Instant.MIN;
    /** {@code newest} less the retention, computed again only when {@code newest} moves (null: not yet). */
    private Instant horizon;

    PartitionState(IdempotencyBound bound) {
        this.bound = bound;
    }

    /** Folds one event from the log, and forgets the command ids the {@link IdempotencyBound} no longer covers. */
    void apply(Event event) {
        values.put(event.valueId(), ValueDecider.evolve(values.get(event.valueId()), event));
        remember(event.parentId(), Remembered.of(event));
    }

    private void remember(UUID commandId, Remembered event) {
        if (eventsByCommand.putIfAbsent(commandId, event) != null) {
            return;
        }
        if (event.timestamp().isAfter(newest)) {
            newest = event.timestamp();
            horizon = null;
        }
        ArrayDeque<UUID> ofValue = commandsByValue.computeIfAbsent(event.valueId(), id -> new ArrayDeque<>(2));
        ofValue.addLast(commandId);
        if (ofValue.size() > bound.commandsPerValue()) {
            eventsByCommand.remove(ofValue.pollFirst());
        }
        if (horizon == null) {
            horizon = newest.minus(bound.retention());
        }
        Iterator<Map.Entry<UUID, Remembered>> oldest = eventsByCommand.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<UUID, Remembered> remembered = oldest.next();
            if (!remembered.getValue().timestamp().isBefore(horizon)) {
                break;
            }
            oldest.remove();
            forgetOldestOf(remembered.getKey(), remembered.getValue());
        }
    }

    /** The oldest remembered command overall is also the oldest of its value. */
    private void forgetOldestOf(UUID commandId, Remembered forgotten) {
        ArrayDeque<UUID> ofValue = commandsByValue.get(forgotten.valueId());
        if (ofValue != null && commandId.equals(ofValue.peekFirst())) {
            ofValue.pollFirst();
            if (ofValue.isEmpty()) {
                commandsByValue.remove(forgotten.valueId());
            }
        }
    }

    ValueState value(UUID valueId) {
        return values.get(valueId);
    }

    int valueCount() {
        return values.size();
    }

    int decidedCommandCount() {
        return eventsByCommand.size();
    }

    IdempotencyBound bound() {
        return bound;
    }

    /** Every value, in no particular order. */
    Iterable<ValueState> values() {
        return values.values();
    }

    /** Every remembered command id with what its event said, oldest first. */
    Iterable<Map.Entry<UUID, Remembered>> remembered() {
        return eventsByCommand.entrySet();
    }

    /** The newest event timestamp folded so far: the retention horizon is measured from it. */
    Instant newest() {
        return newest;
    }

    /**
     * Puts back what a {@link #values()} / {@link #remembered()} / {@link #newest()} walk of another state yielded,
     * the remembered ones in that walk's order and without forgetting any: the result is that state, and folds the
     * next event exactly as it would.
     */
    void restoreValue(ValueState value) {
        values.put(value.valueId(), value);
    }

    void restoreRemembered(UUID commandId, Remembered event) {
        eventsByCommand.put(commandId, event);
        commandsByValue.computeIfAbsent(event.valueId(), id -> new ArrayDeque<>(2)).addLast(commandId);
    }

    void restoreNewest(Instant newest) {
        this.newest = newest;
        this.horizon = null;
    }

    /** What is kept of an event whose command id is remembered: enough to answer a retry of that command. */
    record Remembered(UUID eventId, UUID valueId, double value, long version, Instant timestamp) {
        static Remembered of(Event event) {
            return new Remembered(event.id(), event.valueId(), event.value(), event.version(), event.timestamp());
        }
    }

    Batch begin() {
        return new Batch();
    }

    /** What one command record becomes: an outcome, and the event it produced if it produced one. */
    record Verdict(Outcome outcome, Event event) {
        boolean duplicate() {
            return outcome instanceof Outcome.Accepted accepted && accepted.duplicate();
        }
    }

    /** Decisions staged on top of the committed state, applied by {@link #commit()}. */
    final class Batch {
        private final Map<UUID, ValueState> stagedValues = new HashMap<>();
        /** By command id, in the order decided: the log order of the batch's events. */
        private final LinkedHashMap<UUID, Remembered> stagedEvents = new LinkedHashMap<>();

        Verdict decide(Command command, Instant now) {
            Remembered earlier = eventFor(command.id());
            if (earlier != null) {
                return answerRetry(command, earlier, now);
            }
            ValueState staged = stagedValues.get(command.valueId()); // a staged state is never null
            ValueState state = staged != null ? staged : values.get(command.valueId());
            Decision decision = ValueDecider.decide(command, state, now);
            if (decision instanceof Decision.Accept accept) {
                Event event = accept.event();
                stagedValues.put(event.valueId(), ValueDecider.evolve(state, event));
                Remembered remembered = Remembered.of(event);
                stagedEvents.put(event.parentId(), remembered);
                return new Verdict(accepted(command, remembered, false, now), event);
            }
            Decision.Reject reject = (Decision.Reject) decision;
            return new Verdict(
                    new Outcome.Rejected(command.id(), command.valueId(), reject.reason(), reject.detail(), now), null);
        }

        int eventCount() {
            return stagedEvents.size();
        }

        /**
         * Applies the staged events to the partition's state, in order: what {@link #apply} of each would do, without
         * folding each value again (its staged state is the fold of the batch's events on it).
         */
        void commit() {
            values.putAll(stagedValues);
            stagedEvents.forEach(PartitionState.this::remember);
        }

        private Remembered eventFor(UUID commandId) {
            Remembered staged = stagedEvents.get(commandId);
            return staged != null ? staged : eventsByCommand.get(commandId);
        }

        private Verdict answerRetry(Command command, Remembered earlier, Instant now) {
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
    }

    private static Outcome.Accepted accepted(Command command, Remembered event, boolean duplicate, Instant now) {
        return new Outcome.Accepted(
                command.id(), command.valueId(), event.eventId(), event.value(), event.version(), duplicate, now);
    }
}
