package dev.abacus.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Apply an {@link Operation} with an operand to an existing value. */
public record UpdateValue(UUID id, UUID valueId, Operation operation, double value, Instant timestamp)
        implements Command {
    public UpdateValue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(valueId, "valueId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
