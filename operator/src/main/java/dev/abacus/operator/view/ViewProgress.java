package dev.abacus.operator.view;

import java.util.Optional;

/** What a view copy said about its replay, or why nothing usable was heard. */
public record ViewProgress(Optional<Reported> reported, String problem) {

    /** The fields of the view's {@code GET /view/status} the operator reports. */
    public record Reported(String generation, boolean ready, boolean caughtUp, long eventsApplied, long lag) {
    }

    public static ViewProgress of(Reported reported) {
        return new ViewProgress(Optional.of(reported), null);
    }

    public static ViewProgress unknown(String problem) {
        return new ViewProgress(Optional.empty(), problem);
    }
}
