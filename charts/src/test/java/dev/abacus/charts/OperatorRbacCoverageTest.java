package dev.abacus.charts;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.operator.AbacusOperator;
import dev.abacus.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Queue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the real operator ({@link AbacusOperator}, wired as in the image) against fabric8's API-server emulator
 * through one create, update and delete of a pipeline, records every API request the operator made, and checks
 * each against the RBAC rules the chart renders for the same scope: the rules are derived from the code's
 * behaviour, not from a list kept by hand. Least privilege is checked at resource level: the chart grants
 * no resource the operator never touched.
 *
 * <p>This test stays on the emulator for one thing the real tier does not give: a record of every request the
 * operator made, which is what proves the chart grants nothing unused. That the rules are enough, Lease included
 * (get, create, update, patch: the patch was found missing on a real API server), is proven on the real control
 * plane by ChartOnControlPlaneIT. The emulator enforces no RBAC itself and has no Deployment controller, so pods never become ready; code
 * paths that only run later in a rebuild (switching, draining) are not exercised here and their requests are
 * covered only if the same (group, resource, verb) already appeared.
 */
class OperatorRbacCoverageTest {

  private static final String OPERATOR_AGENT = "abacus-operator-under-test";
  private static final String PIPELINE_NAMESPACE = "team-a";

  /** Self-reviews are open to every authenticated user (ClusterRole system:basic-user); no rule is needed. */
  private static final String SELF_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubject";

  /**
   * Setting ownerReferences with blockOwnerDeletion needs update on the owner's finalizers under the
   * OwnerReferencesPermissionEnforcement admission plugin (on by default in OpenShift); the emulator runs no
   * admission, so the request that needs it never shows up here.
   */
  private static final Set<String> NEEDED_BY_ADMISSION_ONLY = Set.of("abacus.dev/calculatorpipelines/finalizers");

  static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.startTemporary();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @ParameterizedTest(name = "rbac.scope={0}")
  @ValueSource(strings = {"cluster", "namespace"})
  void chartRulesAllowEveryRequestTheOperatorMakes(String scope) throws Exception {
    List<HasMetadata> rendered = Charts.renderObjects(Charts.OPERATOR_CHART, """
        rbac: {scope: %s}
        watchNamespaces: [%s]
        """.formatted(scope, PIPELINE_NAMESPACE));
    Map<String, List<PolicyRule>> rulesByNamespace = rulesByNamespace(rendered);

    List<ApiRequest> requests = recordOperatorRequests(scope.equals("namespace"), rulesByNamespace.get(Charts.NAMESPACE));

    assertThat(requests).as("operator requests").isNotEmpty();
    List<String> denied = requests.stream()
        .filter(request -> !request.allowedBy(rulesFor(rulesByNamespace, request.namespace())))
        .map(ApiRequest::toString).distinct().sorted().toList();
    assertThat(denied).as("requests the chart's %s-scoped RBAC would deny", scope).isEmpty();

    Set<String> touched = requests.stream().map(r -> r.apiGroup() + "/" + r.resource())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> granted = rulesByNamespace.values().stream().flatMap(List::stream)
        .filter(rule -> !rule.getApiGroups().contains("coordination.k8s.io"))
        .flatMap(rule -> rule.getApiGroups().stream().flatMap(g -> rule.getResources().stream().map(r -> g + "/" + r)))
        .collect(Collectors.toCollection(TreeSet::new));
    touched.addAll(NEEDED_BY_ADMISSION_ONLY);
    assertThat(granted).as("granted resources the operator never used").isSubsetOf(touched);
    System.out.println("operator requests (" + scope + "): " + requests.stream().map(ApiRequest::toString)
        .map(s -> s.replaceAll(" in .*", "")).collect(Collectors.toCollection(TreeSet::new)));
  }

