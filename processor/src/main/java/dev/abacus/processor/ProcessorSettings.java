package dev.abacus.processor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code abacus.processor.*}: the consumer group, this instance's id (client ids; defaults to
 * ABACUS_PROCESSOR_INSTANCE_ID, then the host name; also its static group membership), the transactional id
 * prefix, loop tuning (the commit interval and linger among it), the idempotency bound and how often partition state is snapshotted.
 */
@Context
@ConfigurationProperties("abacus.processor")
public record ProcessorSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = ProcessorConfig.DEFAULT_GROUP_ID) @NotBlank String groupId,
        @Nullable String instanceId,
        @Bindable(defaultValue = ProcessorConfig.DEFAULT_TRANSACTIONAL_ID_PREFIX) @NotBlank String transactionalIdPrefix,
        @Bindable(defaultValue = "200ms") @NotNull Duration pollTimeout,
        @Bindable(defaultValue = "2000") @Min(1) @Max(100_000) int maxPollRecords,
        @Bindable(defaultValue = "30s") @NotNull Duration transactionTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration sessionTimeout,
        @Bindable(defaultValue = "30s") @NotNull Duration stallTimeout,
        @Bindable(defaultValue = "24h") @NotNull Duration idempotencyRetention,
        @Bindable(defaultValue = "100") int idempotencyCommandsPerValue,
        @Bindable(defaultValue = "10000") long snapshotMinEvents,
        @Bindable(defaultValue = "100ms") @NotNull Duration commitInterval,
        @Bindable(defaultValue = "10ms") @NotNull Duration commitLinger) {

    /** The validated core configuration on the given topics; a null {@code snapshots} turns snapshots off. */
    ProcessorConfig toConfig(String commands, String events, String outcomes, @Nullable String snapshots) {
        return new ProcessorConfig(
                commands,
                events,
                outcomes,
                groupId,
                instanceId == null || instanceId.isBlank() ? ProcessorConfig.defaultInstanceId() : instanceId.strip(),
                transactionalIdPrefix,
                pollTimeout,
                maxPollRecords,
                transactionTimeout,
                sessionTimeout,
                stallTimeout,
                new IdempotencyBound(idempotencyRetention, idempotencyCommandsPerValue),
                snapshots,
                snapshotMinEvents,
                commitInterval,
                commitLinger);
    }
}
