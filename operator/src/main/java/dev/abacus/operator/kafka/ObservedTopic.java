package dev.abacus.operator.kafka;

import java.util.Map;

/** A topic as Kafka describes it; {@code overrides} holds only its topic-level (dynamic) config. */
public record ObservedTopic(String name, int partitions, int replicationFactor, Map<String, String> overrides) {

    public ObservedTopic {
        overrides = Map.copyOf(overrides);
    }
}
