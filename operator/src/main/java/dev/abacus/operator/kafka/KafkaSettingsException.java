package dev.abacus.operator.kafka;

import dev.abacus.operator.api.ConditionReason;

/** The pipeline's Kafka settings cannot be turned into a client configuration. */
public class KafkaSettingsException extends Exception {

    private final ConditionReason reason;

    public KafkaSettingsException(ConditionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ConditionReason reason() {
        return reason;
    }
}
