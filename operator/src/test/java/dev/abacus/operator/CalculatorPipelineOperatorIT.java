package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.contract.PipelineTopics;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.DeletionPolicy;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.resources.Labels;
import dev.abacus.operator.support.KafkaFacts;
import dev.abacus.operator.support.OperatorTestEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import dev.abacus.kube.testkit.RealControlPlane;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator with its production settings (server-side apply, leader election) against a real kube-apiserver,
 * the real Deployment controller and garbage collector, kwok's Ready pods and a real Kafka broker. After every
 * scenario the operator's field manager owns nothing in any pipeline's spec.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalculatorPipelineOperatorIT {

    private OperatorTestEnvironment env;
    private KafkaFacts kafka;

    @BeforeAll
    void start() {
        // per-resource JOSDK metrics (off by default) let aReadyPipelineIsLeftAlone count one pipeline's reconciles
        env = OperatorTestEnvironment.start(Map.of("ABACUS_METRICS_PER_RESOURCE", "true"));
        kafka = new KafkaFacts(env.kafka().admin());
    }

    @AfterAll
    void stop() {
        kafka.close();
        env.close();
    }

    @AfterEach
    void theOperatorOwnsNothingInAnySpec() {
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).list().getItems()
                .forEach(pipeline -> assertThat(OperatorTestEnvironment.specFieldsOwnedByTheOperator(pipeline))
                        .as("spec fields of %s owned by the operator", pipeline.getMetadata().getName()).isEmpty());
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).delete();
    }

    @Test
    void createsTopicsDeploymentsAndServicesAndReportsReady() throws Exception {
        CalculatorPipeline pipeline = env.pipeline("alpha", 3);
        pipeline.getSpec().getTopics().getCommands().getConfig().put("retention.ms", "3600000");
        CalculatorPipeline created = env.create(pipeline);

        env.awaitReady("alpha");

        assertThat(kafka.topics()).contains("alpha.commands", "alpha.events", "alpha.outcomes", "alpha.snapshots");
        for (String topic : List.of("alpha.commands", "alpha.events", "alpha.outcomes", "alpha.snapshots")) {
            assertThat(kafka.partitions(topic)).as(topic).isEqualTo(3);
        }
        assertThat(kafka.overrides("alpha.events"))
                .containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1")
                .containsEntry("cleanup.policy", "delete");
        assertThat(kafka.overrides("alpha.commands")).containsExactlyEntriesOf(Map.of("retention.ms", "3600000"));
        assertThat(kafka.overrides("alpha.snapshots")).containsExactlyInAnyOrderEntriesOf(
                PipelineTopics.SNAPSHOTS_FIXED_CONFIG).containsEntry("cleanup.policy", "compact");

        for (String name : List.of("alpha-commander", "alpha-processor", "alpha-view-g1")) {
            Deployment deployment = deployment(name);
            assertThat(deployment).as(name).isNotNull();
            assertOwnedBy(deployment.getMetadata().getOwnerReferences(), created);
            assertThat(deployment.getMetadata().getLabels())
                    .containsEntry(Labels.NAME, "abacus")
                    .containsEntry(Labels.INSTANCE, "alpha")
                    .containsEntry(Labels.MANAGED_BY, "abacus-operator");
        }
        for (String component : List.of("commander", "processor", "view")) {
            ServiceAccount account = env.client().serviceAccounts().inNamespace(env.namespace())
                    .withName("alpha-" + component).get();
            assertThat(account).as(component).isNotNull();
            assertOwnedBy(account.getMetadata().getOwnerReferences(), created);
            assertThat(account.getAutomountServiceAccountToken()).as(component).isFalse();
            assertThat(account.getMetadata().getLabels()).containsEntry(Labels.INSTANCE, "alpha")
                    .containsEntry(Labels.COMPONENT, component).containsEntry(Labels.MANAGED_BY, "abacus-operator");
        }
        assertThat(Map.of("alpha-commander", "alpha-commander", "alpha-processor", "alpha-processor",
                "alpha-view-g1", "alpha-view")).allSatisfy((deployment, account) -> assertThat(
                        deployment(deployment).getSpec().getTemplate().getSpec().getServiceAccountName())
                .as(deployment).isEqualTo(account));
        Container processor = deployment("alpha-processor").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(processor)).containsEntry("ABACUS_KAFKA_BOOTSTRAP_SERVERS", env.kafka().bootstrapServers())
                .containsEntry("ABACUS_TOPICS_COMMANDS", "alpha.commands")
                .containsEntry("ABACUS_TOPICS_EVENTS", "alpha.events")
                .containsEntry("ABACUS_TOPICS_OUTCOMES", "alpha.outcomes")
                .containsEntry("ABACUS_TOPICS_SNAPSHOTS", "alpha.snapshots");
        for (String name : List.of("alpha-commander", "alpha-view-g1")) {
            assertThat(env(deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0))).as(name)
                    .doesNotContainKey("ABACUS_TOPICS_SNAPSHOTS");
        }
        assertThat(processor.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
        assertThat(env.client().pods().inNamespace(env.namespace()).withLabel(Labels.INSTANCE, "alpha").list()
                .getItems()).as("pods admitted under the restricted Pod Security Standard, without an API token")
                .hasSize(3).allSatisfy(pod -> {
                    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
                    assertThat(pod.getSpec().getServiceAccountName()).startsWith("alpha-");
                    assertThat(pod.getSpec().getVolumes()).noneMatch(v -> v.getProjected() != null);
                });
        assertThat(processor.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");

        for (String component : List.of("commander", "processor", "view")) {
            Service service = service("alpha-" + component);
            assertThat(service).as(component).isNotNull();
            assertOwnedBy(service.getMetadata().getOwnerReferences(), created);
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
        }
        assertThat(service("alpha-view").getSpec().getSelector()).containsEntry(Labels.VIEW_GENERATION, "1");

        CalculatorPipeline ready = env.get("alpha");
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getConditions()).extracting(Condition::getType).containsExactly(
                "Ready", "TopicsReady", "CommanderAvailable", "ProcessorAvailable", "ViewAvailable", "ViewRebuilding");
        assertThat(ready.getStatus().getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
            assertThat(c.getLastTransitionTime()).isNotBlank();
        });
        assertThat(ready.getStatus().getTopics()).extracting(t -> t.getName() + "=" + t.getPartitions())
                .containsExactly("alpha.commands=3", "alpha.events=3", "alpha.outcomes=3", "alpha.snapshots=3");
        assertThat(ready.getStatus().getView().getActiveGeneration()).isEqualTo(1);
        assertThat(ready.getStatus().getEndpoints().getCommander())
                .isEqualTo("http://alpha-commander." + env.namespace() + ".svc:8080");
    }

    @Test
    void specEditsConverge() throws Exception {
        env.create(env.pipeline("beta", 2));
        env.awaitReady("beta");

        CalculatorPipeline edited = env.edit("beta", spec -> {
            spec.getCommander().setReplicas(3);
            spec.getProcessor().setReplicas(3);
            spec.getProcessor().setImage("registry.example/processor:2.0");
            spec.getTopics().setPartitions(4);
            spec.getTopics().setAllowPartitionIncrease(true);
        });

        eventually().untilAsserted(() -> {
            assertThat(deployment("beta-commander").getSpec().getReplicas()).isEqualTo(3);
            assertThat(deployment("beta-processor").getSpec().getReplicas()).isEqualTo(3);
            assertThat(deployment("beta-processor").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("registry.example/processor:2.0");
            for (String topic : List.of("beta.commands", "beta.events", "beta.outcomes", "beta.snapshots")) {
                assertThat(kafka.partitions(topic)).as(topic).isEqualTo(4);
            }
            assertThat(env.readyAtCurrentGeneration("beta")).isTrue();
        });
        assertThat(env.get("beta").getStatus().getObservedGeneration()).isEqualTo(edited.getMetadata().getGeneration());
    }

    @Test
    void processorReplicasAreCappedAtThePartitionCount() {
        CalculatorPipeline pipeline = env.pipeline("gamma", 2);
        pipeline.getSpec().getProcessor().setReplicas(5);
        env.create(pipeline);

        env.awaitReady("gamma");

        assertThat(deployment("gamma-processor").getSpec().getReplicas()).isEqualTo(2);
        CalculatorPipeline status = env.get("gamma");
        assertThat(status.getStatus().getProcessor().getReplicas()).isEqualTo(2);
        assertThat(status.getStatus().getProcessor().getRequestedReplicas()).isEqualTo(5);
        assertThat(status.getStatus().condition(ConditionType.PROCESSOR_AVAILABLE).orElseThrow().getMessage())
                .contains("capped from 5 at the partition count 2");
    }

    @Test
    void restoresDeletedAndHandEditedDeployments() {
        env.create(env.pipeline("delta", 1));
        env.awaitReady("delta");
        String originalUid = deployment("delta-commander").getMetadata().getUid();
        String image = deployment("delta-processor").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        env.client().apps().deployments().inNamespace(env.namespace()).withName("delta-commander").delete();
        env.client().apps().deployments().inNamespace(env.namespace()).withName("delta-processor").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/processor:hacked");
            d.getSpec().setReplicas(7);
            return d;
        });

        eventually().untilAsserted(() -> {
            Deployment commander = deployment("delta-commander");
            assertThat(commander).isNotNull();
            assertThat(commander.getMetadata().getUid()).isNotEqualTo(originalUid);
            Deployment processor = deployment("delta-processor");
            assertThat(processor.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image);
            assertThat(processor.getSpec().getReplicas()).isEqualTo(1);
        });
    }

    @Test
    void theApiServerRefusesAPartitionDecreaseAndAnUndeclaredIncrease() throws Exception {
        env.create(env.pipeline("epsilon", 3));
        env.awaitReady("epsilon");

        assertThatThrownBy(() -> env.edit("epsilon", spec -> spec.getTopics().setPartitions(2)))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("partitions may not decrease");
                });
        assertThatThrownBy(() -> env.edit("epsilon", spec -> spec.getTopics().setPartitions(4)))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("set allowPartitionIncrease to declare it safe");
                });
        assertThat(kafka.partitions("epsilon.events")).isEqualTo(3);

        env.edit("epsilon", spec -> {
            spec.getTopics().setPartitions(4);
            spec.getTopics().setAllowPartitionIncrease(true);
        });
        env.awaitReady("epsilon");
        for (String topic : List.of("epsilon.commands", "epsilon.events", "epsilon.outcomes", "epsilon.snapshots")) {
            assertThat(kafka.partitions(topic)).as(topic).isEqualTo(4);
        }
    }

    @Test
    void topicConfigDriftIsCorrected() throws Exception {
        CalculatorPipeline pipeline = env.pipeline("eta", 1);
        pipeline.getSpec().getTopics().getOutcomes().getConfig().put("retention.ms", "86400000");
        env.create(pipeline);
        env.awaitReady("eta");

        kafka.alter("eta.outcomes", Map.of("retention.ms", "1000", "segment.ms", "60000"), List.of());
        kafka.alter("eta.events", Map.of("retention.ms", "60000"), List.of("cleanup.policy"));
        kafka.alter("eta.snapshots", Map.of("cleanup.policy", "delete"), List.of());

        eventually().untilAsserted(() -> {
            assertThat(kafka.overrides("eta.outcomes")).containsExactlyEntriesOf(Map.of("retention.ms", "86400000"));
            assertThat(kafka.overrides("eta.events")).containsEntry("retention.ms", "-1")
                    .containsEntry("cleanup.policy", "delete");
            assertThat(kafka.overrides("eta.snapshots")).containsEntry("cleanup.policy", "compact");
        });
    }

    @Test
    void deletingAPipelineKeepsItsTopicsUnlessAskedOtherwise() throws Exception {
        env.create(env.pipeline("theta", 1));
        CalculatorPipeline doomed = env.pipeline("iota", 1);
        doomed.getSpec().getTopics().setDeletionPolicy(DeletionPolicy.DELETE);
        env.create(doomed);
        eventually().until(() -> env.readyAtCurrentGeneration("theta") && env.readyAtCurrentGeneration("iota"));

        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName("theta").delete();
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName("iota").delete();

        eventually().until(() -> env.get("theta") == null && env.get("iota") == null);
        assertThat(kafka.topics()).contains("theta.commands", "theta.events", "theta.outcomes", "theta.snapshots");
        eventually().untilAsserted(() -> assertThat(kafka.topics())
                .doesNotContain("iota.commands", "iota.events", "iota.outcomes", "iota.snapshots"));
    }

    @Test
    void kafkaClientPropertiesComeFromASecret() {
        CalculatorPipeline pipeline = env.pipeline("kappa", 1);
        pipeline.getSpec().getKafka().setClientProperties(new SecretKeyRef("kappa-kafka", "client.properties"));
        env.create(pipeline);

        eventually().until(() -> env.condition("kappa", ConditionType.TOPICS_READY)
                .map(c -> c.hasReason(ConditionReason.SECRET_NOT_FOUND)).orElse(false));
        Deployment commander = deployment("kappa-commander");
        assertThat(env(commander.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("ABACUS_KAFKA_CLIENT_PROPERTIES_FILE", "/etc/abacus/kafka/client/client.properties");
        assertThat(commander.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("kappa-kafka"));

        env.client().secrets().inNamespace(env.namespace()).resource(new SecretBuilder()
                .withNewMetadata().withName("kappa-kafka").endMetadata()
                .addToStringData("client.properties", "security.protocol=PLAINTEXT\nclient.id=kappa-operator\n")
                .build()).create();

        env.awaitReady("kappa");
    }

    @Test
    void kubectlGetServesThePrinterColumnsInOrder() throws Exception {
        env.create(env.pipeline("columns", 1));
        env.awaitReady("columns");

        io.fabric8.kubernetes.client.http.HttpClient http = env.client().getHttpClient();
        String body = http.sendAsync(http.newHttpRequestBuilder()
                        .uri(env.client().getMasterUrl() + "apis/abacus.dev/v1alpha1/namespaces/" + env.namespace()
                                + "/calculatorpipelines")
                        .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build(), String.class)
                .get(30, TimeUnit.SECONDS).body();
        JsonNode table = Serialization.jsonMapper().readTree(body);

        assertThat(table.path("kind").asText()).as(body).isEqualTo("Table");
        assertThat(table.path("columnDefinitions")).extracting(c -> c.path("name").asText() + "/" + c.path("priority").asInt())
                .containsExactly("Name/0", "Ready/0", "Partitions/0", "Processors/0", "View-Gen/0", "Age/0",
                        "Reason/1", "View-Phase/1", "Bootstrap/1");
        assertThat(table.path("rows")).singleElement().satisfies(row -> assertThat(row.path("cells"))
                .extracting(JsonNode::asText).startsWith("columns", "True", "1")
                .contains("AllComponentsReady", env.kafka().bootstrapServers()));
    }

    @Test
    void theApiServerTakesConditionsItDoesNotKnowButOneOfEachTypeAndRfc3339Times() {
        env.create(env.pipeline("rollback", 1));
        env.awaitReady("rollback");
        var status = env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace())
                .withName("rollback").subresource("status");
        String newer = "{\"type\": \"SchemaRegistryReady\", \"status\": \"True\", \"reason\": \"SubjectsRegistered\", "
                + "\"lastTransitionTime\": \"2026-11-22T10:00:00Z\"}";

        Map<String, String> refused = Map.of(newer + ", " + newer, "Duplicate value",
                newer.replace("2026-11-22T10:00:00Z", "yesterday"), "must be of type date-time");
        refused.forEach((conditions, why) -> assertThatThrownBy(() -> status.patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"status\": {\"conditions\": [" + conditions + "]}}"))
                .as(conditions).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(why);
                }));
        List<Condition> kept = env.get("rollback").getStatus().getConditions();
        CalculatorPipeline patched = status.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\": {\"conditions\": [" + newer + "]}}");

        assertThat(patched.getStatus().getConditions()).extracting(Condition::getReason)
                .containsExactly("SubjectsRegistered");
        eventually().untilAsserted(() -> assertThat(env.get("rollback").getStatus().getConditions())
                .as("the operator reads the unknown condition and reports its own again")
                .extracting(Condition::getType).containsAll(kept.stream().map(Condition::getType).toList()));
        env.awaitReady("rollback");
    }

    @Test
    void theApiServerRejectsANameThatCannotPrefixServiceNames() {
        CalculatorPipeline pipeline = env.pipeline("a-name-that-is-far-too-long-to-prefix-service-names-x", 1);

        assertThatThrownBy(() -> env.create(pipeline))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("name must be a DNS label of at most 50 characters");
                });
    }

    @Test
    void topicNamesCannotChangeOnceCreatedNotEvenFromTheirDefault() {
        env.create(env.pipeline("rho", 1));
        env.awaitReady("rho");

        for (String role : List.of("commands", "events", "outcomes", "snapshots")) {
            assertThatThrownBy(() -> env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace())
                    .withName("rho").patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"spec\":{\"topics\":{\"" + role + "\":{\"name\":\"x\"}}}}"))
                    .as(role)
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(422);
                        assertThat(e.getMessage()).contains("the " + role + " topic's name");
                    });
        }
        assertThatThrownBy(() -> env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace())
                .withName("rho").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"topics\":{\"snapshots\":{\"config\":{\"cleanup.policy\":\"delete\"}}}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("cleanup.policy is fixed (compact)");
                });
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName("rho")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"topics\":{\"events\":{\"name\":\"rho.events\"}}}}");
        env.awaitReady("rho");
        assertThat(env.get("rho").getStatus().getTopics()).extracting(t -> t.getName())
                .containsExactly("rho.commands", "rho.events", "rho.outcomes", "rho.snapshots");
    }

    @Test
    void theMinimalExampleReconcilesToReadyWithItsSpecUnchanged() throws Exception {
        // the production example needs TLS and SCRAM: KafkaCredentialsIT applies it
        for (String example : List.of("minimal-pipeline.yaml")) {
            CalculatorPipeline pipeline;
            try (InputStream in = Files.newInputStream(Path.of("..", "examples", example))) {
                pipeline = Serialization.unmarshal(in, CalculatorPipeline.class);
            }
            pipeline.getMetadata().setNamespace(env.namespace());
            pipeline.getSpec().getKafka().setBootstrapServers(env.kafka().bootstrapServers());
            pipeline.getSpec().getTopics().setReplicationFactor(1);
            String name = pipeline.getMetadata().getName();
            CalculatorPipeline created = env.create(pipeline);
            String specAsCreated = Serialization.asJson(created.getSpec());

            env.awaitReady(name);

            CalculatorPipeline ready = env.get(name);
            assertThat(Serialization.asJson(ready.getSpec())).as(example).isEqualTo(specAsCreated);
            assertThat(ready.getMetadata().getFinalizers()).as(example).isNotEmpty();
            env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName(name).delete();
            eventually().until(() -> env.get(name) == null);
        }
    }

    @Test
    void userSetReplicasAreNeverOverwritten() {
        CalculatorPipeline pipeline = env.pipeline("sigma", 6);
        pipeline.getSpec().getCommander().setReplicas(3);
        pipeline.getSpec().getView().setReplicas(2);
        env.create(pipeline);

        env.awaitReady("sigma");

        CalculatorPipeline ready = env.get("sigma");
        assertThat(ready.getSpec().getCommander().getReplicas()).isEqualTo(3);
        assertThat(ready.getSpec().getView().getReplicas()).isEqualTo(2);
        assertThat(deployment("sigma-commander").getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment("sigma-view-g1").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void deletingAPipelineGarbageCollectsItsDeploymentsServicesAndServiceAccounts() {
        env.create(env.pipeline("upsilon", 1));
        env.awaitReady("upsilon");

        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName("upsilon").delete();

        // the garbage collector learns of a newly installed CRD's kind on its next discovery resync (30 s)
        eventually().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(env.client().apps().deployments().inNamespace(env.namespace())
                    .withLabel(Labels.INSTANCE, "upsilon").list().getItems()).isEmpty();
            assertThat(env.client().services().inNamespace(env.namespace())
                    .withLabel(Labels.INSTANCE, "upsilon").list().getItems()).isEmpty();
            assertThat(env.client().serviceAccounts().inNamespace(env.namespace())
                    .withLabel(Labels.INSTANCE, "upsilon").list().getItems()).isEmpty();
        });
    }

    @Test
    void topicSettingsKafkaRejectsAreAConditionAndAnEvent() {
        CalculatorPipeline pipeline = env.pipeline("mu", 1);
        pipeline.getSpec().getTopics().setReplicationFactor(3);
        env.create(pipeline);

        eventually().untilAsserted(() -> {
            Condition topics = env.condition("mu", ConditionType.TOPICS_READY).orElseThrow();
            assertThat(topics.getReason()).isEqualTo("InvalidTopicConfig");
            assertThat(topics.getMessage()).containsIgnoringCase("replication factor");
            assertThat(warningEvents("mu")).contains("InvalidTopicConfig");
        });
        assertThat(deployment("mu-commander")).as("Kubernetes side is reconciled regardless").isNotNull();

        env.edit("mu", spec -> spec.getTopics().setReplicationFactor(1));
        env.awaitReady("mu");
    }

    @Test
    void reservedEnvInTheSpecIsIgnoredWithAWarning() {
        CalculatorPipeline pipeline = env.pipeline("nu", 1);
        pipeline.getSpec().getView().setEnv(List.of(new EnvVar("ABACUS_TOPICS_EVENTS", "someone.elses.events", null),
                new EnvVar("VIEW_CACHE_SIZE", "1000", null)));
        env.create(pipeline);

        env.awaitReady("nu");
        Map<String, String> viewEnv = env(deployment("nu-view-g1").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(viewEnv).containsEntry("ABACUS_TOPICS_EVENTS", "nu.events").containsEntry("VIEW_CACHE_SIZE", "1000");
        eventually().until(() -> warningEvents("nu").contains("ReservedEnvIgnored"));
    }

    @Test
    void servesHealthAndMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + env.operator().httpPort();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        env.create(env.pipeline("lambda", 1));
        env.awaitReady("lambda");
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("operator_sdk_reconciliations").contains("jvm_memory_used_bytes");
    }

    @Test
    void aReadyPipelineIsLeftAlone() throws Exception {
        env.create(env.pipeline("omicron", 1));
        env.awaitReady("omicron");
        Map<String, String> versions = resourceVersions("omicron");
        double reconciled = successfulReconciles("omicron");

        eventually().until(() -> successfulReconciles("omicron") >= reconciled + 2);

        assertThat(resourceVersions("omicron")).as("nothing rewritten by periodic reconciles").isEqualTo(versions);
    }

    private Map<String, String> resourceVersions(String pipeline) {
        Map<String, String> versions = new TreeMap<>();
        versions.put("pipeline", env.get(pipeline).getMetadata().getResourceVersion());
        env.client().apps().deployments().inNamespace(env.namespace()).withLabel(Labels.INSTANCE, pipeline).list()
                .getItems().forEach(d -> versions.put(d.getMetadata().getName(), d.getMetadata().getResourceVersion()));
        env.client().services().inNamespace(env.namespace()).withLabel(Labels.INSTANCE, pipeline).list()
                .getItems().forEach(s -> versions.put("svc/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
        env.client().serviceAccounts().inNamespace(env.namespace()).withLabel(Labels.INSTANCE, pipeline).list()
                .getItems().forEach(a -> versions.put("sa/" + a.getMetadata().getName(), a.getMetadata().getResourceVersion()));
        return versions;
    }

    private double successfulReconciles(String pipeline) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + env.operator().httpPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("operator_sdk_reconciliations_success_total{")
                        && line.contains("name=\"" + pipeline + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Deployment deployment(String name) {
        return env.client().apps().deployments().inNamespace(env.namespace()).withName(name).get();
    }

    private Service service(String name) {
        return env.client().services().inNamespace(env.namespace()).withName(name).get();
    }

    private Set<String> warningEvents(String pipeline) {
        return env.client().v1().events().inNamespace(env.namespace()).list().getItems().stream()
                .filter(e -> pipeline.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                .map(Event::getReason)
                .collect(Collectors.toSet());
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static void assertOwnedBy(List<OwnerReference> references, CalculatorPipeline owner) {
        assertThat(references).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
            assertThat(ref.getKind()).isEqualTo("CalculatorPipeline");
            assertThat(ref.getController()).isTrue();
        });
    }
}
