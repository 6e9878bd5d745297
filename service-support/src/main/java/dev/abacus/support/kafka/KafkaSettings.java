package dev.abacus.support.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * How to reach Kafka. TLS and SASL are typed ({@code tls-*}, {@code sasl-*}, read from files the operator mounts
 * from Secrets); {@code client-properties-file} points at a Java properties file with any further client settings,
 * which the typed ones override.
 */
@Context
@ConfigurationProperties("abacus.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @Nullable String clientPropertiesFile,
        @Bindable(defaultValue = "false") boolean tlsEnabled,
        @Nullable String tlsTrustedCertificatesDir,
        @Nullable String saslMechanism,
        @Nullable String saslUsername,
        @Nullable String saslPasswordFile) {

    /** Plain settings: no TLS, no SASL. */
    public static KafkaSettings plaintext(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, null, false, null, null, null, null);
    }
}
