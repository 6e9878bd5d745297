package dev.abacus.domain;

import java.util.UUID;

/** The current state of one value, folded from its events. */
public record ValueState(UUID valueId, double value, long version) {}
