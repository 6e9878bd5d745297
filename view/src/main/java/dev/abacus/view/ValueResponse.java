package dev.abacus.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A value as clients read it; the seed's {@code {"value_id","value"}} plus its version and last change. */
@Introspected
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ValueResponse(UUID valueId, double value, long version, Instant updatedAt) {

    static ValueResponse of(UUID valueId, StoredValue stored) {
        return new ValueResponse(valueId, stored.value(), stored.version(), Instant.ofEpochMilli(stored.updatedAtEpochMilli()));
    }
}
