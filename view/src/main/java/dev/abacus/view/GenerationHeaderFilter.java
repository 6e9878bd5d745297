package dev.abacus.view;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Stamps every response with the view generation that answered, so clients can tell blue from green; it runs
 * first, so the 401 and 403 of the security filter carry it too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class GenerationHeaderFilter implements Ordered {

    static final String HEADER = "X-View-Generation";

    private final String generation;

    GenerationHeaderFilter(ViewConfig config) {
        this.generation = config.generation();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void stamp(MutableHttpResponse<?> response) {
        response.header(HEADER, generation);
    }
}
