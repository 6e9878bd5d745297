package dev.abacus.processor;

import dev.abacus.domain.Command;
import dev.abacus.domain.Decision;
import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The aggregate state of the values on one partition, folded from its events, plus the commands
 * that already produced an event there (so a retried command id is answered, never decided twice).
 * Changes go through a {@link Batch} that is applied only once its transaction committed.
 */
final class PartitionState {

    private final Map<UUID, ValueState> values = new HashMap<>();
    private final Map<UUID, Event> eventsByCommand = new HashMap<>();

    /** Folds one event from the log. */
    void apply(Event event) {
        values.put(event.valueId(), ValueDecider.evolve(values.get(event.valueId()), event));
        eventsByCommand.put(event.parentId(), event);
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
        private final Map<UUID, Event> stagedEvents = new HashMap<>();
        private final List<Event> events = new ArrayList<>();

        Verdict decide(Command command, Instant now) {
            Event earlier = eventFor(command.id());
            if (earlier != null) {
                return answerRetry(command, earlier, now);
            }
            ValueState state = stagedValues.containsKey(command.valueId())
                    ? stagedValues.get(command.valueId())
                    : values.get(command.valueId());
            Decision decision = ValueDecider.decide(command, state, now);
            if (decision instanceof Decision.Accept accept) {
                Event event = accept.event();
                stagedValues.put(event.valueId(), ValueDecider.evolve(state, event));
                stagedEvents.put(event.parentId(), event);
                events.add(event);
                return new Verdict(accepted(command, event, false, now), event);
            }
            Decision.Reject reject = (Decision.Reject) decision;
            return new Verdict(
                    new Outcome.Rejected(command.id(), command.valueId(), reject.reason(), reject.detail(), now), null);
        }

        /** Applies the staged events to the partition's state, in order. */
        void commit() {
            events.forEach(PartitionState.this::apply);
        }

        private Event eventFor(UUID commandId) {
            Event staged = stagedEvents.get(commandId);
            return staged != null ? staged : eventsByCommand.get(commandId);
        }

        private Verdict answerRetry(Command command, Event earlier, Instant now) {
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

    private static Outcome.Accepted accepted(Command command, Event event, boolean duplicate, Instant now) {
        return new Outcome.Accepted(
                command.id(), command.valueId(), event.id(), event.value(), event.version(), duplicate, now);
    }
}
