package dev.abacus.commander;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.abacus.contract.ProblemType;
import dev.abacus.domain.StrictJson;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.type.Argument;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@link CommandRequest} strictly, as {@link StrictJson} reads records: one JSON document with no key twice,
 * an object with exactly the record's fields, a JSON number for a {@code Double} (never a numeric string), an enum
 * constant's exact name; then the record's constraints. Every failure is one 400 naming each field at fault: unknown
 * fields first, then the record's fields in their order.
 */
final class CommandRequests {

    static final String UUID_EXAMPLE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private CommandRequests() {}

    static <T extends CommandRequest> T read(@Nullable byte[] body, Class<T> type, Validator validator) {
        BeanIntrospection<T> introspection = BeanIntrospection.getIntrospection(type);
        Argument<?>[] fields = introspection.getConstructorArguments();
        List<String> names = Arrays.stream(fields).map(Argument::getName).toList();
        JsonNode object = document(body);
        if (object == null || !object.isObject()) {
            throw notAnObject();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!names.contains(entry.getKey())) {
                errors.add(new Problem.FieldError("/" + entry.getKey(), "unknown field; allowed: " + names));
            }
        }
        Map<String, String> misshapen = new HashMap<>();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = value(object.get(names.get(i)), fields[i].getType(), names.get(i), misshapen);
        }
        T request = introspection.instantiate(false, values);
        Map<String, List<String>> violations = validator.validate(request).stream().collect(Collectors.groupingBy(
                violation -> violation.getPropertyPath().toString(),
                Collectors.mapping(ConstraintViolation::getMessage, Collectors.toList())));
        for (String name : names) {
            if (misshapen.containsKey(name)) {
                errors.add(new Problem.FieldError("/" + name, misshapen.get(name)));
            } else {
                violations.getOrDefault(name, List.of()).stream().sorted()
                        .forEach(message -> errors.add(new Problem.FieldError("/" + name, message)));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return request;
    }

    static ProblemException notAnObject() {
        return invalid(List.of(new Problem.FieldError("/", "the body must be a JSON object")));
    }

    static ProblemException notAUuid(String field) {
        return invalid(List.of(new Problem.FieldError(field, "must be a UUID such as " + UUID_EXAMPLE)));
    }

    /** Null (absent, or JSON null) or the node as the field's type; a node of another shape is noted, and null. */
    @Nullable
    private static Object value(@Nullable JsonNode node, Class<?> type, String name, Map<String, String> misshapen) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type == Double.class) {
            if (node.isNumber()) {
                return node.doubleValue();
            }
            misshapen.put(name, "must be a JSON number");
            return null;
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (node.isTextual() && ((Enum<?>) constant).name().equals(node.textValue())) {
                    return constant;
                }
            }
            misshapen.put(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
        throw new IllegalStateException("a command field of type " + type.getName() + " has no JSON reading");
    }

    @Nullable
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

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String firstText = "/".equals(first.field()) ? first.message() : first.field() + " " + first.message();
        String detail = errors.size() == 1 ? firstText : errors.size() + " fields are invalid, first: " + firstText;
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail)
                .withErrors(List.copyOf(errors)));
    }
}
