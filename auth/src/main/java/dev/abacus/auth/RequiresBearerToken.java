package dev.abacus.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route a caller must present a bearer token granting {@link #value()} for, when
 * authentication is on. The check is made on the route the router matched, so every spelling of a
 * path that reaches it is guarded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresBearerToken {

    /** The scope the token must grant, one of {@link Scopes}. */
    String value();
}
