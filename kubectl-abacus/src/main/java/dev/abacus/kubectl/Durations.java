package dev.abacus.kubectl;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Short human durations ({@code 45s}, {@code 2m13s}, {@code 3h05m}, {@code 2d04h}) and the status's RFC 3339 times. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** The instant of an RFC 3339 timestamp as the API server and the operator write them; empty if absent or not one. */
    static Optional<Instant> parse(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** How long ago {@code timestamp} was, formatted; empty if it is not a timestamp. */
    static Optional<String> since(String timestamp, Instant now) {
        return parse(timestamp).map(then -> format(Duration.between(then, now)));
    }
}
