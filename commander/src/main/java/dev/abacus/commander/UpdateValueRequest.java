package dev.abacus.commander;

import dev.abacus.domain.Operation;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /values/{id}}: what to do to the value, and with which operand. */
@Serdeable
record UpdateValueRequest(
        @NotNull(message = "is required; one of [ADD, MULTIPLY]") Operation operation,
        @NotNull(message = "is required") @Finite Double value) implements CommandRequest {}
