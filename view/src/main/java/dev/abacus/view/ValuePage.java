package dev.abacus.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of values in value-id order; {@code next} is the cursor for the following page, null at the end. */
@Introspected
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ValuePage(
        List<ValueResponse> items,
        @Schema(types = {"string", "null"}, format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String next) {}
