package dev.abacus.view;

import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.contract.ViewStatusDocument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * The view's positions and counts. Open on purpose, whatever {@code abacus.auth} says: the operator's
 * rebuild probe reads it without credentials, and it shows no value.
 */
@Controller(ServiceEndpoints.VIEW_STATUS_PATH)
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
