package dev.abacus.operator.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the changes between two schemas of the same API version that an object stored under the older one could
 * fail: a field removed, a type or format changed, a range, length, enum or pattern narrowed, a field newly required,
 * a CEL rule added or changed, a list made a set or a map on keys its items did not have to carry. Such a change needs a new API version; widening needs nothing.
 */
public final class CrdCompatibility {

    private static final Pattern NEW_FIELD_GUARD = Pattern.compile("!has\\(self\\.([A-Za-z0-9_]+)\\)\\s*\\|\\|");

    private CrdCompatibility() {
    }

    /** Every narrowing of {@code released} in {@code current}, one line each, with its JSON path. */
    public static List<String> narrowings(JSONSchemaProps released, JSONSchemaProps current) {
        List<String> problems = new ArrayList<>();
        compare("", released, current, problems);
        return problems;
    }

    private static void compare(String path, JSONSchemaProps released, JSONSchemaProps current, List<String> problems) {
        String at = path.isEmpty() ? "." : path;
        if (current == null) {
            problems.add(at + ": removed");
            return;
        }
        if (!Objects.equals(released.getType(), current.getType())) {
            problems.add(at + ": type " + released.getType() + " -> " + current.getType());
            return;
        }
        if (current.getFormat() != null && !current.getFormat().equals(released.getFormat())) {
            problems.add(at + ": format " + released.getFormat() + " -> " + current.getFormat());
        }
        if (current.getPattern() != null && !current.getPattern().equals(released.getPattern())) {
            problems.add(at + ": pattern " + released.getPattern() + " -> " + current.getPattern());
        }
        lowerBound(at, "minimum", released.getMinimum(), current.getMinimum(), problems);
        upperBound(at, "maximum", released.getMaximum(), current.getMaximum(), problems);
        lowerBound(at, "minLength", released.getMinLength(), current.getMinLength(), problems);
        upperBound(at, "maxLength", released.getMaxLength(), current.getMaxLength(), problems);
        lowerBound(at, "minItems", released.getMinItems(), current.getMinItems(), problems);
        upperBound(at, "maxItems", released.getMaxItems(), current.getMaxItems(), problems);
        if (current.getEnum() != null && !current.getEnum().isEmpty()
                && (released.getEnum() == null || released.getEnum().isEmpty()
                || !new HashSet<>(current.getEnum()).containsAll(released.getEnum()))) {
            problems.add(at + ": enum " + released.getEnum() + " -> " + current.getEnum());
        }
        listType(at, released, current, problems);
        Set<String> required = new HashSet<>(Optional.ofNullable(current.getRequired()).orElse(List.of()));
        required.removeAll(Optional.ofNullable(released.getRequired()).orElse(List.of()));
        required.forEach(field -> problems.add(at + ": " + field + " newly required"));
        Set<String> rules = new HashSet<>();
        Optional.ofNullable(released.getXKubernetesValidations()).orElse(List.of())
                .forEach(rule -> rules.add(rule.getRule()));
        Set<String> releasedFields = Optional.ofNullable(released.getProperties()).orElse(Map.of()).keySet();
        Optional.ofNullable(current.getXKubernetesValidations()).orElse(List.of()).stream()
                .map(ValidationRule::getRule).filter(rule -> !rules.contains(rule))
                .filter(rule -> !guardedByNewField(rule, releasedFields))
                .forEach(rule -> problems.add(at + ": new or changed rule " + rule));
        Map<String, JSONSchemaProps> currentProperties = Optional.ofNullable(current.getProperties()).orElse(Map.of());
        Optional.ofNullable(released.getProperties()).orElse(Map.of()).forEach((name, schema) ->
                compare(path + "." + name, schema, currentProperties.get(name), problems));
        if (released.getItems() != null && released.getItems().getSchema() != null) {
            compare(path + "[]", released.getItems().getSchema(),
                    current.getItems() == null ? null : current.getItems().getSchema(), problems);
        }
        if (released.getAdditionalProperties() != null && released.getAdditionalProperties().getSchema() != null) {
            compare(path + "{}", released.getAdditionalProperties().getSchema(),
                    current.getAdditionalProperties() == null ? null : current.getAdditionalProperties().getSchema(),
                    problems);
        }
    }

    /**
     * A list-set or list-map rejects duplicates and a list-map needs its keys, so on an existing list only a map whose
     * keys every released item already had to carry passes: a schema cannot tell whether stored lists repeat a key.
     */
    private static void listType(String at, JSONSchemaProps released, JSONSchemaProps current, List<String> problems) {
        String was = Optional.ofNullable(released.getXKubernetesListType()).orElse("atomic");
        String is = Optional.ofNullable(current.getXKubernetesListType()).orElse("atomic");
        List<String> keys = Optional.ofNullable(current.getXKubernetesListMapKeys()).orElse(List.of());
        if (is.equals("set") && !was.equals("set") || is.equals("map") && was.equals("set")) {
            problems.add(at + ": list-type " + was + " -> " + is);
        } else if (is.equals("map") && was.equals("map")
                && !keys.equals(Optional.ofNullable(released.getXKubernetesListMapKeys()).orElse(List.of()))) {
            problems.add(at + ": list-map-keys " + released.getXKubernetesListMapKeys() + " -> " + keys);
        } else if (is.equals("map") && !was.equals("map")) {
            List<String> requiredBefore = released.getItems() == null || released.getItems().getSchema() == null
                    ? List.of() : Optional.ofNullable(released.getItems().getSchema().getRequired()).orElse(List.of());
            if (keys.isEmpty() || !requiredBefore.containsAll(keys)) {
                problems.add(at + ": list-type " + was + " -> map on keys " + keys + " not required before");
            }
        }
    }

    /**
     * A rule of the form {@code !has(self.f) || ...} holds for every stored object when {@code f} is new: no object
     * stored under the released schema has it (the API server prunes unknown fields).
     */
    private static boolean guardedByNewField(String rule, Set<String> releasedFields) {
        Matcher guard = NEW_FIELD_GUARD.matcher(rule);
        return guard.lookingAt() && !releasedFields.contains(guard.group(1));
    }

    private static void lowerBound(String at, String name, Number released, Number current, List<String> problems) {
        if (current != null && (released == null || current.doubleValue() > released.doubleValue())) {
            problems.add(at + ": " + name + " " + released + " -> " + current);
        }
    }

    private static void upperBound(String at, String name, Number released, Number current, List<String> problems) {
        if (current != null && (released == null || current.doubleValue() < released.doubleValue())) {
            problems.add(at + ": " + name + " " + released + " -> " + current);
        }
    }
}
