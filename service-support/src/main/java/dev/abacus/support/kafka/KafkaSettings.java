package dev.abacus.support.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * How to reach Kafka. {@code client-properties-file} points at a Java properties file with any
 * further client settings (TLS, SASL); the operator mounts it from a Secret.
 */
@Context
@ConfigurationProperties("abacus.kafka")
public record KafkaSettings(@NotBlank String bootstrapServers, @Nullable String clientPropertiesFile) {}
