package dev.abacus.commander;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The headers and the query value a write may carry, bound by name as sent; {@link IdempotencyKeys} and
 * {@link WaitPreference} judge them, after the body.
 */
@Introspected
record WriteOptions(
        @Nullable @Header(IdempotencyKeys.HEADER)
        @Parameter(description = "1-200 printable ASCII characters. A retry with the same key (same principal, same"
                + " target) writes the same command again, answered as a duplicate.",
                schema = @Schema(minLength = 1, maxLength = 200))
        String idempotencyKey,
        @Nullable @QueryValue("wait")
        @Parameter(description = "Wait for the outcome: 5s, 500ms or 5 (seconds), capped at max-wait; wins over"
                + " Prefer.", schema = @Schema(pattern = "^\\d{1,9}(ms|s)?$"))
        String waitFor,
        @Nullable @Header("Prefer")
        @Parameter(description = "RFC 7240: wait=N (seconds); a malformed preference is ignored.")
        List<String> prefer) {}
