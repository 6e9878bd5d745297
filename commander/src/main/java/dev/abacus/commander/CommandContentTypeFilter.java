package dev.abacus.commander;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Judges the Content-Type of a route that takes a {@link CommandRequest} ({@link JsonContentType}) before any of its
 * arguments is bound, so a bad label is answered 415 whatever else is wrong with the request. Last of the request
 * filters: authentication and the content coding answer first.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.LOWEST_PRECEDENCE)
final class CommandContentTypeFilter {

    @RequestFilter
    void requireJson(HttpRequest<?> request) {
        boolean readsCommand = RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getRouteInfo().getBodyArgument())
                .filter(body -> CommandRequest.class.isAssignableFrom(body.getType()))
                .isPresent();
        if (readsCommand) {
            JsonContentType.require(request.getHeaders().getAll(HttpHeaders.CONTENT_TYPE));
        }
    }
}
