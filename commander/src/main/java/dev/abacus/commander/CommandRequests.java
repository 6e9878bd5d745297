package dev.abacus.commander;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.abacus.contract.ProblemType;
import dev.abacus.domain.Operation;
import dev.abacus.domain.StrictJson;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads command bodies strictly, as {@link StrictJson} reads records: one JSON document with no key
 * twice, an object with exactly the known fields, a finite JSON number (never a numeric string, never
 * a literal that overflows), a known operation. Every failure is a 400 naming each field at fault.
 */
final class CommandRequests {

    record Create(double value) {}

    record Update(Operation operation, double value) {}

    private static final List<String> CREATE_FIELDS = List.of("value");
    private static final List<String> UPDATE_FIELDS = List.of("operation", "value");
    private static final String OPERATIONS = Arrays.toString(Operation.values());

    private CommandRequests() {}

    static Create create(@Nullable byte[] body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode object = object(document(body), CREATE_FIELDS, errors);
        double value = object == null ? Double.NaN : finiteNumber(object, "value", errors);
        failIfAny(errors);
        return new Create(value);
    }

    static Update update(@Nullable byte[] body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode object = object(document(body), UPDATE_FIELDS, errors);
        Operation operation = object == null ? null : operation(object, errors);
        double value = object == null ? Double.NaN : finiteNumber(object, "value", errors);
        failIfAny(errors);
        return new Update(operation, value);
    }

    static UUID uuid(String text, String field) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw invalid(List.of(new Problem.FieldError(field, "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6")));
    }

    private static JsonNode document(@Nullable byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StrictJson.read(body);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new Problem.FieldError("/", "the body must be a single valid JSON document: "
                    + concise(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw invalid(List.of(new Problem.FieldError("/", "the body must be JSON text in UTF-8")));
        }
    }

    /** Parser messages quote the input and name Jackson's classes; a client needs the first clause. */
    private static String concise(@Nullable String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        int aside = line.indexOf(" (bound as");
        String trimmed = aside > 0 ? line.substring(0, aside) : line;
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
    }

    private static JsonNode object(@Nullable JsonNode body, List<String> known, List<Problem.FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new Problem.FieldError("/", "the body must be a JSON object"));
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (!known.contains(entry.getKey())) {
                errors.add(new Problem.FieldError("/" + entry.getKey(), "unknown field; allowed: " + known));
            }
        }
        return body;
    }

    private static double finiteNumber(JsonNode object, String field, List<Problem.FieldError> errors) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            errors.add(new Problem.FieldError("/" + field, "is required"));
            return Double.NaN;
        }
        if (!node.isNumber()) {
            errors.add(new Problem.FieldError("/" + field, "must be a JSON number"));
            return Double.NaN;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            errors.add(new Problem.FieldError("/" + field, "must be a finite number within double range"));
        }
        return value;
    }

    private static Operation operation(JsonNode object, List<Problem.FieldError> errors) {
        JsonNode node = object.get("operation");
        if (node == null || node.isNull()) {
            errors.add(new Problem.FieldError("/operation", "is required; one of " + OPERATIONS));
            return null;
        }
        if (node.isTextual()) {
            for (Operation operation : Operation.values()) {
                if (operation.name().equals(node.textValue())) {
                    return operation;
                }
            }
        }
        errors.add(new Problem.FieldError("/operation", "must be one of " + OPERATIONS));
        return null;
    }

    private static void failIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String firstText = "/".equals(first.field()) ? first.message() : first.field() + " " + first.message();
        String detail = errors.size() == 1 ? firstText : errors.size() + " fields are invalid, first: " + firstText;
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail)
                .withErrors(List.copyOf(errors)));
    }
}
