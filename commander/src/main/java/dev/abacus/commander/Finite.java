package dev.abacus.commander;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A double that is a number: neither NaN nor infinite (a literal such as {@code 1e400} reads as infinite). */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER})
@Constraint(validatedBy = FiniteValidator.class)
@interface Finite {

    String message() default "must be a finite number within double range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
