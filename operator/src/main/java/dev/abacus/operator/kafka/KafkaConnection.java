package dev.abacus.operator.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the operator's admin client needs to reach one Kafka cluster. Two pipelines with equal connections
 * share one admin client; {@code fingerprint} changes when a referenced truststore's content does.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties, String fingerprint) {

    public KafkaConnection {
        properties = Map.copyOf(properties);
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", properties " + new TreeMap<>(properties).keySet() + "]";
    }
}
