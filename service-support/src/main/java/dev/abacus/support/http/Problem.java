package dev.abacus.support.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abacus.contract.ProblemType;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code reason} is the machine-readable cause clients switch on;
 * {@code errors} lists the fields at fault.
 */
@Introspected
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String reason,
        List<FieldError> errors) {

    /** One field that failed validation; {@code field} is a JSON pointer-ish path when known. */
    @Introspected
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message) {}

    /** A problem of the catalogue, with its reason. */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, type.reason(), null);
    }

    /** A problem the framework raised, outside the catalogue: its status's slug and no reason. */
    static Problem ofStatus(int status, String slug, String title, String detail) {
        return new Problem(ProblemType.TYPE_BASE + slug, title, status, detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> errors) {
        return new Problem(type, title, status, detail, instance, reason, errors);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, reason, errors);
    }
}
