package dev.abacus.contract.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A service's OpenAPI document, as a judge of the answers the service really gives: the status must be one the
 * operation lists, the content type one that response lists, and a JSON body must have the shape of its schema. The
 * schema check is deliberately small (type, required, properties, additionalProperties, items, enum, allOf/anyOf/oneOf,
 * minimum/maximum, the uuid, uri and date-time formats, local $refs), which is all the documents use.
 */
public final class OpenApiContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document the build wrote into a service's classes ({@code META-INF/swagger/<name>.yml}). */
    public static OpenApiContract fromClasspath(String resource) {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the class path: is micronaut-openapi run?");
            }
            return new OpenApiContract(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiContract of(JsonNode document) {
        return new OpenApiContract(document);
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation, as {@code "GET /values/{id}"}. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The operation a request to {@code path} (query and all, as sent) reaches, as {@link #operations()} names it. */
    public Optional<String> operation(String method, String path) {
        String[] segments = stripQuery(path).split("/", -1);
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            if (entry.getValue().has(method.toLowerCase(Locale.ROOT)) && matches(entry.getKey().split("/", -1), segments)) {
                return Optional.of(method.toUpperCase(Locale.ROOT) + " " + entry.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with an answer to {@code method path} against the document: nothing when it conforms, one line per
     * fault otherwise. A request that reaches no documented operation is a fault too.
     */
    public List<String> faults(String method, String path, int status, String contentType, String body) {
        String what = method + " " + path + " -> " + status;
        Optional<String> operation = operation(method, path);
        if (operation.isEmpty()) {
            return List.of(what + ": no operation in the document");
        }
        String template = operation.get().substring(operation.get().indexOf(' ') + 1);
        JsonNode responses = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status)) : responses.get("default");
        if (response == null) {
            return List.of(what + ": the document lists " + names(responses) + " for " + operation.get());
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        if (method.equalsIgnoreCase("HEAD")) {
            return List.of();
        }
        if (body == null || body.isEmpty()) {
            return content.isEmpty() ? List.of() : List.of(what + ": no body where the document lists " + names(content));
        }
        if (content.isMissingNode() || content.isEmpty()) {
            return List.of(what + ": a body where the document lists none");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(mediaType);
        if (media == null) {
            return List.of(what + ": content type " + contentType + ", the document lists " + names(content));
        }
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            return List.of();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(what + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> faults = new ArrayList<>();
        check(media.path("schema"), json, "", faults);
        return faults.stream().map(fault -> what + ": " + fault).toList();
    }

    private void check(JsonNode declared, JsonNode value, String at, List<String> faults) {
        JsonNode schema = resolve(declared);
        String where = at.isEmpty() ? "/" : at;
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, faults);
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.has(alternatives)) {
                boolean any = false;
                for (JsonNode part : schema.get(alternatives)) {
                    List<String> tried = new ArrayList<>();
                    check(part, value, at, tried);
                    any |= tried.isEmpty();
                }
                if (!any) {
                    faults.add(where + " matches none of " + alternatives);
                }
            }
        }
        Set<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> hasType(value, type))) {
            faults.add(where + " is " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ", not " + types);
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            faults.add(where + " is " + value + ", not one of " + schema.get("enum"));
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.doubleValue() < schema.get("minimum").doubleValue()) {
                faults.add(where + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.doubleValue() > schema.get("maximum").doubleValue()) {
                faults.add(where + " is above " + schema.get("maximum"));
            }
        }
        if (value.isTextual() && schema.has("format")) {
            checkFormat(schema.get("format").asText(), value.asText(), where, faults);
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    faults.add(where + " lacks required " + required.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            value.fields().forEachRemaining(field -> {
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), at + "/" + field.getKey(), faults);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    faults.add(where + " has " + field.getKey() + ", which the schema does not list");
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "/" + i, faults);
            }
        }
    }

    private static void checkFormat(String format, String text, String where, List<String> faults) {
        try {
            switch (format) {
                case "uuid" -> {
                    if (text.length() != 36 || !UUID.fromString(text).toString().equalsIgnoreCase(text)) {
                        faults.add(where + " is not a UUID: " + text);
                    }
                }
                case "date-time" -> OffsetDateTime.parse(text);
                case "uri" -> java.net.URI.create(text);
                default -> {
                    // other formats are annotations only
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            faults.add(where + " is not a " + format + ": " + text);
        }
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(each -> types.add(each.asText()));
        if (schema.path("nullable").asBoolean(false) && !types.isEmpty()) {
            types.add("null");
        }
        return types;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode each : values) {
            if (each.equals(value) || (each.isTextual() && value.isTextual() && each.asText().equals(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode resolved = node;
        for (int depth = 0; resolved.has("$ref"); depth++) {
            String ref = resolved.get("$ref").asText();
            if (!ref.startsWith("#/") || depth > 16) {
                throw new IllegalArgumentException("cannot follow " + ref);
            }
            resolved = document.at(ref.substring(1).replace("~1", "/"));
            if (resolved.isMissingNode()) {
                throw new IllegalArgumentException("the document has no " + ref);
            }
        }
        return resolved;
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
            if (variable ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
