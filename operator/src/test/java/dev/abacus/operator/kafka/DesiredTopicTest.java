package dev.abacus.operator.kafka;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.contract.PipelineTopics;
import dev.abacus.operator.api.CalculatorPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredTopicTest {

    @Test
    void defaultsNamesPartitionsAndReplicationAndSharesThePartitionCount() {
        List<DesiredTopic> topics = DesiredTopic.of(pipeline("demo"), model(pipeline("demo")));

        assertThat(topics).extracting(DesiredTopic::name).containsExactly("demo.commands", "demo.events", "demo.outcomes",
                "demo.snapshots");
        assertThat(topics).extracting(DesiredTopic::role)
                .containsExactly(TopicRole.COMMANDS, TopicRole.EVENTS, TopicRole.OUTCOMES, TopicRole.SNAPSHOTS);
        assertThat(topics).allSatisfy(t -> {
            assertThat(t.partitions()).isEqualTo(6);
            assertThat(t.replicationFactor()).isEqualTo(3);
        });
    }

    @Test
    void usesDeclaredNamesAndConfigButEventsAlwaysKeepEverythingAndSnapshotsAlwaysCompact() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().getTopics().setPartitions(12);
        pipeline.getSpec().getTopics().getCommands().setName("orders-in");
        pipeline.getSpec().getTopics().getCommands().getConfig().put("retention.ms", "604800000");
        pipeline.getSpec().getTopics().getEvents().getConfig().put("retention.ms", "1000");
        pipeline.getSpec().getTopics().getEvents().getConfig().put("min.insync.replicas", "2");
        pipeline.getSpec().getTopics().getSnapshots().setName("orders-snapshots");
        pipeline.getSpec().getTopics().getSnapshots().getConfig().put("cleanup.policy", "delete");
        pipeline.getSpec().getTopics().getSnapshots().getConfig().put("min.compaction.lag.ms", "0");

        List<DesiredTopic> topics = DesiredTopic.of(pipeline, model(pipeline));

        assertThat(topics.get(0).name()).isEqualTo("orders-in");
        assertThat(topics.get(0).config()).isEqualTo(Map.of("retention.ms", "604800000"));
        assertThat(topics.get(1).config()).isEqualTo(Map.of(
                "retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete", "min.insync.replicas", "2"));
        assertThat(topics.get(2).config()).isEmpty();
        assertThat(topics.get(3).name()).isEqualTo("orders-snapshots");
        assertThat(topics.get(3).config()).containsEntry("cleanup.policy", "compact")
                .containsEntry("min.compaction.lag.ms", "0")
                .containsAllEntriesOf(PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
        assertThat(topics).allSatisfy(t -> assertThat(t.partitions()).isEqualTo(12));
    }
}
