package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.contract.KafkaSecurity;
import dev.abacus.contract.SaslMechanism;
import dev.abacus.kafka.embedded.SecureListener;
import dev.abacus.kafka.embedded.TlsMaterial;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CertificateRef;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.KafkaAuthenticationSpec;
import dev.abacus.operator.api.KafkaAuthenticationType;
import dev.abacus.operator.api.KafkaTlsSpec;
import dev.abacus.operator.api.KafkaUserSpec;
import dev.abacus.operator.api.PasswordSecretRef;
import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed Kafka credentials and operator-made ACLs on the real control plane, against a real broker whose SASL_SSL
 * listener checks SCRAM passwords, presents a self-signed certificate and runs Kafka's standard authorizer. The
 * operator's own user ({@code abacus-admin}) is a super user, as a platform's admin user would be.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaCredentialsIT {

    private static final Map<String, String> PASSWORDS = Map.of(
            "abacus-admin", "admin-" + UUID.randomUUID(),
            "abacus-commander", "commander-" + UUID.randomUUID(),
            "abacus-processor", "processor-" + UUID.randomUUID(),
            "abacus-view", "view-" + UUID.randomUUID());

    @TempDir
    static Path dir;

    private OperatorTestEnvironment env;
    private TlsMaterial tls;

    @BeforeAll
    void start() {
        tls = TlsMaterial.selfSigned(dir.resolve("tls"));
        env = OperatorTestEnvironment.startWithSecureKafka(new SecureListener(tls, Map.of(), true, Set.of("abacus-admin")));
        PASSWORDS.forEach((user, password) -> env.kafka().upsertScramUser(ScramMechanism.SCRAM_SHA_512, user, password));
        secret("kafka-ca", Map.of("ca.crt", tls.certificatePem()));
        secret("kafka-users", PASSWORDS);
        secret("kafka-cluster-ca", Map.of("ca.crt", tls.certificatePem()));
        secret("abacus-kafka-users", PASSWORDS);
        secret("abacus-jwt", Map.of("hs256", "jwt-" + UUID.randomUUID() + UUID.randomUUID()));
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @AfterEach
    void deletePipelines() {
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).delete();
        eventually().until(() -> env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).list()
                .getItems().isEmpty());
    }

    @Test
    void typedCredentialsReachTheBrokerAndNoSecretValueLeavesItsSecret() {
        env.create(securedPipeline("sigma", false));

        env.awaitReady("sigma");

        Deployment processor = deployment("sigma-processor");
        Map<String, String> processorEnv = env(processor);
        assertThat(processorEnv)
                .containsEntry("ABACUS_KAFKA_TLS_ENABLED", "true")
                .containsEntry("ABACUS_KAFKA_TLS_TRUSTED_CERTIFICATES_DIR", "/etc/abacus/kafka/tls")
                .containsEntry("ABACUS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("ABACUS_KAFKA_SASL_USERNAME", "abacus-processor")
                .containsEntry("ABACUS_KAFKA_SASL_PASSWORD_FILE", "/etc/abacus/kafka/sasl/password");
        assertThat(processor.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .anySatisfy(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-users");
                    assertThat(v.getSecret().getItems()).singleElement()
                            .satisfies(i -> assertThat(i.getKey()).isEqualTo("abacus-processor"));
                });
        assertThat(env(deployment("sigma-commander"))).containsEntry("ABACUS_KAFKA_SASL_USERNAME", "abacus-commander");
        assertThat(env(deployment("sigma-view-g1"))).containsEntry("ABACUS_KAFKA_SASL_USERNAME", "abacus-view");

        String everythingTheOperatorWrote = String.join("\n",
                Serialization.asJson(env.client().apps().deployments().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().configMaps().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().services().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().v1().events().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.get("sigma").getStatus()));
        assertThat(everythingTheOperatorWrote).contains("abacus-processor");
        PASSWORDS.values().forEach(password -> assertThat(everythingTheOperatorWrote).doesNotContain(password));
        assertThat(everythingTheOperatorWrote).doesNotContain(tls.certificatePem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void aWrongPasswordIsAConditionWithAClearReasonAndMendingTheSecretRecovers() {
        secret("wrong-admin", Map.of("password", "not-the-password"));
        CalculatorPipeline pipeline = securedPipeline("tau", false);
        pipeline.getSpec().getKafka().getAuthentication().setPasswordSecret(new PasswordSecretRef("wrong-admin", "password"));
        env.create(pipeline);

        eventually().untilAsserted(() -> assertThat(env.condition("tau", ConditionType.TOPICS_READY))
                .hasValueSatisfying(c -> assertThat(c.getReason()).as(c.getMessage())
                        .isEqualTo("KafkaAuthenticationFailed")));
        assertThat(env.condition("tau", ConditionType.TOPICS_READY).orElseThrow().getMessage())
                .contains("refused the credentials").doesNotContain("not-the-password");
        assertThat(env.get("tau").getStatus().isReady()).isFalse();
        assertThat(deployment("tau-processor")).as("the Kubernetes side is reconciled all the same").isNotNull();

        secret("wrong-admin", Map.of("password", PASSWORDS.get("abacus-admin")));

        env.awaitReady("tau");
    }

    @Test
    void managedAclsLetOnlyTheProcessorWriteEventsAndGoWithThePipeline() throws Exception {
        env.create(securedPipeline("upsilon", true));

        env.awaitReady("upsilon");

        assertThat(aclsOn("upsilon")).extracting(b -> b.entry().principal()).containsOnly(
                "User:abacus-commander", "User:abacus-processor", "User:abacus-view");
        assertThat(write("abacus-processor", "upsilon.events", "abacus-processor-upsilon.commands-0")).isTrue();
        assertThat(write("abacus-commander", "upsilon.commands", null)).isTrue();
        assertThat(write("abacus-commander", "upsilon.events", null)).isFalse();
        assertThat(write("abacus-view", "upsilon.events", null)).isFalse();
        assertThat(canRead("abacus-view", "upsilon.events")).isTrue();
        assertThat(canRead("abacus-view", "upsilon.commands")).isFalse();
        assertThat(canRead("abacus-commander", "upsilon.outcomes")).isTrue();
        assertThat(write("abacus-processor", "upsilon.snapshots", "abacus-processor-upsilon.commands-0")).isTrue();
        assertThat(canRead("abacus-processor", "upsilon.snapshots")).isTrue();
        assertThat(write("abacus-commander", "upsilon.snapshots", null)).isFalse();
        assertThat(canRead("abacus-commander", "upsilon.snapshots")).isFalse();
        assertThat(canRead("abacus-view", "upsilon.snapshots")).isFalse();

        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).withName("upsilon").delete();

        eventually().untilAsserted(() -> assertThat(aclsOn("upsilon")).isEmpty());
    }

    @Test
    void theProductionExampleReconcilesToReadyWithItsSpecUnchanged() throws Exception {
        CalculatorPipeline pipeline;
        try (java.io.InputStream in = Files.newInputStream(Path.of("..", "examples", "production-pipeline.yaml"))) {
            pipeline = Serialization.unmarshal(in, CalculatorPipeline.class);
        }
        pipeline.getMetadata().setNamespace(env.namespace());
        pipeline.getSpec().getKafka().setBootstrapServers(env.kafka().secureBootstrapServers());
        pipeline.getSpec().getTopics().setReplicationFactor(1);
        String specAsCreated = Serialization.asJson(env.create(pipeline).getSpec());

        env.awaitReady("ledger");

        assertThat(Serialization.asJson(env.get("ledger").getSpec())).isEqualTo(specAsCreated);
        assertThat(OperatorTestEnvironment.specFieldsOwnedByTheOperator(env.get("ledger"))).isEmpty();
        assertThat(aclsOn("ledger")).isNotEmpty();
    }

    @Test
    void managedAclsNeedAProcessorUserOfItsOwn() {
        CalculatorPipeline shared = securedPipeline("phi", true);
        shared.getSpec().getKafka().getAuthentication().setProcessor(null);
        shared.getSpec().getKafka().getAuthentication().setView(null);
        env.create(shared);

        eventually().until(() -> env.condition("phi", ConditionType.TOPICS_READY)
                .map(c -> c.hasReason(ConditionReason.INVALID_SPEC)
                        && c.getMessage().contains("processor user of its own")).orElse(false));

        CalculatorPipeline noAuthentication = securedPipeline("chi", true);
        noAuthentication.getSpec().getKafka().setAuthentication(null);
        assertThatThrownBy(() -> env.create(noAuthentication))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("manageAcls needs authentication");
                });
    }

    private CalculatorPipeline securedPipeline(String name, boolean manageAcls) {
        CalculatorPipeline pipeline = env.pipeline(name, 1);
        pipeline.getSpec().getKafka().setBootstrapServers(env.kafka().secureBootstrapServers());
        KafkaTlsSpec tlsSpec = new KafkaTlsSpec();
        tlsSpec.setTrustedCertificates(List.of(new CertificateRef("kafka-ca", "ca.crt")));
        pipeline.getSpec().getKafka().setTls(tlsSpec);
        KafkaAuthenticationSpec authentication = new KafkaAuthenticationSpec();
        authentication.setType(KafkaAuthenticationType.SCRAM_SHA_512);
        authentication.setUsername("abacus-admin");
        authentication.setPasswordSecret(new PasswordSecretRef("kafka-users", "abacus-admin"));
        authentication.setCommander(user("abacus-commander"));
        authentication.setProcessor(user("abacus-processor"));
        authentication.setView(user("abacus-view"));
        pipeline.getSpec().getKafka().setAuthentication(authentication);
        pipeline.getSpec().getKafka().setManageAcls(manageAcls);
        return pipeline;
    }

    private static KafkaUserSpec user(String name) {
        return new KafkaUserSpec(name, new PasswordSecretRef("kafka-users", name));
    }

    private void secret(String name, Map<String, String> data) {
        env.client().secrets().inNamespace(env.namespace()).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(data).build()).serverSideApply();
    }

    private Deployment deployment(String name) {
        return env.client().apps().deployments().inNamespace(env.namespace()).withName(name).get();
    }

    private static Map<String, String> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private Collection<AclBinding> aclsOn(String pipeline) throws Exception {
        try (Admin admin = env.kafka().admin()) {
            return admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).stream()
                    .filter(b -> b.pattern().name().startsWith(pipeline + ".")
                            || b.pattern().name().contains("-" + pipeline + ".commands-"))
                    .toList();
        }
    }

    private Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new java.util.HashMap<>(new KafkaSecurity(true, tls.certificatePem(),
                java.util.Optional.of(new KafkaSecurity.SaslCredential(SaslMechanism.SCRAM_SHA_512, user,
                        PASSWORDS.get(user)))).clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, env.kafka().secureBootstrapServers());
        return config;
    }

    /** Whether {@code user} may write a record to {@code topic}, transactionally when given a transactional id. */
    private boolean write(String user, String topic, String transactionalId) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig(user));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            if (transactionalId != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            producer.send(new ProducerRecord<>(topic, "probe", "probe")).get(30, TimeUnit.SECONDS);
            if (transactionalId != null) {
                producer.commitTransaction();
            }
            return true;
        } catch (ExecutionException | KafkaException e) {
            // a user with no WRITE on any topic is refused already when its idempotent producer asks for an id: in
            // the send's future, or from send itself when the refusal came first
            if (e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof ClusterAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    private boolean canRead(String user, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig(user));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(2));
            consumer.position(partition, Duration.ofSeconds(20));
            return true;
        } catch (TopicAuthorizationException e) {
            return false;
        }
    }
}
