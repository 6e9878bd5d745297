package dev.abacus.operator.kafka;

import dev.abacus.operator.api.ConditionReason;

/** Why the topics are not as declared, as a condition reason and message. */
public record Problem(ConditionReason reason, String message) {
}
