package dev.abacus.commander;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link Finite}; a missing value is {@code @NotNull}'s to refuse. */
@Introspected
final class FiniteValidator implements ConstraintValidator<Finite, Double> {

    @Override
    public boolean isValid(Double value, ConstraintValidatorContext context) {
        return value == null || Double.isFinite(value);
    }
}
