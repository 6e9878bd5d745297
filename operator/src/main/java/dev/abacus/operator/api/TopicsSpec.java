package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The pipeline's four topics and what they share. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.partitions <= oldSelf.partitions || self.allowPartitionIncrease",
        message = "increasing partitions re-maps value ids to partitions; set allowPartitionIncrease to declare it safe",
        fieldPath = ".partitions")
public class TopicsSpec {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final int DEFAULT_REPLICATION_FACTOR = 3;

    @Min(1)
    @Max(10000)
    @Default("6")
    @ValidationRule(value = "self >= oldSelf", message = "partitions may not decrease: Kafka cannot remove partitions")
    @JsonPropertyDescription("Partition count of every topic. May only grow, and only with allowPartitionIncrease. "
            + "It also caps the processor replicas.")
    private Integer partitions = DEFAULT_PARTITIONS;

    @Min(1)
    @Max(32767)
    @Default("3")
    @JsonPropertyDescription("Replication factor used when creating the topics. Changing it later is not supported "
            + "(it needs a partition reassignment) and is reported as Ready=False, reason NotSupported.")
    private Integer replicationFactor = DEFAULT_REPLICATION_FACTOR;

    @Default("false")
    @JsonPropertyDescription("Declares that growing the partition count is safe for this pipeline. Adding partitions "
            + "moves value ids to other partitions, so a value's older events and newer commands can end up on "
            + "different partitions; only set this when that is acceptable (e.g. the pipeline is empty).")
    private Boolean allowPartitionIncrease = false;

    @Default("Retain")
    @JsonPropertyDescription("What happens to the topics when the pipeline is deleted. Retain (default) keeps them: "
            + "the event log is the data. Delete removes all four topics.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.RETAIN;

    @JsonPropertyDescription("The commands topic. Default name: <pipeline>.commands.")
    private TopicSpec commands = new TopicSpec();

    @ValidationRule(
            value = "!has(self.config) || !('retention.ms' in self.config || 'retention.bytes' in self.config || 'cleanup.policy' in self.config)",
            message = "events is the source of truth: retention.ms, retention.bytes and cleanup.policy are fixed (infinite retention, delete policy)")
    @JsonPropertyDescription("The events topic, the source of truth. Default name: <pipeline>.events. Always kept "
            + "with infinite retention (retention.ms=-1, retention.bytes=-1, cleanup.policy=delete).")
    private TopicSpec events = new TopicSpec();

    @JsonPropertyDescription("The outcomes topic. Default name: <pipeline>.outcomes.")
    private TopicSpec outcomes = new TopicSpec();

    @ValidationRule(
            value = "!has(self.config) || !('cleanup.policy' in self.config)",
            message = "snapshots keeps only each partition's latest snapshot: cleanup.policy is fixed (compact)")
    @JsonPropertyDescription("The processor's compacted state snapshots. Default name: <pipeline>.snapshots. Derived "
            + "data that bounds a takeover by the values, not the log; losing it costs one full replay. Always "
            + "compacted (cleanup.policy=compact).")
    private TopicSpec snapshots = new TopicSpec();

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public Integer getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Boolean getAllowPartitionIncrease() {
        return allowPartitionIncrease;
    }

    public void setAllowPartitionIncrease(Boolean allowPartitionIncrease) {
        this.allowPartitionIncrease = allowPartitionIncrease;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public TopicSpec getCommands() {
        return commands;
    }

    public void setCommands(TopicSpec commands) {
        this.commands = commands;
    }

    public TopicSpec getEvents() {
        return events;
    }

    public void setEvents(TopicSpec events) {
        this.events = events;
    }

    public TopicSpec getOutcomes() {
        return outcomes;
    }

    public void setOutcomes(TopicSpec outcomes) {
        this.outcomes = outcomes;
    }

    public TopicSpec getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(TopicSpec snapshots) {
        this.snapshots = snapshots;
    }
}
