package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the operator last observed of one topic in Kafka. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopicStatus {

    @JsonPropertyDescription("commands, events, outcomes or snapshots.")
    private String role;

    @JsonPropertyDescription("Topic name in Kafka.")
    private String name;

    @JsonPropertyDescription("Partition count in Kafka.")
    private Integer partitions;

    @JsonPropertyDescription("Replication factor in Kafka.")
    private Integer replicationFactor;

    public TopicStatus() {
    }

    public TopicStatus(String role, String name, Integer partitions, Integer replicationFactor) {
        this.role = role;
        this.name = name;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

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
}
