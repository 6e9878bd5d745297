package dev.abacus.support.kafka;

import dev.abacus.contract.PipelineTopics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;

/**
 * The names of a pipeline's topics; all co-partitioned. None has a default (see {@link PipelineTopics}), and
 * {@code @Context} makes a missing one fail the start; only the processor's {@code snapshots} may be left out.
 */
@Context
@ConfigurationProperties(PipelineTopics.CONFIG_PREFIX)
public record TopicNames(@NotBlank String commands, @NotBlank String events, @NotBlank String outcomes,
                         @Nullable String snapshots) {}
