package dev.abacus.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who installs the chart from a repository sees: no path into this repository, and a catalogue entry. */
class OperatorChartPackagingTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void notesPrintCommandsThatWorkWithoutThisRepository() throws IOException {
    String notes = Files.readString(Charts.OPERATOR_CHART.resolve("templates/NOTES.txt"));

    assertThat(notes).doesNotContainPattern("(examples|docs|charts)/[\\w.-]+").contains("kubectl apply -f -");
  }

  @Test
  void artifactHubAnnotationsDescribeTheCrdWithAnExampleTheSchemaAccepts() throws IOException {
    JsonNode annotations = YAML.readTree(Charts.OPERATOR_CHART.resolve("Chart.yaml").toFile()).path("annotations");

    assertThat(annotations.path("artifacthub.io/operator").asText()).isEqualTo("true");
    JsonNode crds = YAML.readTree(annotations.path("artifacthub.io/crds").asText());
    assertThat(crds.get(0).path("name").asText()).isEqualTo("calculatorpipelines.abacus.dev");
    JsonNode example = YAML.readTree(annotations.path("artifacthub.io/crdsExamples").asText()).get(0);
    JsonNode minimal = YAML.readTree(Charts.OPERATOR_CHART.resolve("../../examples/minimal-pipeline.yaml").toFile());
    assertThat(example).as("the catalogue's example is examples/minimal-pipeline.yaml").isEqualTo(minimal);
  }

  @Test
  void packagedChartCarriesItsReadmeAndItsDashboard(@TempDir Path work) throws IOException {
    new Helm(Charts.OPERATOR_CHART).packageIt().withDestination(work).call();
    String version = YAML.readTree(Charts.OPERATOR_CHART.resolve("Chart.yaml").toFile()).path("version").asText();
    Path packaged = work.resolve("abacus-operator-" + version + ".tgz");

    assertThat(Helm.show(packaged.toString()).readme().call().strip())
        .isEqualTo(Files.readString(Charts.OPERATOR_CHART.resolve("README.md")).strip());
    String rendered = Helm.template(packaged.toString()).withName(Charts.RELEASE).withNamespace(Charts.NAMESPACE)
        .withKubeVersion(Charts.KUBE_VERSION).set("monitoring.dashboards.enabled", true).call();
    ConfigMap dashboards = Charts.single(Charts.parse(rendered), ConfigMap.class);
    assertThat(dashboards.getData().get("abacus-pipeline.json"))
        .isEqualTo(Files.readString(Charts.OPERATOR_CHART.resolve("dashboards/abacus-pipeline.json")).strip());
  }
}
