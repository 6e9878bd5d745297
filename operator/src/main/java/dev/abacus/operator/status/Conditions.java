package dev.abacus.operator.status;

import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes condition bookkeeping: a transition time moves only when the status does. */
public final class Conditions {

    private Conditions() {
    }

    public static List<Condition> merge(List<Condition> previous, List<Condition> current, long generation, Instant now) {
        List<Condition> merged = new ArrayList<>();
        for (Condition condition : current) {
            Condition next = copy(condition);
            next.setObservedGeneration(generation);
            Optional<Condition> before = find(previous, condition.getType());
            next.setLastTransitionTime(before
                    .filter(b -> b.getStatus() == condition.getStatus() && b.getLastTransitionTime() != null)
                    .map(Condition::getLastTransitionTime)
                    .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString()));
            merged.add(next);
        }
        return merged;
    }

    private static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether a condition's status or reason differs from before, i.e. whether it is news worth an Event. */
    public static boolean changed(List<Condition> previous, Condition current) {
        return find(previous, current.getType())
                .map(b -> b.getStatus() != current.getStatus() || !Objects.equals(b.getReason(), current.getReason()))
                .orElse(current.getStatus() != ConditionStatus.TRUE);
    }

    private static Condition copy(Condition c) {
        Condition copy = new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage());
        copy.setLastTransitionTime(c.getLastTransitionTime());
        copy.setObservedGeneration(c.getObservedGeneration());
        return copy;
    }
}
