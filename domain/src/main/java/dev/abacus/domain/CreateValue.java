package dev.abacus.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Create a new value with an initial number. */
public record CreateValue(UUID id, UUID valueId, double value, Instant timestamp) implements Command {
    public CreateValue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(valueId, "valueId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
