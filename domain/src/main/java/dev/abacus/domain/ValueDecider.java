package dev.abacus.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The value aggregate as a pure decider: {@code decide(command, state)} and {@code evolve(state, event)}. */
public final class ValueDecider {

    private ValueDecider() {}

    /** Decides {@code command} against {@code state} (null when the value does not exist). */
    public static Decision decide(Command command, ValueState state, Instant now) {
        if (command instanceof CreateValue create) {
            return decideCreate(create, state, now);
        }
        return decideUpdate((UpdateValue) command, state, now);
    }

    /** Folds one event into the state (null before the first event). */
    public static ValueState evolve(ValueState state, Event event) {
        return new ValueState(event.valueId(), event.value(), event.version());
    }

    /**
     * The id of the event a command produces. Deterministic, so a command decided twice (after a
     * crash before its transaction committed) yields the same event id, and duplicates stay visible.
     */
    public static UUID eventIdFor(UUID commandId) {
        return UUID.nameUUIDFromBytes(("abacus-event:" + commandId).getBytes(StandardCharsets.UTF_8));
    }

    private static Decision decideCreate(CreateValue create, ValueState state, Instant now) {
        if (state != null) {
            return new Decision.Reject(
                    RejectionReason.VALUE_ALREADY_EXISTS, "value " + create.valueId() + " already exists");
        }
        if (!Double.isFinite(create.value())) {
            return new Decision.Reject(RejectionReason.NON_FINITE_RESULT, "initial value must be finite");
        }
        return new Decision.Accept(
                new ValueCreated(eventIdFor(create.id()), create.id(), create.valueId(), create.value(), 1, now));
    }

    private static Decision decideUpdate(UpdateValue update, ValueState state, Instant now) {
        if (state == null) {
            return new Decision.Reject(
                    RejectionReason.VALUE_NOT_FOUND, "value " + update.valueId() + " does not exist");
        }
        double result = update.operation().apply(state.value(), update.value());
        if (!Double.isFinite(result)) {
            return new Decision.Reject(
                    RejectionReason.NON_FINITE_RESULT,
                    update.operation() + " " + update.value() + " on " + state.value() + " is not finite");
        }
        return new Decision.Accept(new ValueUpdated(
                eventIdFor(update.id()),
                update.id(),
                update.valueId(),
                update.operation(),
                update.value(),
                result,
                state.version() + 1,
                now));
    }
}
