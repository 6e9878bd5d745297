package dev.abacus.view;

import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.contract.ViewStatusDocument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The view's positions and counts. Open on purpose, whatever {@code abacus.auth} says: the operator's
 * rebuild probe reads it without credentials, and it shows no value.
 */
@Controller(ServiceEndpoints.VIEW_STATUS_PATH)
@Tag(name = "status")
class ViewStatusController {

    private final EventProjector projector;
    private final ValueStore store;
    private final ViewConfig config;

    ViewStatusController(EventProjector projector, ValueStore store, ViewConfig config) {
        this.projector = projector;
        this.store = store;
        this.config = config;
    }

    @Get
    @Operation(summary = "This copy's generation, readiness, counts and position on every partition",
            description = "Open whatever abacus.auth says: the operator's rebuild probe reads it.")
    @ApiResponse(responseCode = "200", description = "The status document (contract: ViewStatusDocument).",
            content = @Content(schema = @Schema(implementation = ViewStatusDocument.class)))
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
    ViewStatusDocument status() {
        Progress progress = projector.progress();
        return new ViewStatusDocument(
                config.generation(),
                projector.topic(),
                projector.ready(),
                projector.caughtUp(),
                projector.alive(),
                projector.applied(),
                projector.duplicates() + projector.malformed(),
                projector.duplicates(),
                projector.malformed(),
                projector.gaps(),
                store.size(),
                progress.lag(),
                projector.replayMillis(),
                progress.partitions().stream()
                        .map(p -> new ViewStatusDocument.Partition(
                                p.partition(), p.position(), p.endOffset(), p.startupEndOffset(), p.lag()))
                        .toList());
    }
}
