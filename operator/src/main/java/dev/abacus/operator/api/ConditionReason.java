package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Machine-readable reasons of pipeline conditions. */
public enum ConditionReason {
    @JsonProperty("AllComponentsReady")
    ALL_COMPONENTS_READY,
    @JsonProperty("TopicsInSync")
    TOPICS_IN_SYNC,
    @JsonProperty("KafkaUnreachable")
    KAFKA_UNREACHABLE,
    @JsonProperty("KafkaError")
    KAFKA_ERROR,
    @JsonProperty("KafkaAuthenticationFailed")
    KAFKA_AUTHENTICATION_FAILED,
    @JsonProperty("KafkaNotAuthorized")
    KAFKA_NOT_AUTHORIZED,
    @JsonProperty("NotSupported")
    NOT_SUPPORTED,
    @JsonProperty("PartitionIncreaseNotAllowed")
    PARTITION_INCREASE_NOT_ALLOWED,
    @JsonProperty("InvalidTopicConfig")
    INVALID_TOPIC_CONFIG,
    @JsonProperty("AuthConfigured")
    AUTH_CONFIGURED,
    @JsonProperty("SecretNotFound")
    SECRET_NOT_FOUND,
    @JsonProperty("InvalidSpec")
    INVALID_SPEC,
    @JsonProperty("TopicRenameNotSupported")
    TOPIC_RENAME_NOT_SUPPORTED,
    @JsonProperty("ReplicasAvailable")
    REPLICAS_AVAILABLE,
    @JsonProperty("ReplicasUnavailable")
    REPLICAS_UNAVAILABLE,
    @JsonProperty("ScaledToZero")
    SCALED_TO_ZERO,
    @JsonProperty("NoRebuild")
    NO_REBUILD,
    @JsonProperty("RebuildInProgress")
    REBUILD_IN_PROGRESS,
    @JsonProperty("RebuildAborted")
    REBUILD_ABORTED,
    @JsonProperty("ReconcileError")
    RECONCILE_ERROR
}
