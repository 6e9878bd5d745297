package dev.abacus.domain;

import java.time.Instant;
import java.util.UUID;

/** A client's intention about one value; keyed on the wire by {@link #valueId()}. */
public sealed interface Command permits CreateValue, UpdateValue {
    UUID id();

    UUID valueId();

    Instant timestamp();
}
