package dev.abacus.commander;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the routes a caller must authenticate for when bearer tokens are configured. The check is
 * made on the route the router matched, so every spelling of a path that reaches it is guarded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresBearerToken {}
