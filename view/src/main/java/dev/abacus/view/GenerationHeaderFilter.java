package dev.abacus.view;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Stamps every response with the view generation that answered, so clients can tell blue from green. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class GenerationHeaderFilter {

    static final String HEADER = "X-View-Generation";

    private final String generation;

    GenerationHeaderFilter(ViewConfig config) {
        this.generation = config.generation();
    }

    @ResponseFilter
    void stamp(MutableHttpResponse<?> response) {
        response.header(HEADER, generation);
    }
}
