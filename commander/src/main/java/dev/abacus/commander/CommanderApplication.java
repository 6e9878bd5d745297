package dev.abacus.commander;

import dev.abacus.auth.Scopes;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the commander alone, with its {@code application-commander.yml} defaults. */
@OpenAPIDefinition(info = @Info(
        title = "Abacus commander",
        version = "0.1",
        description = "Accepts commands over HTTP, writes them to Kafka and reports their outcomes. Every error is"
                + " application/problem+json (RFC 9457); clients switch on its reason."))
@SecurityScheme(
        name = CommanderApplication.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT or static token",
        description = "When abacus.auth is on, each operation needs a token granting the scope it lists: "
                + Scopes.COMMANDS_WRITE + " to write commands, " + Scopes.COMMANDS_READ + " to read their status.")
public final class CommanderApplication {

    static final String BEARER = "bearer";

    private CommanderApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CommanderApplication.class).environments("commander").start();
    }
}
