package dev.abacus.support.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Every error Micronaut itself produces (unreadable body, unknown route, wrong method or media
 * type, failed validation) leaves as RFC 9457 problem+json, so clients parse one error shape.
 */
@Primary
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> baseResponse) {
        HttpStatus status = baseResponse.status();
        List<Problem.FieldError> errors = context.getErrors().stream()
                .map(error -> new Problem.FieldError(error.getPath().orElse(null), concise(error.getMessage())))
                .toList();
        String detail = errors.isEmpty()
                ? status.getReason()
                : errors.get(0).message();
        if (status.getCode() >= 500) {
            detail = "internal error; the request may be retried";
        }
        Problem problem = Problem.ofStatus(status.getCode(), slug(status), status.getReason(), detail)
                .withInstance(context.getRequest().getPath())
                .withErrors(errors.size() > 1 && status.getCode() < 500 ? errors : null);
        return baseResponse.contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE).body(problem);
    }

    /** Parser messages carry source excerpts and positions that mean nothing to a client. */
    private static String concise(String message) {
        if (message == null) {
            return null;
        }
        String firstLine = message.lines().findFirst().orElse("");
        int source = firstLine.indexOf(" at [Source");
        String trimmed = source > 0 ? firstLine.substring(0, source) : firstLine;
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
    }

    private static String slug(HttpStatus status) {
        return status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
