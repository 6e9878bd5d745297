package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's values table, generated from values.yaml (keys, defaults and their {@code # --} comments, as
 * helm-docs reads them) and values.schema.json (types and allowed values).
 */
final class ValuesTable {

    static final String BEGIN = "<!-- values table: generated from values.yaml and values.schema.json -->";
    static final String END = "<!-- end of values table -->";

    /** A documented key: its dotted path and the text of its {@code # --} comment. */
    record Documented(String path, String description) {
    }

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode values;
    private final JsonNode schema;
    private final List<Documented> documented;

    private ValuesTable(Path chart) {
        try {
            values = Charts.YAML.readTree(chart.resolve("values.yaml").toFile());
            schema = JSON.readTree(chart.resolve("values.schema.json").toFile());
            documented = documented(Files.readAllLines(chart.resolve("values.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ValuesTable of(Path chart) {
        return new ValuesTable(chart);
    }

    /** The table in Markdown, framed by {@link #BEGIN} and {@link #END}. */
    String markdown() {
        StringBuilder table = new StringBuilder(BEGIN).append("\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n");
        for (Documented key : documented) {
            table.append("| `").append(key.path()).append("` | ").append(cell(type(schemaAt(key.path()))))
                    .append(" | `").append(cell(JSON.valueToTree(valueAt(key.path())).toString())).append("` | ")
                    .append(cell(key.description())).append(" |\n");
        }
        return table.append('\n').append(END).toString();
    }

    /** Keys of values.yaml that neither have a {@code # --} comment nor sit under one that has. */
    List<String> undocumented() {
        List<String> missing = new ArrayList<>();
        collectUndocumented(values, "", missing);
        return missing;
    }

    /** Properties of values.schema.json that values.yaml does not document. */
    List<String> schemaOnly() {
        List<String> missing = new ArrayList<>();
        collectSchemaOnly(schema, "", missing);
        return missing;
    }

    /** {@code readme} with its table replaced by the generated one. */
    String applyTo(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no values table markers: " + BEGIN + " … " + END);
        }
        return readme.substring(0, begin) + markdown() + readme.substring(end + END.length());
    }

    private static List<Documented> documented(List<String> lines) {
        List<Documented> keys = new ArrayList<>();
        Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
        StringBuilder pending = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("# --")) {
                pending = new StringBuilder(stripped.substring(4).strip());
            } else if (stripped.startsWith("#")) {
                if (pending != null) {
                    pending.append(' ').append(stripped.substring(1).strip());
                }
            } else if (stripped.isEmpty()) {
                pending = null;
            } else {
                Matcher key = KEY.matcher(line);
                if (!key.matches()) {
                    continue;
                }
                int indent = key.group(1).length();
                while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
                    parents.pop();
                }
                List<String> path = new ArrayList<>();
                parents.descendingIterator().forEachRemaining(parent -> path.add(parent.getValue()));
                path.add(key.group(2));
                if (pending != null) {
                    keys.add(new Documented(String.join(".", path), pending.toString()));
                }
                parents.push(Map.entry(indent, key.group(2)));
                pending = null;
            }
        }
        return keys;
    }

    private void collectUndocumented(JsonNode node, String path, List<String> missing) {
        if (!path.isEmpty() && isDocumented(path)) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectUndocumented(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), missing);
            }
        } else {
            missing.add(path);
        }
    }

    private void collectSchemaOnly(JsonNode node, String path, List<String> missing) {
        JsonNode resolved = resolve(node);
        if (!path.isEmpty() && isDocumented(path)) {
            return;
        }
        JsonNode properties = resolved.path("properties");
        if (properties.isObject() && properties.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!(path.isEmpty() && field.getKey().equals("global"))) {
                    collectSchemaOnly(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), missing);
                }
            }
        } else {
            missing.add(path);
        }
    }

    private boolean isDocumented(String path) {
        return documented.stream().anyMatch(key -> path.equals(key.path()) || path.startsWith(key.path() + "."));
    }

    private JsonNode valueAt(String path) {
        JsonNode node = values;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("no value at " + path);
        }
        return node;
    }

    private JsonNode schemaAt(String path) {
        JsonNode node = schema;
        for (String key : path.split("\\.")) {
            node = resolve(node).path("properties").path(key);
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException(path + " is in values.yaml but not in values.schema.json");
        }
        return resolve(node);
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = schema.at(ref.substring(1));
        }
        return node;
    }

    private String type(JsonNode node) {
        JsonNode resolved = resolve(node);
        if (resolved.has("title")) {
            return resolved.get("title").asText();
        }
        if (resolved.has("enum")) {
            List<String> allowed = new ArrayList<>();
            resolved.get("enum").forEach(value -> allowed.add("`" + value.asText() + "`"));
            return "one of " + String.join(", ", allowed);
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (resolved.has(combinator)) {
                Map<String, Boolean> alternatives = new LinkedHashMap<>();
                resolved.get(combinator).forEach(alternative -> alternatives.put(type(alternative), true));
                return String.join(" or ", alternatives.keySet());
            }
        }
        String type = resolved.path("type").asText("any");
        return switch (type) {
            case "array" -> "list of " + type(resolved.path("items"));
            case "object" -> resolved.has("additionalProperties") && resolved.get("additionalProperties").isObject()
                    ? "map of " + type(resolved.get("additionalProperties")) : "object";
            case "any" -> resolved.isEmpty() ? "any" : "object";
            default -> type;
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** For a failure message: the first differing line of two texts. */
    static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<end>";
            String g = i < got.size() ? got.get(i) : "<end>";
            if (!w.equals(g)) {
                return "line " + (i + 1) + ":\n  generated: " + w + "\n  README:    " + g;
            }
        }
        return "none";
    }
}
