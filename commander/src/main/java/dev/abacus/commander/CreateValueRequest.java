package dev.abacus.commander;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** {@code POST /values}: the value to create. */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CreateValueRequest(@NotNull(message = "is required") @Finite @Schema(description = FINITE) Double value) implements CommandRequest {}
