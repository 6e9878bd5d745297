package dev.abacus.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates what `helm install` would create in fabric8's API-server emulator (CRUD mode). The emulator stores
 * objects and serves them back; it does not validate them against OpenAPI or the CRD schema, run controllers,
 * or enforce RBAC, so this proves the rendered objects are well-formed, addressable API objects, not that a
 * cluster would schedule them (AbacusClusterIT does that on k3s).
 */
@EnableKubernetesMockClient(crud = true)
class ChartEmulatorInstallTest {

  KubernetesClient client;

  @Test
  void clusterScopedInstallCreatesEveryObjectAndAcceptsAPipeline() throws IOException {
    installCrds();
    List<HasMetadata> rendered = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of());

    createAll(rendered);

    for (HasMetadata object : rendered) {
      assertThat(client.resource(object).get()).as(object.getKind() + " " + object.getMetadata().getName()).isNotNull();
    }
    Deployment operator = client.apps().deployments().inNamespace(Charts.NAMESPACE).withName("abacus-operator").get();
    assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("abacus/operator:0.1.0");

    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
        .createOr(existing -> existing.update());
    try (InputStream example = Files.newInputStream(Charts.EXAMPLES.resolve("minimal-pipeline.yaml"))) {
      client.load(example).inNamespace("default").create();
    }
    List<GenericKubernetesResource> pipelines = client.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline")
        .inNamespace("default").list().getItems();
    assertThat(pipelines).singleElement().satisfies(p -> {
      assertThat(p.getMetadata().getName()).isEqualTo("demo");
      assertThat(p.<String>get("spec", "kafka", "bootstrapServers")).isEqualTo("kafka:9092");
    });
  }

  @Test
  void namespacedInstallPutsRolesIntoEachWatchedNamespace() {
    List<HasMetadata> rendered = Charts.renderObjects(Charts.OPERATOR_CHART, """
        rbac: {scope: namespace}
        watchNamespaces: [team-a, team-b]
        serviceMonitor: {enabled: true}
        podDisruptionBudget: {enabled: true}
        """);

    createAll(rendered);

    assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
    assertThat(client.rbac().roles().inAnyNamespace().list().getItems()).extracting(Role::getMetadata)
        .extracting(m -> m.getNamespace() + "/" + m.getName())
        .containsExactlyInAnyOrder("team-a/abacus-operator", "team-b/abacus-operator",
            Charts.NAMESPACE + "/abacus-operator-leader-election");
    assertThat(client.rbac().roleBindings().inNamespace("team-b").withName("abacus-operator").get().getSubjects())
        .singleElement().satisfies(s -> assertThat(s.getNamespace()).isEqualTo(Charts.NAMESPACE));
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(Charts.NAMESPACE).withName("abacus-operator").get())
        .isNotNull();
    assertThat(client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup("monitoring.coreos.com").withVersion("v1").withKind("ServiceMonitor").withPlural("servicemonitors")
        .withNamespaced(true).build()).inNamespace(Charts.NAMESPACE).withName("abacus-operator").get()).isNotNull();
  }

  private void installCrds() throws IOException {
    for (Path file : Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds"))) {
      CustomResourceDefinition crd = client.getKubernetesSerialization()
          .unmarshal(Files.readString(file), CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }
  }

  private void createAll(List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      if (object instanceof GenericKubernetesResource custom) {
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
            .withGroup(custom.getApiVersion().substring(0, custom.getApiVersion().indexOf('/')))
            .withVersion(custom.getApiVersion().substring(custom.getApiVersion().indexOf('/') + 1))
            .withKind(custom.getKind())
            .withPlural(custom.getKind().toLowerCase(java.util.Locale.ROOT) + "s")
            .withNamespaced(true)
            .build();
        client.genericKubernetesResources(context).resource(custom).create();
      } else {
        client.resource(object).create();
      }
    }
  }
}
