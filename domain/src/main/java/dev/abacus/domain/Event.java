package dev.abacus.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact about a value. {@link #version()} counts the value's events from 1 without gaps;
 * {@link #value()} is the value after the event, so a view never re-runs arithmetic.
 */
public sealed interface Event permits ValueCreated, ValueUpdated {
    UUID id();

    UUID parentId();

    UUID valueId();

    double value();

    long version();

    Instant timestamp();
}
