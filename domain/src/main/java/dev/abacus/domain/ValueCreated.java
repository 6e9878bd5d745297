package dev.abacus.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A value came into being; always version 1. */
public record ValueCreated(UUID id, UUID parentId, UUID valueId, double value, long version, Instant timestamp)
        implements Event {
    public ValueCreated {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(valueId, "valueId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
