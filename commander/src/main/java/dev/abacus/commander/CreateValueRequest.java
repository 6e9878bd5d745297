package dev.abacus.commander;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** {@code POST /values}: the value to create. */
@Serdeable
record CreateValueRequest(@NotNull(message = "is required") @Finite Double value) implements CommandRequest {}
