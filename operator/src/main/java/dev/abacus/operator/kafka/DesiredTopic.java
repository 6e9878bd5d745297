package dev.abacus.operator.kafka;

import dev.abacus.contract.PipelineTopics;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.TopicSpec;
import dev.abacus.operator.api.TopicsSpec;
import dev.abacus.operator.resources.PipelineModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One topic as the spec declares it, with the operator's fixed settings applied. */
public record DesiredTopic(TopicRole role, String name, int partitions, int replicationFactor,
                           Map<String, String> config) {

    public DesiredTopic {
        config = Map.copyOf(config);
    }

    public static List<DesiredTopic> of(CalculatorPipeline pipeline, PipelineModel model) {
        TopicsSpec spec = Optional.ofNullable(pipeline.getSpec()).map(s -> s.getTopics()).orElseGet(TopicsSpec::new);
        int replicationFactor = Optional.ofNullable(spec.getReplicationFactor()).orElse(TopicsSpec.DEFAULT_REPLICATION_FACTOR);
        Map<String, String> events = new LinkedHashMap<>(config(spec.getEvents()));
        events.putAll(PipelineTopics.EVENTS_FIXED_CONFIG);
        Map<String, String> snapshots = new LinkedHashMap<>(config(spec.getSnapshots()));
        snapshots.putAll(PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
        return List.of(
                new DesiredTopic(TopicRole.COMMANDS, model.topics().commands(), model.partitions(), replicationFactor,
                        config(spec.getCommands())),
                new DesiredTopic(TopicRole.EVENTS, model.topics().events(), model.partitions(), replicationFactor, events),
                new DesiredTopic(TopicRole.OUTCOMES, model.topics().outcomes(), model.partitions(), replicationFactor,
                        config(spec.getOutcomes())),
                new DesiredTopic(TopicRole.SNAPSHOTS, model.topics().snapshots(), model.partitions(), replicationFactor,
                        snapshots));
    }

    private static Map<String, String> config(TopicSpec topic) {
        Map<String, String> config = new LinkedHashMap<>();
        Optional.ofNullable(topic).map(TopicSpec::getConfig).orElse(Map.of())
                .forEach((k, v) -> {
                    if (k != null && v != null) {
                        config.put(k, v);
                    }
                });
        return config;
    }
}
