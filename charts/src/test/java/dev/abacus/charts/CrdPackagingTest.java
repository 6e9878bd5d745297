package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart ships exactly the CRD the operator build generates, and the sample pipelines fit its schema.
 * The structural check here covers field names, types, enums, bounds, patterns and required fields; the
 * CEL rules (x-kubernetes-validations) need a real API server and are not evaluated.
 */
class CrdPackagingTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void chartCrdsAreByteForByteTheGeneratedCrds() throws IOException {
    List<Path> generated = Charts.yamlFiles(Charts.PROJECT_CRDS);
    List<Path> packaged = Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds"));

    assertThat(generated).as("generated CRDs in %s", Charts.PROJECT_CRDS).isNotEmpty();
    assertThat(packaged).extracting(p -> p.getFileName().toString())
        .containsExactlyElementsOf(generated.stream().map(p -> p.getFileName().toString()).toList());
    for (Path file : generated) {
      assertThat(Charts.OPERATOR_CHART.resolve("crds").resolve(file.getFileName()))
          .as("chart CRD is stale; run: cp crds/*.yml charts/abacus-operator/crds/")
          .hasSameBinaryContentAs(file);
    }
  }

  @Test
  void helmPackagesTheCrdForInstallation() {
    String crds = new Helm(Charts.OPERATOR_CHART).show().crds().call();

    CustomResourceDefinition crd = Charts.single(Charts.parse(crds), CustomResourceDefinition.class);
    assertThat(crd.getMetadata().getName()).isEqualTo("calculatorpipelines.abacus.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getName).contains("v1alpha1");
    assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage)
        .singleElement().satisfies(v -> assertThat(v.getSubresources().getStatus()).isNotNull());
  }

  static List<Path> examples() {
    return Charts.yamlFiles(Charts.EXAMPLES).stream()
        .filter(file -> file.getFileName().toString().contains("pipeline"))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplePipelinesFitTheCrdSchema(Path example) throws IOException {
    JsonNode pipeline = YAML.readTree(example.toFile());
    JsonNode schema = crdSchema();

    assertThat(pipeline.path("apiVersion").asText()).isEqualTo("abacus.dev/v1alpha1");
    assertThat(pipeline.path("kind").asText()).isEqualTo("CalculatorPipeline");
    List<String> violations = new ArrayList<>();
    validate(pipeline.path("spec"), schema.path("properties").path("spec"), "spec", violations);
    assertThat(violations).isEmpty();
  }

  @Test
  void schemaCheckCatchesTyposAndBadValues() throws IOException {
    JsonNode broken = YAML.readTree("""
        kafka: {bootstrapServer: "x:9092"}
        topics: {partitions: 0, deletionPolicy: Purge}
        commander: {replicas: "two"}
        """);
    List<String> violations = new ArrayList<>();

    validate(broken, crdSchema().path("properties").path("spec"), "spec", violations);

    assertThat(violations).anyMatch(v -> v.contains("spec.kafka.bootstrapServer: unknown field"))
        .anyMatch(v -> v.contains("spec.kafka: missing required bootstrapServers"))
        .anyMatch(v -> v.contains("spec.topics.partitions: below minimum"))
        .anyMatch(v -> v.contains("spec.topics.deletionPolicy: not one of"))
        .anyMatch(v -> v.contains("spec.commander.replicas: expected integer"));
  }

  private static JsonNode crdSchema() throws IOException {
    JsonNode crd = YAML.readTree(Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds")).get(0).toFile());
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("name").asText().equals("v1alpha1")) {
        return version.path("schema").path("openAPIV3Schema");
      }
    }
    throw new AssertionError("no v1alpha1 in the CRD");
  }

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
}
