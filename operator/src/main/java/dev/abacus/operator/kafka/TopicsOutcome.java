package dev.abacus.operator.kafka;

import dev.abacus.operator.api.TopicStatus;
import java.util.List;
import java.util.Optional;

/**
 * The result of bringing a pipeline's topics in line: facts as now in Kafka (empty if Kafka was not reached),
 * the problem that keeps them from matching the spec, the actions taken, and whether to retry soon.
 */
public record TopicsOutcome(List<TopicStatus> facts, Optional<Problem> problem, List<String> actions,
                            boolean retrySoon) {

    public TopicsOutcome {
        facts = List.copyOf(facts);
        actions = List.copyOf(actions);
    }

    public static TopicsOutcome failed(Problem problem, boolean retrySoon) {
        return new TopicsOutcome(List.of(), Optional.of(problem), List.of(), retrySoon);
    }

    public boolean ready() {
        return problem.isEmpty();
    }
}
