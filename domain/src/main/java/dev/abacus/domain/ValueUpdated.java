package dev.abacus.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A value changed by {@code operation operand}; {@code value} is the result. */
public record ValueUpdated(
        UUID id,
        UUID parentId,
        UUID valueId,
        Operation operation,
        double operand,
        double value,
        long version,
        Instant timestamp)
        implements Event {
    public ValueUpdated {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(valueId, "valueId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