  private static List<ApiRequest> recordOperatorRequests(boolean namespaced, List<PolicyRule> operatorNamespaceRules)
      throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
        new KubernetesMixedDispatcher(expectations), false);
    server.init();
    answerSelfSubjectRulesReviews(server, operatorNamespaceRules);
    try (KubernetesClient admin = server.createClient();
         KubernetesClient operatorClient = new KubernetesClientBuilder()
             .withConfig(new ConfigBuilder(admin.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build()) {
      for (Path file : Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds"))) {
        admin.resource(admin.getKubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class))
            .create();
      }
      for (String namespace : List.of(Charts.NAMESPACE, PIPELINE_NAMESPACE)) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      admin.secrets().inNamespace(PIPELINE_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
          .withName("kafka-client").endMetadata().addToStringData("client.properties", "security.protocol=PLAINTEXT\n")
          .build()).create();

      Map<String, String> env = new LinkedHashMap<>();
      env.put("ABACUS_SERVER_SIDE_APPLY", "false");
      env.put("ABACUS_LEADER_ELECTION", "false");
      env.put("ABACUS_LEADER_ELECTION_LEASE_NAME", "abacus-operator");
      env.put("POD_NAMESPACE", Charts.NAMESPACE);
      env.put("POD_NAME", "abacus-operator-0");
      env.put("ABACUS_OPERATOR_HTTP_PORT", "0");
      env.put("ABACUS_KAFKA_API_TIMEOUT", "3s");
      env.put("ABACUS_RESYNC_INTERVAL", "2s");
      env.put("ABACUS_REBUILD_POLL_INTERVAL", "1s");
      if (namespaced) {
        env.put("ABACUS_WATCH_NAMESPACES", PIPELINE_NAMESPACE);
      }
      try (AbacusOperator ignored = AbacusOperator.start(OperatorConfig.fromEnv(env), operatorClient)) {
        runPipelineLifecycle(admin);
      }
      return drainOperatorRequests(server);
    } finally {
      server.destroy();
    }
  }

  @SuppressWarnings("unchecked")
  private static void runPipelineLifecycle(KubernetesClient admin) {
    Resource<GenericKubernetesResource> pipeline = admin.genericKubernetesResources("abacus.dev/v1alpha1",
        "CalculatorPipeline").inNamespace(PIPELINE_NAMESPACE).withName("rbac");
    GenericKubernetesResource created = new GenericKubernetesResource();
    created.setApiVersion("abacus.dev/v1alpha1");
    created.setKind("CalculatorPipeline");
    created.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("rbac")
        .withNamespace(PIPELINE_NAMESPACE).build());
    created.setAdditionalProperty("spec", Map.of(
        "kafka", Map.of("bootstrapServers", kafka.bootstrapServers(),
            "clientProperties", Map.of("name", "kafka-client", "key", "client.properties")),
        "topics", Map.of("partitions", 2, "replicationFactor", 1, "deletionPolicy", "Delete")));
    admin.resource(created).create();

    Duration patience = Duration.ofSeconds(45);
    await().atMost(patience).until(() -> observedGeneration(pipeline) >= 1
        && admin.apps().deployments().inNamespace(PIPELINE_NAMESPACE).list().getItems().size() >= 3);

    pipeline.edit(current -> {
      Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) current.getAdditionalProperties().get("spec"));
      spec.put("commander", Map.of("replicas", 2));
      spec.put("view", Map.of("replicas", 1, "rebuild", "rbac-check"));
      current.setAdditionalProperty("spec", spec);
      return current;
    });
    long generation = pipeline.get().getMetadata().getGeneration();
    await().atMost(patience).until(() -> observedGeneration(pipeline) >= generation
        && admin.apps().deployments().inNamespace(PIPELINE_NAMESPACE).list().getItems().stream()
        .map(Deployment::getSpec).anyMatch(spec -> spec.getReplicas() != null && spec.getReplicas() == 2));

    pipeline.delete();
    await().atMost(patience).until(() -> pipeline.get() == null);
  }

  /**
   * JOSDK checks its Lease rights with a SelfSubjectRulesReview before electing a leader; the emulator cannot
   * answer one, so it answers what a real API server would: the chart's rules in the operator's namespace.
   */
  private static void answerSelfSubjectRulesReviews(KubernetesMockServer server, List<PolicyRule> rules) {
    SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
        .withNewMetadata().endMetadata()
        .withNewSpec().withNamespace(Charts.NAMESPACE).endSpec()
        .withNewStatus().withIncomplete(false)
        .withResourceRules(rules.stream().map(rule -> new ResourceRuleBuilder().withApiGroups(rule.getApiGroups())
            .withResources(rule.getResources()).withVerbs(rule.getVerbs()).build()).toList())
        .endStatus().build();
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review).always();
  }

  private static long observedGeneration(Resource<GenericKubernetesResource> pipeline) {
    GenericKubernetesResource current = pipeline.get();
    Number observed = current == null ? null : current.get("status", "observedGeneration");
    return observed == null ? 0 : observed.longValue();
  }

  private static List<ApiRequest> drainOperatorRequests(KubernetesMockServer server) throws InterruptedException {
    List<ApiRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (OPERATOR_AGENT.equals(request.getHeader("User-Agent")) && !request.getPath().startsWith(SELF_REVIEWS)) {
        ApiRequest.of(request.getMethod(), request.getPath()).ifPresent(requests::add);
      }
    }
    return requests;
  }

  /** Rules per namespace; the key null holds the cluster-wide rules. */
  private static Map<String, List<PolicyRule>> rulesByNamespace(List<HasMetadata> rendered) {
    Map<String, List<PolicyRule>> rules = new LinkedHashMap<>();
    Charts.ofType(rendered, ClusterRole.class)
        .forEach(role -> rules.computeIfAbsent(null, k -> new ArrayList<>()).addAll(role.getRules()));
    Charts.ofType(rendered, Role.class).forEach(role -> rules
        .computeIfAbsent(role.getMetadata().getNamespace(), k -> new ArrayList<>()).addAll(role.getRules()));
    return rules;
  }

  private static List<PolicyRule> rulesFor(Map<String, List<PolicyRule>> rulesByNamespace, String namespace) {
    List<PolicyRule> rules = new ArrayList<>(rulesByNamespace.getOrDefault(null, List.of()));
    if (namespace != null) {
      rules.addAll(rulesByNamespace.getOrDefault(namespace, List.of()));
    }
    return rules;
  }
}
