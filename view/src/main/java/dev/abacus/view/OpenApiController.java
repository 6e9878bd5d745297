package dev.abacus.view;

import dev.abacus.support.http.OpenApiDocument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Serves the view's OpenAPI document, written at build time from the controllers. Open on purpose, as /view/status is:
 * the API's description names no value; a path of its own, so the commander's beside it in one context is served too.
 */
@Controller
@Tag(name = "documentation")
final class OpenApiController {

    static final String PATH = "/view/openapi.yml";
    static final String RESOURCE = "META-INF/swagger/view.yml";
    static final String YAML = "application/yaml";

    private final byte[] document;

    OpenApiController() {
        document = OpenApiDocument.load(RESOURCE);
    }

    @Get(uri = PATH, produces = YAML)
    @Operation(summary = "This document (OpenAPI 3.1)")
    @ApiResponse(responseCode = "200", description = "The view's OpenAPI document.",
            content = @Content(mediaType = YAML))
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
    byte[] document() {
        return document;
    }
}
