package dev.abacus.view;

import dev.abacus.auth.Scopes;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the view service on its own (the local runner starts it together with the others). */
@OpenAPIDefinition(info = @Info(
        title = "Abacus view",
        version = "0.1",
        description = "Serves the values folded from the events topic. Every answer carries X-View-Generation, the"
                + " copy that gave it; every error is application/problem+json (RFC 9457)."))
@SecurityScheme(
        name = ViewApplication.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT or static token",
        description = "When abacus.auth is on, reading values needs a token granting " + Scopes.VALUES_READ + ".")
public final class ViewApplication {

    static final String BEARER = "bearer";

    private ViewApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ViewApplication.class).environments("view").start();
    }
}
