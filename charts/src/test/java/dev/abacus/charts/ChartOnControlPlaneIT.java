package dev.abacus.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.kube.testkit.ConflictRetry;
import dev.abacus.kube.testkit.ControlPlane;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.AbacusOperator;
import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.NetworkPoliciesSpec;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.api.ViewPhase;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a platform team does: {@code helm install} of the operator chart on a real kube-apiserver, then the operator
 * running with the chart's ServiceAccount (a TokenRequest token) and the settings the chart's Deployment gives it,
 * through create, scale, rebuild, Kafka outage and delete of a pipeline, in both RBAC scopes. The same identity is
 * refused what the operator does not need. The operator process runs in the test JVM: kwok runs no containers.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartOnControlPlaneIT {

    private final ControlPlane controlPlane = ControlPlane.shared();
    private final KubernetesClient admin = controlPlane.admin();
    private EmbeddedKafka kafka;

    @TempDir
    Path scratch;

    @BeforeAll
    void startKafka() {
        kafka = EmbeddedKafka.startTemporary();
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void clusterScopeInstallRunsThePipelineStoryWithTheChartsIdentity() throws Exception {
        String release = controlPlane.createNamespace("abacus-system", ControlPlane.RESTRICTED).getMetadata().getName();
        String pipelines = controlPlane.createNamespace("shop", ControlPlane.RESTRICTED).getMetadata().getName();

        install(release, "rbac: {scope: cluster}\n");

        try (KubernetesClient operatorIdentity = controlPlane.clientAs(release, "abacus-operator");
             AbacusOperator operator = startAsInstalled(release, operatorIdentity)) {
            pipelineStory(pipelines, release);
            assertEveryRequestAllowedAndEveryGrantUsed(release);
            assertForbidden(operatorIdentity, pipelines);
            assertThatThrownBy(() -> operatorIdentity.secrets().inNamespace(pipelines).list())
                    .as("secrets can be read one by one, never listed").satisfies(forbidden());
        }
        assertTheUserRolesGrantPipelinesIn(pipelines);
    }

    /** Bound directly: aggregation into the built-in roles needs a controller manager, which the real node tier runs. */
    private void assertTheUserRolesGrantPipelinesIn(String namespace) {
        for (String role : List.of("edit", "view")) {
            admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                    .withNewMetadata().withName("carol-" + role).endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                    .withName(Charts.RELEASE + "-" + role).endRoleRef()
                    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User")
                    .withName("carol-" + role).endSubject()
                    .build()).serverSideApply();
        }
        assertThat(allowed("carol-edit", "patch", "calculatorpipelines", namespace)).isTrue();
        assertThat(allowed("carol-edit", "get", "calculatorpipelines/status", namespace)).isTrue();
        assertThat(allowed("carol-edit", "patch", "calculatorpipelines/status", namespace))
                .as("status is the operator's").isFalse();
        assertThat(allowed("carol-edit", "get", "secrets", namespace)).isFalse();
        assertThat(allowed("carol-view", "list", "calculatorpipelines", namespace)).isTrue();
        assertThat(allowed("carol-view", "create", "calculatorpipelines", namespace)).isFalse();
    }

    private boolean allowed(String user, String verb, String resource, String namespace) {
        String[] parts = resource.split("/", 2);
        return admin.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user).withNewResourceAttributes()
                .withGroup(parts[0].equals("secrets") ? "" : "abacus.dev").withResource(parts[0])
                .withSubresource(parts.length > 1 ? parts[1] : null).withVerb(verb).withNamespace(namespace)
                .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    @Test
    void namespaceScopeInstallRunsThePipelineStoryAndReachesNoOtherNamespace() throws Exception {
        String release = controlPlane.createNamespace("abacus-system", ControlPlane.RESTRICTED).getMetadata().getName();
        String pipelines = controlPlane.createNamespace("team", ControlPlane.RESTRICTED).getMetadata().getName();
        String elsewhere = controlPlane.createNamespace("elsewhere").getMetadata().getName();

        // the first release in a cluster owns the user ClusterRoles (as with the CRD); this one is the second
        install(release, "rbac: {scope: namespace}\nuserRoles: {create: false}\nwatchNamespaces: [" + pipelines + "]\n");

        try (KubernetesClient operatorIdentity = controlPlane.clientAs(release, "abacus-operator");
             AbacusOperator operator = startAsInstalled(release, operatorIdentity)) {
            pipelineStory(pipelines, release);
            assertEveryRequestAllowedAndEveryGrantUsed(release);
            assertForbidden(operatorIdentity, pipelines);
            assertThatThrownBy(() -> operatorIdentity.apps().deployments().inNamespace(elsewhere).list())
                    .as("deployments outside the watched namespace").satisfies(forbidden());
            assertThatThrownBy(() -> operatorIdentity.secrets().inNamespace(elsewhere).withName("any").get())
                    .as("secrets outside the watched namespace").satisfies(forbidden());
            assertThatThrownBy(() -> operatorIdentity.resources(CalculatorPipeline.class).inAnyNamespace().list())
                    .as("pipelines cluster-wide").satisfies(forbidden());
        }
    }

    @Test
    void thePipelineChartInstallsAPipelineTheApiServerAcceptsAsRendered() throws Exception {
        String namespace = controlPlane.createNamespace(PipelineChartTest.NAMESPACE).getMetadata().getName();
        applyChartCrds();
        Path values = Files.writeString(scratch.resolve("pipeline-values.yaml"), PipelineChartTest.FULL_VALUES);

        Release installed = new Helm(Charts.PIPELINE_CHART).install().withName("ledger").withNamespace(namespace)
                .withKubeConfig(controlPlane.adminKubeconfig()).withValuesFile(values).call();

        assertThat(installed.getStatus()).isEqualTo("deployed");
        GenericKubernetesResource rendered = Charts.single(Charts.parse(
                Charts.render(Charts.PIPELINE_CHART, "ledger", namespace, PipelineChartTest.FULL_VALUES)),
                GenericKubernetesResource.class);
        GenericKubernetesResource stored = admin.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline")
                .inNamespace(namespace).withName(rendered.getMetadata().getName()).get();
        assertThat(stored.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        JsonNode storedSpec = Charts.YAML.valueToTree(stored.getAdditionalProperties().get("spec"));
        JsonNode renderedSpec = Charts.YAML.valueToTree(rendered.getAdditionalProperties().get("spec"));
        assertThat(storedSpec).as("the schema and CEL rules accepted every rendered field and defaulted none away")
                .isEqualTo(renderedSpec);
    }

    private void applyChartCrds() throws Exception {
        for (Path file : Charts.yamlFiles(Charts.OPERATOR_CHART.resolve("crds"))) {
            controlPlane.applyCrd(admin.getKubernetesSerialization()
                    .unmarshal(Files.readString(file), CustomResourceDefinition.class));
        }
    }

    private void install(String namespace, String values) throws Exception {
        Path valuesFile = Files.writeString(scratch.resolve(namespace + "-values.yaml"), values);
        Release installed = new Helm(Charts.OPERATOR_CHART).install().withName(Charts.RELEASE)
                .withNamespace(namespace).withKubeConfig(controlPlane.adminKubeconfig()).withValuesFile(valuesFile)
                .waitReady().withTimeout(120).call();
        assertThat(installed.getStatus()).isEqualTo("deployed");
        assertThat(admin.serviceAccounts().inNamespace(namespace).withName("abacus-operator").get()).isNotNull();
        Deployment deployment = admin.apps().deployments().inNamespace(namespace).withName("abacus-operator").get();
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(1);
    }

    /** The operator as the chart's Deployment configures it; only what a JVM-hosted test must differ in differs. */
    private AbacusOperator startAsInstalled(String namespace, KubernetesClient identity) {
        Deployment deployment = admin.apps().deployments().inNamespace(namespace).withName("abacus-operator").get();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        env.put("POD_NAMESPACE", namespace);
        env.put("POD_NAME", "abacus-operator-0");
        env.put("ABACUS_OPERATOR_HTTP_PORT", "0");
        // in a pod a lost lease ends the process; here that process is the test JVM
        env.put("ABACUS_LEADER_ELECTION_EXIT_ON_LOSS", "false");
        env.put("ABACUS_KAFKA_API_TIMEOUT", "3s");
        env.put("ABACUS_KAFKA_RETRY_MAX", "2s");
        assertThat(env).containsEntry("ABACUS_LEADER_ELECTION", "true").doesNotContainKey("ABACUS_SERVER_SIDE_APPLY");
        return AbacusOperator.start(OperatorConfig.fromEnv(env), identity);
    }

    private void pipelineStory(String namespace, String releaseNamespace) {
        CalculatorPipeline pipeline = new CalculatorPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName("story").withNamespace(namespace).build());
        CalculatorPipelineSpec spec = new CalculatorPipelineSpec();
        spec.getKafka().setBootstrapServers(kafka.bootstrapServers());
        admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("kafka-client")
                .endMetadata().addToStringData("client.properties", "security.protocol=PLAINTEXT\n").build()).create();
        spec.getKafka().setClientProperties(new SecretKeyRef("kafka-client", "client.properties"));
        spec.getTopics().setPartitions(2);
        spec.getTopics().setReplicationFactor(1);
        spec.getView().getRebuildPolicy().setStabilisationSeconds(1);
        spec.getView().getRebuildPolicy().setDrainSeconds(1);
        NetworkPoliciesSpec networkPolicies = new NetworkPoliciesSpec();
        networkPolicies.setEnabled(true);
        spec.setNetworkPolicies(networkPolicies);
        pipeline.setSpec(spec);
        admin.resource(pipeline).create();
        awaitReady(namespace);
        NetworkPolicy view = admin.network().networkPolicies().inNamespace(namespace).withName("story-view").get();
        assertThat(view.getSpec().getIngress().get(0).getFrom()).as("the view takes the operator's probe")
                .filteredOn(peer -> peer.getNamespaceSelector() != null).anySatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", releaseNamespace));
        assertThat(admin.network().networkPolicies().inNamespace(namespace).withName("story-processor").get()
                .getSpec().getIngress()).as("the processor takes no traffic").isEmpty();

        assertThat(admin.serviceAccounts().inNamespace(namespace).withName("story-commander").get()
                .getAutomountServiceAccountToken()).as("the commander's own ServiceAccount, without a token").isFalse();
        assertThat(admin.apps().deployments().inNamespace(namespace).withName("story-commander").get().getSpec()
                .getTemplate().getSpec().getServiceAccountName()).isEqualTo("story-commander");

        edit(namespace, s -> s.getCommander().setReplicas(2));
        eventually().untilAsserted(() -> {
            assertThat(admin.apps().deployments().inNamespace(namespace).withName("story-commander").get()
                    .getSpec().getReplicas()).isEqualTo(2);
            assertReady(namespace);
        });

        edit(namespace, s -> s.getView().setRebuild("chart-story"));
        eventually().untilAsserted(() -> {
            CalculatorPipeline rebuilt = get(namespace);
            assertThat(rebuilt.getStatus().getView().getActiveGeneration()).isEqualTo(2);
            assertThat(rebuilt.getStatus().getView().getPhase()).isEqualTo(ViewPhase.STABLE);
            assertReady(namespace);
        });

        kafka.stop();
        try {
            edit(namespace, s -> s.getCommander().setReplicas(1));
            eventually().untilAsserted(() -> {
                assertThat(get(namespace).getStatus().condition(ConditionType.TOPICS_READY).orElseThrow().getReason())
                        .isEqualTo(JsonNames.of(ConditionReason.KAFKA_UNREACHABLE));
                assertThat(admin.apps().deployments().inNamespace(namespace).withName("story-commander").get()
                        .getSpec().getReplicas()).as("Kubernetes is reconciled while Kafka is down").isEqualTo(1);
            });
        } finally {
            kafka.start();
        }
        awaitReady(namespace);

        Lease lease = admin.leases().inNamespace(releaseNamespace).withName(Charts.RELEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("abacus-operator-0");
        ZonedDateTime acquired = lease.getSpec().getAcquireTime();
        int leaseSeconds = lease.getSpec().getLeaseDurationSeconds();
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Lease renewed = admin.leases().inNamespace(releaseNamespace).withName(Charts.RELEASE).get();
            assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("abacus-operator-0");
            assertThat(renewed.getSpec().getAcquireTime()).isEqualTo(acquired);
            assertThat(Duration.between(acquired, renewed.getSpec().getRenewTime()))
                    .as("the lease is renewed past twice its duration by the same holder")
                    .isGreaterThan(Duration.ofSeconds(2L * leaseSeconds));
        });

        admin.resources(CalculatorPipeline.class).inNamespace(namespace).withName("story").delete();
        eventually().until(() -> get(namespace) == null);
    }

    /**
     * From the API server's audit log: no request the operator made in the story was refused, and the chart grants
     * it nothing it never used. Setting ownerReferences with blockOwnerDeletion needs update on the owner's finalizers
     * only where the OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift), so that grant is never
     * exercised here.
     */
    private void assertEveryRequestAllowedAndEveryGrantUsed(String releaseNamespace) {
        List<ControlPlane.AuditedRequest> requests = controlPlane.requestsBy(releaseNamespace, "abacus-operator");
        assertThat(requests).as("audited requests of the operator").isNotEmpty();
        assertThat(requests).filteredOn(r -> r.code() == 401 || r.code() == 403)
                .as("requests the chart's RBAC refused").isEmpty();
        Set<String> used = requests.stream().map(ControlPlane.AuditedRequest::target)
                .collect(Collectors.toCollection(TreeSet::new));
        used.add("abacus.dev/calculatorpipelines/finalizers");
        assertThat(grantedResources(releaseNamespace)).as("granted resources the operator never used (it used %s)", used)
                .isSubsetOf(used);
        Set<String> accountVerbs = requests.stream().filter(r -> r.target().equals("/serviceaccounts"))
                .map(ControlPlane.AuditedRequest::verb).collect(Collectors.toCollection(TreeSet::new));
        if (accountVerbs.contains("patch")) {
            accountVerbs.add("create");
        }
        assertThat(grantedVerbs(releaseNamespace, "", "serviceaccounts"))
                .as("verbs granted on ServiceAccounts: those used, and create, which RBAC asks of an apply patch "
                        + "that creates the object").isEqualTo(accountVerbs);
    }

    /** What the chart's bindings give its ServiceAccount, as {@code group/resource}. */
    private Set<String> grantedResources(String releaseNamespace) {
        return grantedRules(releaseNamespace).stream().flatMap(rule -> rule.getApiGroups().stream()
                        .flatMap(group -> rule.getResources().stream().map(resource -> group + "/" + resource)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> grantedVerbs(String releaseNamespace, String apiGroup, String resource) {
        return grantedRules(releaseNamespace).stream()
                .filter(rule -> rule.getApiGroups().contains(apiGroup) && rule.getResources().contains(resource))
                .flatMap(rule -> rule.getVerbs().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<PolicyRule> grantedRules(String releaseNamespace) {
        List<PolicyRule> rules = new ArrayList<>();
        admin.rbac().clusterRoleBindings().list().getItems().stream()
                .filter(binding -> boundToOperator(binding.getSubjects(), releaseNamespace))
                .forEach(binding -> rules.addAll(admin.rbac().clusterRoles().withName(binding.getRoleRef().getName())
                        .get().getRules()));
        admin.rbac().roleBindings().inAnyNamespace().list().getItems().stream()
                .filter(binding -> boundToOperator(binding.getSubjects(), releaseNamespace))
                .forEach(binding -> rules.addAll(admin.rbac().roles().inNamespace(binding.getMetadata().getNamespace())
                        .withName(binding.getRoleRef().getName()).get().getRules()));
        return rules;
    }

    private static boolean boundToOperator(List<Subject> subjects, String releaseNamespace) {
        return subjects != null && subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && "abacus-operator".equals(subject.getName()) && releaseNamespace.equals(subject.getNamespace()));
    }

    private static void assertForbidden(KubernetesClient identity, String namespace) {
        assertThatThrownBy(() -> identity.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                .withNewMetadata().withName("escalate").endMetadata().build()).create())
                .as("create a ClusterRole").satisfies(forbidden());
        assertThatThrownBy(() -> identity.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("shell").endMetadata()
                .withNewSpec().addNewContainer().withName("shell").withImage("busybox").endContainer().endSpec()
                .build()).create())
                .as("create a pod").satisfies(forbidden());
        assertThatThrownBy(() -> identity.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withName("new-namespace").endMetadata().build()).create())
                .as("create a namespace").satisfies(forbidden());
        assertThatThrownBy(() -> identity.nodes().list()).as("list nodes").satisfies(forbidden());
    }

    private static Consumer<Throwable> forbidden() {
        return e -> assertThat(e).isInstanceOfSatisfying(KubernetesClientException.class,
                k -> assertThat(k.getCode()).isEqualTo(403));
    }

    private CalculatorPipeline get(String namespace) {
        return admin.resources(CalculatorPipeline.class).inNamespace(namespace).withName("story").get();
    }

    private void edit(String namespace, Consumer<CalculatorPipelineSpec> change) {
        ConflictRetry.edit(admin.resources(CalculatorPipeline.class).inNamespace(namespace).withName("story"), p -> {
            change.accept(p.getSpec());
            return p;
        });
    }

    private void awaitReady(String namespace) {
        eventually().untilAsserted(() -> assertReady(namespace));
    }

    private void assertReady(String namespace) {
        CalculatorPipeline pipeline = get(namespace);
        assertThat(pipeline.getStatus()).isNotNull();
        assertThat(pipeline.getStatus().isReady()).as("Ready: %s", pipeline.getStatus().getConditions()).isTrue();
        assertThat(pipeline.getStatus().getObservedGeneration()).isEqualTo(pipeline.getMetadata().getGeneration());
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }
}
