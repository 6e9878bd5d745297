package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeploymentFactoryTest {

    @Nested
    class Commander {

        @Test
        void runsTheDefaultImageWithContractEnvProbesAndLabels() {
            Deployment deployment = DeploymentFactory.commander(model(pipeline("demo")));

            assertThat(deployment.getMetadata().getName()).isEqualTo("demo-commander");
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo("shop");
            assertThat(deployment.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "app.kubernetes.io/name", "abacus",
                    "app.kubernetes.io/instance", "demo",
                    "app.kubernetes.io/component", "commander",
                    "app.kubernetes.io/managed-by", "abacus-operator"));
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Labels.selector("demo", Component.COMMANDER));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            Container container = container(deployment);
            assertThat(container.getImage()).isEqualTo("abacus/commander:0.1.0");
            assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                    .containsExactly("http:8080", "management:8081");
            assertThat(env(container)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "ENDPOINTS_ALL_PORT", "8081",
                    "ABACUS_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092",
                    "ABACUS_TOPICS_COMMANDS", "demo.commands",
                    "ABACUS_TOPICS_EVENTS", "demo.events",
                    "ABACUS_TOPICS_OUTCOMES", "demo.outcomes"));
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
            assertThat(List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()))
                    .as("probes on the management port").allSatisfy(probe -> assertThat(probe.getHttpGet().getPort()
                            .getStrVal()).isEqualTo("management"));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/path", "/prometheus")
                    .containsEntry("prometheus.io/port", "8081");
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp");
        }

        @Test
        void specOverridesImageReplicasResourcesAndAddsEnvButNotReservedEnv() {
            CalculatorPipeline pipeline = pipeline("demo");
            pipeline.getSpec().getCommander().setImage("acme/commander:7");
            pipeline.getSpec().getCommander().setReplicas(4);
            pipeline.getSpec().getCommander().setResources(new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity("250m")).build());
            pipeline.getSpec().getCommander().setEnv(List.of(new EnvVar("JAVA_OPTS", "-Xmx256m", null),
                    new EnvVar("ABACUS_TOPICS_EVENTS", "elsewhere", null)));

            Deployment deployment = DeploymentFactory.commander(model(pipeline));

            assertThat(deployment.getSpec().getReplicas()).isEqualTo(4);
            Container container = container(deployment);
            assertThat(container.getImage()).isEqualTo("acme/commander:7");
            assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
            assertThat(env(container)).containsEntry("JAVA_OPTS", "-Xmx256m")
                    .containsEntry("ABACUS_TOPICS_EVENTS", "demo.events");
            assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("ABACUS_TOPICS_EVENTS")).hasSize(1);
            assertThat(PipelineModel.ignoredEnv(pipeline)).containsExactly("ABACUS_TOPICS_EVENTS");
        }

        @Test
        void mountsKafkaSecretsAndPointsAtTheClientPropertiesFile() {
            CalculatorPipeline pipeline = pipeline("demo");
            pipeline.getSpec().getKafka().setClientProperties(new SecretKeyRef("kafka-user", "props"));
            pipeline.getSpec().getKafka().setTruststore(new SecretKeyRef("kafka-ca", "ca.p12"));

            Deployment deployment = DeploymentFactory.commander(model(pipeline));

            Container container = container(deployment);
            assertThat(env(container)).containsEntry("ABACUS_KAFKA_CLIENT_PROPERTIES_FILE",
                    "/etc/abacus/kafka/client/client.properties");
            assertThat(container.getVolumeMounts()).extracting(m -> m.getName() + "@" + m.getMountPath())
                    .containsExactlyInAnyOrder("tmp@/tmp", "kafka-client@/etc/abacus/kafka/client",
                            "kafka-truststore@/etc/abacus/kafka/truststore");
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> v.getSecret() != null)
                    .anySatisfy(v -> {
                        assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-user");
                        assertThat(v.getSecret().getItems()).singleElement().satisfies(i -> {
                            assertThat(i.getKey()).isEqualTo("props");
                            assertThat(i.getPath()).isEqualTo("client.properties");
                        });
                    })
                    .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-ca"));
        }
    }

    @Nested
    class Processor {

        @Test
        void isCappedAtThePartitionCountAndKnowsItsInstanceId() {
            CalculatorPipeline pipeline = pipeline("demo");
            pipeline.getSpec().getTopics().setPartitions(3);
            pipeline.getSpec().getProcessor().setReplicas(8);

            Deployment deployment = DeploymentFactory.processor(model(pipeline));

            assertThat(deployment.getMetadata().getName()).isEqualTo("demo-processor");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
            assertThat(container(deployment).getImage()).isEqualTo("abacus/processor:0.1.0");
            assertThat(container(deployment).getEnv()).filteredOn(e -> e.getName().equals("ABACUS_PROCESSOR_INSTANCE_ID"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
            assertThat(model(pipeline).processor().capped()).isTrue();
        }

        @Test
        void isNotCappedBelowThePartitionCount() {
            CalculatorPipeline pipeline = pipeline("demo");
            pipeline.getSpec().getProcessor().setReplicas(2);

            assertThat(DeploymentFactory.processor(model(pipeline)).getSpec().getReplicas()).isEqualTo(2);
            assertThat(model(pipeline).processor().capped()).isFalse();
        }

        @Test
        void aloneIsToldTheSnapshotsTopic() {
            CalculatorPipeline pipeline = pipeline("demo");
            pipeline.getSpec().getTopics().getSnapshots().setName("demo-state");
            PipelineModel model = model(pipeline);

            assertThat(env(container(DeploymentFactory.processor(model))))
                    .containsEntry("ABACUS_TOPICS_SNAPSHOTS", "demo-state")
                    .containsEntry("ABACUS_TOPICS_OUTCOMES", "demo.outcomes");
            assertThat(List.of(DeploymentFactory.commander(model), DeploymentFactory.view(model, 1)))
                    .allSatisfy(d -> assertThat(env(container(d))).doesNotContainKey("ABACUS_TOPICS_SNAPSHOTS"));
        }
    }

    @Nested
    class View {

        @Test
        void isPerGenerationInNameLabelsSelectorAndEnv() {
            Deployment deployment = DeploymentFactory.view(model(pipeline("demo")), 4);

            assertThat(deployment.getMetadata().getName()).isEqualTo("demo-view-g4");
            assertThat(deployment.getMetadata().getLabels()).containsEntry("abacus.dev/view-generation", "4");
            assertThat(deployment.getSpec().getSelector().getMatchLabels())
                    .containsEntry("abacus.dev/view-generation", "4")
                    .containsEntry("app.kubernetes.io/component", "view");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("abacus.dev/view-generation", "4");
            assertThat(env(container(deployment))).containsEntry("ABACUS_VIEW_GENERATION", "4");
            assertThat(DeploymentFactory.generationOf(deployment)).isEqualTo(4);
            assertThat(deployment.getMetadata().getAnnotations())
                    .containsEntry(DeploymentFactory.VIEW_TEMPLATE_HASH, DeploymentFactory.viewTemplateHash(model(pipeline("demo"))));
        }

        @Test
        void templateHashChangesWithTemplateAndTokenButNotWithReplicasOrGeneration() {
            CalculatorPipeline pipeline = pipeline("demo");
            String base = DeploymentFactory.viewTemplateHash(model(pipeline));

            pipeline.getSpec().getView().setReplicas(5);
            assertThat(DeploymentFactory.viewTemplateHash(model(pipeline))).isEqualTo(base);

            pipeline.getSpec().getView().setRebuild("2026-11-22-a");
            String withToken = DeploymentFactory.viewTemplateHash(model(pipeline));
            assertThat(withToken).isNotEqualTo(base);

            pipeline.getSpec().getView().setImage("acme/view:2");
            assertThat(DeploymentFactory.viewTemplateHash(model(pipeline))).isNotEqualTo(withToken);

            CalculatorPipeline other = pipeline("demo");
            other.getSpec().getView().setEnv(List.of(new EnvVar("PROJECTION", "v2", null)));
            assertThat(DeploymentFactory.viewTemplateHash(model(other))).isNotEqualTo(base);
        }
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
