package dev.abacus.commander;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the commander's OpenAPI document, written at build time from the controllers. Open on purpose, as the API's
 * description names no value and no command; a path of its own, so the view's beside it in one context is served too.
 */
@Controller
@Tag(name = "documentation")
final class OpenApiController {

    static final String PATH = "/commander/openapi.yml";
    static final String RESOURCE = "META-INF/swagger/commander.yml";
    static final String YAML = "application/yaml";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the build writes it (micronaut-openapi)");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = PATH, produces = YAML)
    @Operation(summary = "This document (OpenAPI 3.1)")
    @ApiResponse(responseCode = "200", description = "The commander's OpenAPI document.",
            content = @Content(mediaType = YAML))
    byte[] document() {
        return document;
    }
}
