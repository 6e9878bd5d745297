package dev.abacus.commander;

import dev.abacus.domain.Operation;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /values/{id}}: what to do to the value, and with which operand. */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record UpdateValueRequest(
        @NotNull(message = "is required; one of [ADD, MULTIPLY]") Operation operation,
        @NotNull(message = "is required") @Finite @Schema(description = FINITE) Double value) implements CommandRequest {}
