package dev.abacus.bench;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** The HTTP ceiling: same server, same request, a 202 with a body of the commander's size, and no work. */
@Controller("/bench")
final class NoopController {

    static final String BODY = "{\"command_id\":\"00000000-0000-0000-0000-000000000000\","
            + "\"value_id\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"PENDING\","
            + "\"status_url\":\"/commands/00000000-0000-0000-0000-000000000000\"}";

    @Post(uri = "/noop", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> noop(@Body @Nullable String body) {
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).body(BODY);
    }
}
