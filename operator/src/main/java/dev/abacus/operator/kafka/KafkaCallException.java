package dev.abacus.operator.kafka;

/** A failed Admin call, already mapped to a condition; {@code retrySoon} when trying again may help. */
final class KafkaCallException extends Exception {

    private final Problem problem;
    private final boolean retrySoon;

    KafkaCallException(Throwable cause, Problem problem, boolean retrySoon) {
        super(problem.message(), cause);
        this.problem = problem;
        this.retrySoon = retrySoon;
    }

    Problem problem() {
        return problem;
    }

    boolean retrySoon() {
        return retrySoon;
    }
}
