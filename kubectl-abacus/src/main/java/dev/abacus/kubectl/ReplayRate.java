package dev.abacus.kubectl;

import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.ViewCopyProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Events per second of one copy's replay, from successive observations of its progress (each with the operator's
 * {@code observedAt}), over the last {@link #WINDOW}. A new generation starts over.
 */
final class ReplayRate {

    static final Duration WINDOW = Duration.ofSeconds(30);

    private record Observation(Instant at, long eventsApplied) {
    }

    private final Deque<Observation> observations = new ArrayDeque<>();
    private Integer generation;

    void observe(ViewCopyProgress progress) {
        if (progress == null || progress.getState() != ProgressState.REPORTED || progress.getEventsApplied() == null) {
            return;
        }
        Optional<Instant> at = Durations.parse(progress.getObservedAt());
        if (at.isEmpty()) {
            return;
        }
        if (!Objects.equals(generation, progress.getGeneration())) {
            observations.clear();
            generation = progress.getGeneration();
        }
        Observation last = observations.peekLast();
        if (last != null && !at.get().isAfter(last.at())) {
            return;
        }
        observations.addLast(new Observation(at.get(), progress.getEventsApplied()));
        while (observations.size() > 2
                && Duration.between(observations.peekFirst().at(), at.get()).compareTo(WINDOW) > 0) {
            observations.removeFirst();
        }
    }

    /** The rate for this generation's copy, once two observations of it are apart in time. */
    OptionalDouble perSecond(Integer generation) {
        if (observations.size() < 2 || !Objects.equals(this.generation, generation)) {
            return OptionalDouble.empty();
        }
        Observation first = observations.peekFirst();
        Observation last = observations.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        return OptionalDouble.of(Math.max(0, last.eventsApplied() - first.eventsApplied()) / seconds);
    }
}
