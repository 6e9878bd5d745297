package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Locations of the charts and the project files they package, and rendering helpers. */
final class Charts {

  static final Path MODULE_DIR = locateModuleDir();
  static final Path OPERATOR_CHART = MODULE_DIR.resolve("abacus-operator");
  static final Path PIPELINE_CHART = MODULE_DIR.resolve("abacus-pipeline");
  static final Path PROJECT_CRDS = MODULE_DIR.getParent().resolve("crds");
  static final Path EXAMPLES = MODULE_DIR.getParent().resolve("examples");
  static final String RELEASE = "abacus-operator";
  static final String NAMESPACE = "abacus-system";

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Charts() {
  }

  static final String KUBE_VERSION = "1.33.0";

  static String render(Path chart, Map<String, Object> values) {
    TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return template.call();
  }

  static String render(Path chart, String valuesYaml) {
    return render(chart, RELEASE, NAMESPACE, valuesYaml);
  }

  static String render(Path chart, String release, String namespace, String valuesYaml) {
    try {
      Path valuesFile = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(valuesFile, valuesYaml);
        return new Helm(chart).template().withName(release).withNamespace(namespace).withKubeVersion(KUBE_VERSION)
            .withValuesFile(valuesFile).call();
      } finally {
        Files.delete(valuesFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> renderObjects(Path chart, String valuesYaml) {
    return parse(render(chart, valuesYaml));
  }

  static List<HasMetadata> renderObjects(Path chart, Map<String, Object> values) {
    return parse(render(chart, values));
  }

  static List<HasMetadata> parse(String multiDocumentYaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : multiDocumentYaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
      if (parsed instanceof HasMetadata object) {
        objects.add(object);
      } else if (parsed instanceof List<?> list) {
        list.stream().map(HasMetadata.class::cast).forEach(objects::add);
      }
    }
    return objects;
  }

  static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted(Comparator.comparing(Path::getFileName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
    List<T> matches = ofType(objects, type);
    if (matches.size() != 1) {
      throw new AssertionError("expected exactly one " + type.getSimpleName() + " but got " + matches.size());
    }
    return matches.get(0);
  }

  /** The v1alpha1 openAPIV3Schema of the CRD packaged in the operator chart. */
  static JsonNode crdSchema() throws IOException {
    JsonNode crd = YAML.readTree(Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds")).get(0).toFile());
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("name").asText().equals("v1alpha1")) {
        return version.path("schema").path("openAPIV3Schema");
      }
    }
    throw new AssertionError("no v1alpha1 in the CRD");
  }

  /**
   * Structural check of {@code value} against a CRD schema node: field names, types, enums, bounds, patterns and
   * required fields. CEL rules (x-kubernetes-validations) need a real API server and are not evaluated.
   */
  static void validate(JsonNode value, JsonNode schema, String path, List<String> violations) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isTextual() && !value.isIntegralNumber()) {
        violations.add(path + ": expected integer or string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> validateObject(value, schema, path, violations);
      case "array" -> {
        if (!value.isArray()) {
          violations.add(path + ": expected array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          validate(value.get(i), schema.path("items"), path + "[" + i + "]", violations);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          violations.add(path + ": expected string");
          return;
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
          violations.add(path + ": does not match " + schema.get("pattern").asText());
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          violations.add(path + ": expected integer");
          return;
        }
        if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
          violations.add(path + ": below minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
          violations.add(path + ": above maximum " + schema.get("maximum"));
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          violations.add(path + ": expected boolean");
        }
      }
      default -> {
      }
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        violations.add(path + ": not one of " + schema.get("enum"));
      }
    }
  }

  private static void validateObject(JsonNode value, JsonNode schema, String path, List<String> violations) {
    if (!value.isObject()) {
      violations.add(path + ": expected object");
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        violations.add(path + ": missing required " + required.asText());
      }
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path + "." + field.getKey();
      if (schema.path("properties").has(field.getKey())) {
        validate(field.getValue(), schema.path("properties").get(field.getKey()), fieldPath, violations);
      } else if (schema.has("additionalProperties")) {
        validate(field.getValue(), schema.get("additionalProperties"), fieldPath, violations);
      } else {
        violations.add(fieldPath + ": unknown field (the API server would prune it)");
      }
    }
  }

  private static Path locateModuleDir() {
    Path dir = Path.of("").toAbsolutePath();
    if (Files.isDirectory(dir.resolve("abacus-operator"))) {
      return dir;
    }
    if (Files.isDirectory(dir.resolve("charts/abacus-operator"))) {
      return dir.resolve("charts");
    }
    throw new IllegalStateException("run from the charts module or the project root, not " + dir);
  }
}
