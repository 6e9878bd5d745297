package dev.abacus.contract;

/**
 * Every problem+json answer a service gives on purpose: its status, its type URI, its title and the {@code reason}
 * clients switch on. Problems Micronaut raises itself (404 for an unknown path, 405, …) keep their status's slug and
 * carry no reason.
 */
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "Bad Request", "INVALID_REQUEST"),
    /** The processor's rejection of a record it could not read as a command; the reason is the one in outcomes. */
    INVALID_COMMAND(400, "invalid-command", "Bad Request", "INVALID"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized", "UNAUTHORIZED"),
    FORBIDDEN(403, "forbidden", "Forbidden", "FORBIDDEN"),
    VALUE_NOT_FOUND(404, "value-not-found", "Not Found", "VALUE_NOT_FOUND"),
    COMMAND_NOT_FOUND(404, "command-not-found", "Not Found", "COMMAND_NOT_FOUND"),
    VALUE_ALREADY_EXISTS(409, "value-already-exists", "Conflict", "VALUE_ALREADY_EXISTS"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE"),
    UNSUPPORTED_CONTENT_CODING(415, "unsupported-content-coding", "Unsupported Media Type",
            "UNSUPPORTED_CONTENT_CODING"),
    NON_FINITE_RESULT(422, "non-finite-result", "Unprocessable Content", "NON_FINITE_RESULT"),
    KAFKA_UNAVAILABLE(503, "kafka-unavailable", "Service Unavailable", "KAFKA_UNAVAILABLE");

    public static final String TYPE_BASE = "https://abacus.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;
    private final String reason;

    ProblemType(int status, String slug, String title, String reason) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }

    public String reason() {
        return reason;
    }
}
