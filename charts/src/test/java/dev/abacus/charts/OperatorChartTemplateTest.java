package dev.abacus.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorChartTemplateTest {

  private static final String FULLNAME = "abacus-operator";

  @Test
  void defaultValuesRenderExactlyTheClusterScopedOperator() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of());

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "ServiceAccount/" + FULLNAME, "ClusterRole/" + FULLNAME, "ClusterRoleBinding/" + FULLNAME,
        "ClusterRole/" + FULLNAME + "-edit", "ClusterRole/" + FULLNAME + "-view",
        "Role/" + FULLNAME + "-leader-election", "RoleBinding/" + FULLNAME + "-leader-election",
        "Service/" + FULLNAME + "-metrics", "Deployment/" + FULLNAME);
    assertThat(objects).allSatisfy(object -> {
      assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "abacus-operator")
          .containsEntry("app.kubernetes.io/instance", Charts.RELEASE)
          .containsEntry("app.kubernetes.io/component", "operator")
          .containsEntry("app.kubernetes.io/part-of", "abacus")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/version", "0.1.0")
          .containsKey("helm.sh/chart");
    });
    objects.stream().filter(o -> !(o instanceof ClusterRole) && !(o instanceof ClusterRoleBinding))
        .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(Charts.NAMESPACE));

    ClusterRoleBinding binding = Charts.single(objects, ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
    assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
      assertThat(subject.getKind()).isEqualTo("ServiceAccount");
      assertThat(subject.getName()).isEqualTo(FULLNAME);
      assertThat(subject.getNamespace()).isEqualTo(Charts.NAMESPACE);
    });
  }

  @Test
  void userRolesLetNamespaceUsersManageOrReadPipelinesAndNothingElse() {
    Map<String, ClusterRole> roles = clusterRoles(Map.of());

    ClusterRole edit = roles.get(FULLNAME + "-edit");
    assertThat(edit.getMetadata().getLabels())
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-view");
    assertThat(edit.getRules()).allSatisfy(rule -> assertThat(rule.getApiGroups()).containsExactly("abacus.dev"));
    assertThat(edit.getRules()).extracting(rule -> rule.getResources() + " " + rule.getVerbs()).containsExactly(
        "[calculatorpipelines] [get, list, watch, create, update, patch, delete, deletecollection]",
        "[calculatorpipelines/status] [get, list, watch]");
    ClusterRole view = roles.get(FULLNAME + "-view");
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
        .doesNotContainKeys("rbac.authorization.k8s.io/aggregate-to-edit", "rbac.authorization.k8s.io/aggregate-to-admin");
    assertThat(view.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getResources()).containsExactly("calculatorpipelines", "calculatorpipelines/status");
      assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
    });
  }

  @Test
  void userRolesCanStayOutOfTheBuiltInRolesOrOutOfTheChart() {
    assertThat(clusterRoles(Map.of("userRoles.aggregate", false)).values())
        .allSatisfy(role -> assertThat(role.getMetadata().getLabels().keySet())
            .noneMatch(label -> label.startsWith("rbac.authorization.k8s.io/aggregate-to-")));
    assertThat(clusterRoles(Map.of("userRoles.create", false))).containsOnlyKeys(FULLNAME);
  }

  private static Map<String, ClusterRole> clusterRoles(Map<String, Object> values) {
    return Charts.renderObjects(Charts.OPERATOR_CHART, values).stream()
        .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
        .collect(Collectors.toMap(role -> role.getMetadata().getName(), role -> role));
  }

  @Test
  void operatorPodIsHardened() {
    Deployment deployment = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART, Map.of()), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .isEqualTo(Map.of("app.kubernetes.io/name", "abacus-operator", "app.kubernetes.io/instance", Charts.RELEASE,
            "app.kubernetes.io/component", "operator"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(pod.getServiceAccountName()).isEqualTo(FULLNAME);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    Container container = pod.getContainers().get(0);
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(container.getImage()).isEqualTo("abacus/operator:0.1.0");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getPrivileged()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
    assertThat(container.getStartupProbe()).isNotNull();
    assertThat(container.getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
  }

  @Test
  void imageRegistryAndTagReachTheOperatorAndTheServicesItDeploys() {
    Deployment deployment = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART,
        Map.of("image.registry", "registry.example.com/abacus", "image.tag", "1.2.3")), Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getImage()).isEqualTo("registry.example.com/abacus/operator:1.2.3");
    assertThat(env(container)).containsEntry("ABACUS_IMAGE_REGISTRY", "registry.example.com/abacus")
        .containsEntry("ABACUS_IMAGE_TAG", "1.2.3")
        .containsEntry("ABACUS_WATCH_NAMESPACES", "");
  }

  @Test
  void operatorTagUpgradesTheOperatorAloneAndLeavesTheServicesOnTheirTag() {
    Deployment deployment = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART,
        Map.of("image.tag", "1.2.3", "image.operatorTag", "1.2.4")), Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getImage()).isEqualTo("abacus/operator:1.2.4");
    assertThat(env(container)).containsEntry("ABACUS_IMAGE_TAG", "1.2.3");
  }

  @Test
  void logAndMetricsSettingsReachTheOperatorAsTheEnvironmentItReads() {
    Container defaults = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART, Map.of()), Deployment.class)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(defaults)).containsEntry("ABACUS_METRICS_PER_RESOURCE", "false")
        .containsEntry("ABACUS_LOG_LEVEL", "INFO")
        .containsEntry("ABACUS_LOG_FORMAT", "text");

    Container set = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART,
        Map.of("metrics.perResource", true, "logLevel", "DEBUG", "logFormat", "json")), Deployment.class)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(set)).containsEntry("ABACUS_METRICS_PER_RESOURCE", "true")
        .containsEntry("ABACUS_LOG_LEVEL", "DEBUG")
        .containsEntry("ABACUS_LOG_FORMAT", "json");
    assertThat(dev.abacus.operator.OperatorConfig.fromEnv(env(set)).perResourceMetrics()).isTrue();
  }

  @Test
  void namespaceScopeGrantsRolesOnlyInTheWatchedNamespaces() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART,
        """
        rbac: {scope: namespace}
        watchNamespaces: [team-a, team-b]
        """);

    assertThat(Charts.ofType(objects, ClusterRole.class)).as("only the users' roles, none the operator holds")
        .extracting(r -> r.getMetadata().getName()).containsExactlyInAnyOrder(FULLNAME + "-edit", FULLNAME + "-view");
    assertThat(Charts.ofType(objects, ClusterRoleBinding.class)).isEmpty();
    assertThat(pipelineRoles(objects)).extracting(r -> r.getMetadata().getNamespace())
        .containsExactly("team-a", "team-b");
    assertThat(Charts.ofType(objects, RoleBinding.class).stream().filter(b -> b.getMetadata().getName().equals(FULLNAME)))
        .allSatisfy(binding -> {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getSubjects()).singleElement()
          .satisfies(subject -> assertThat(subject.getNamespace()).isEqualTo(Charts.NAMESPACE));
    }).extracting(b -> b.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
    Container container = Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(container)).containsEntry("ABACUS_WATCH_NAMESPACES", "team-a,team-b");

    Map<String, List<String>> clusterVerbs = verbsByResource(
        clusterRoles(Map.of()).get(FULLNAME).getRules());
    assertThat(pipelineRoles(objects))
        .allSatisfy(role -> assertThat(verbsByResource(role.getRules())).isEqualTo(clusterVerbs));
  }

  @Test
  void namespaceScopeWithoutListWatchesTheReleaseNamespace() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of("rbac.scope", "namespace"));

    assertThat(pipelineRoles(objects)).singleElement()
        .satisfies(role -> assertThat(role.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE));
    Container container = Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(container)).containsEntry("ABACUS_WATCH_NAMESPACES", Charts.NAMESPACE);
  }

  @Test
  void secretAccessCanBeNarrowedToTheSecretsPipelinesReference() {
    PolicyRule clusterWide = secretRule(Charts.renderObjects(Charts.OPERATOR_CHART,
        "rbac: {secretNames: [kafka-client, kafka-truststore]}\n").stream()
        .filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(FULLNAME)).map(ClusterRole.class::cast)
        .findFirst().orElseThrow().getRules());
    assertThat(clusterWide.getResourceNames()).containsExactly("kafka-client", "kafka-truststore");
    assertThat(clusterWide.getVerbs()).containsExactly("get");
    List<HasMetadata> namespaced = Charts.renderObjects(Charts.OPERATOR_CHART,
        "rbac: {scope: namespace, secretNames: [kafka-client]}\n");
    assertThat(pipelineRoles(namespaced)).singleElement()
        .satisfies(role -> assertThat(secretRule(role.getRules()).getResourceNames()).containsExactly("kafka-client"));
    assertThat(secretRule(clusterRoles(Map.of()).get(FULLNAME).getRules())
        .getResourceNames()).as("by default any Secret in scope").isEmpty();
  }

  private static PolicyRule secretRule(List<PolicyRule> rules) {
    return rules.stream().filter(rule -> rule.getResources().contains("secrets")).findFirst().orElseThrow();
  }

  @Test
  void rbacAndServiceAccountCanBeManagedOutsideTheChart() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART,
        Map.of("rbac.create", false, "userRoles.create", false, "serviceAccount.create", false,
            "serviceAccount.name", "platform-operator"));

    assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Service", "Deployment");
    assertThat(Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-operator");
  }

  @Test
  void optionalServiceMonitorAndDisruptionBudgetSelectTheOperatorPods() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of(
        "serviceMonitor.enabled", true, "serviceMonitor.labels.release", "prometheus",
        "podDisruptionBudget.enabled", true, "replicaCount", 2));
    Map<String, String> selector = Charts.single(objects, Deployment.class).getSpec().getSelector().getMatchLabels();

    PodDisruptionBudget budget = Charts.single(objects, PodDisruptionBudget.class);
    assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);

    GenericKubernetesResource monitor = Charts.ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels")).isEqualTo(selector);
    assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http-metrics");
    assertThat(Charts.single(objects, Service.class).getSpec().getSelector()).isEqualTo(selector);
  }

  @Test
  void serviceAccountTokenIsMountedBecauseTheOperatorTalksToTheApiServer() {
    ServiceAccount account = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART, Map.of()), ServiceAccount.class);

    assertThat(account.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  void leaderElectionUsesALeaseInTheReleaseNamespaceOnly() {
    List<HasMetadata> objects = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of());
    Role leases = Charts.ofType(objects, Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals(FULLNAME + "-leader-election")).findFirst().orElseThrow();
    Container container = Charts.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(leases.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
    assertThat(verbsByResource(leases.getRules())).containsOnlyKeys("coordination.k8s.io/leases");
    assertThat(env(container)).containsEntry("ABACUS_LEADER_ELECTION", "true")
        .containsEntry("ABACUS_LEADER_ELECTION_LEASE_NAME", FULLNAME)
        .containsEntry("ABACUS_OPERATOR_HTTP_PORT", "8080");
    assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("POD_NAMESPACE")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));

    List<HasMetadata> single = Charts.renderObjects(Charts.OPERATOR_CHART, Map.of("leaderElection.enabled", false));
    assertThat(Charts.ofType(single, Role.class)).isEmpty();
    assertThat(Charts.single(single, Deployment.class).getSpec().getStrategy().getType()).isEqualTo("Recreate");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART,
            Map.of("leaderElection.enabled", false, "replicaCount", 2)))
        .hasMessageContaining("replicaCount > 1 needs leaderElection.enabled=true");
  }

  private static List<Role> pipelineRoles(List<HasMetadata> objects) {
    return Charts.ofType(objects, Role.class).stream().filter(r -> r.getMetadata().getName().equals(FULLNAME)).toList();
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static Map<String, List<String>> verbsByResource(List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules) {
    return rules.stream().flatMap(rule -> rule.getResources().stream().flatMap(resource -> rule.getApiGroups().stream()
            .map(group -> Map.entry(group + "/" + resource, rule.getVerbs()))))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
