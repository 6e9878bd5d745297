package dev.abacus.support.http;

import dev.abacus.contract.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;

/**
 * Refuses a body in any content coding but identity, or any transfer coding but chunked, with 415
 * and {@code Accept-Encoding: identity} (RFC 9110 §12.5.3), before it is read. Request bodies are
 * small JSON that gains nothing by compression, so the services decode none (request
 * decompression is off) and never take a body for something other than what it is labelled.
 * Runs after the other request filters, so authentication answers first, and just before the last place, which is
 * left to a service's own judgement of a body's media type (the commander's): a coded body is refused for its coding.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
final class ContentCodingFilter {

    @RequestFilter
    @Nullable
    HttpResponse<Problem> refuseCodedBodies(HttpRequest<?> request) {
        String content = firstOtherThan("identity", request.getHeaders().getAll(HttpHeaders.CONTENT_ENCODING));
        if (content != null) {
            return unsupported(request, "content coding '" + content + "' is not supported; send the body as it is");
        }
        String transfer = firstOtherThan("chunked", request.getHeaders().getAll(HttpHeaders.TRANSFER_ENCODING));
        if (transfer != null) {
            return unsupported(request, "transfer coding '" + transfer + "' is not supported; send the body as it is,"
                    + " chunked or with a Content-Length");
        }
        return null;
    }

    @Nullable
    private static String firstOtherThan(String accepted, List<String> fields) {
        for (String field : fields) {
            for (String coding : field.split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase(accepted)) {
                    return name.length() > 40 ? name.substring(0, 40) + "…" : name;
                }
            }
        }
        return null;
    }

    private static HttpResponse<Problem> unsupported(HttpRequest<?> request, String detail) {
        Problem problem = Problem.of(ProblemType.UNSUPPORTED_CONTENT_CODING, detail)
                .withInstance(request.getPath());
        return HttpResponse.<Problem>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .header(HttpHeaders.ACCEPT_ENCODING, "identity")
                .body(problem);
    }
}
