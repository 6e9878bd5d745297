package dev.abacus.support.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/** The names of a pipeline's three topics; all keyed by value id and co-partitioned. */
@Context
@ConfigurationProperties("abacus.topics")
public record TopicNames(
        @Bindable(defaultValue = "commands") @NotBlank String commands,
        @Bindable(defaultValue = "events") @NotBlank String events,
        @Bindable(defaultValue = "outcomes") @NotBlank String outcomes) {}
