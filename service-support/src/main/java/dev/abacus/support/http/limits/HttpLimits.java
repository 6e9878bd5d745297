package dev.abacus.support.http.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Limits that keep slow or idle HTTP clients from taking this process's file descriptors
 * ({@code abacus.http.*}), checked at start-up.
 *
 * @param maxConnections HTTP connections held open at once; the cap in force is never more than half the
 *     process's file-descriptor limit (see {@link #connectionCap})
 * @param headerTimeout how long a connection may take to send a request's complete headers, counted from
 *     when it opened or its previous response was written; then it is closed
 */
@Context
@ConfigurationProperties("abacus.http")
public record HttpLimits(
        @Bindable(defaultValue = "4096") int maxConnections,
        @Bindable(defaultValue = "30s") @NotNull Duration headerTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_CONNECTIONS_CEILING = 1_000_000;
    public static final Duration MIN_HEADER_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(10);

    public HttpLimits {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_CEILING) {
            throw new IllegalArgumentException("abacus.http.max-connections must be between 1 and "
                    + MAX_CONNECTIONS_CEILING + ", was " + maxConnections);
        }
        if (headerTimeout != null
                && (headerTimeout.compareTo(MIN_HEADER_TIMEOUT) < 0 || headerTimeout.compareTo(MAX_HEADER_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("abacus.http.header-timeout must be between " + MIN_HEADER_TIMEOUT
                    + " and " + MAX_HEADER_TIMEOUT + ", was " + headerTimeout);
        }
    }

    /**
     * {@code maxConnections}, but at most half of {@code fileDescriptorLimit}: the other half stays for the
     * Kafka clients, the open jars and, in the local runner, the broker's log segments and sockets.
     */
    public int connectionCap(OptionalLong fileDescriptorLimit) {
        if (fileDescriptorLimit.isEmpty()) {
            return maxConnections;
        }
        return (int) Math.max(1, Math.min(maxConnections, fileDescriptorLimit.getAsLong() / 2));
    }
}
