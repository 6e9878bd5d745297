package dev.abacus.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/** One page of values in value-id order; {@code next} is the cursor for the following page, null at the end. */
@Introspected
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValuePage(List<ValueResponse> items, String next) {}
