package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart ships exactly the CRD the operator build generates, and the sample pipelines fit its schema.
 * The structural check ({@link Charts#validate}) covers field names, types, enums, bounds, patterns and required
 * fields; the CEL rules (x-kubernetes-validations) need a real API server and are not evaluated.
 */
class CrdPackagingTest {

  private static final ObjectMapper YAML = Charts.YAML;

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
    JsonNode schema = Charts.crdSchema();

    assertThat(pipeline.path("apiVersion").asText()).isEqualTo("abacus.dev/v1alpha1");
    assertThat(pipeline.path("kind").asText()).isEqualTo("CalculatorPipeline");
    List<String> violations = new ArrayList<>();
    Charts.validate(pipeline.path("spec"), schema.path("properties").path("spec"), "spec", violations);
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

    Charts.validate(broken, Charts.crdSchema().path("properties").path("spec"), "spec", violations);

    assertThat(violations).anyMatch(v -> v.contains("spec.kafka.bootstrapServer: unknown field"))
        .anyMatch(v -> v.contains("spec.kafka: missing required bootstrapServers"))
        .anyMatch(v -> v.contains("spec.topics.partitions: below minimum"))
        .anyMatch(v -> v.contains("spec.topics.deletionPolicy: not one of"))
        .anyMatch(v -> v.contains("spec.commander.replicas: expected integer"));
  }
}
