package dev.abacus.operator.kafka;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.kube.testkit.ControlPlane;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets read through a real API server, as the operator reads them. */
@RealControlPlane
class KafkaConnectionResolverIT {

    private final KubernetesClient client = ControlPlane.shared().admin();
    private final String namespace = ControlPlane.shared().createNamespace("resolver").getMetadata().getName();

    @TempDir
    Path dir;

    @Test
    void withoutSecretsOnlyTheBootstrapServersAreUsedAsSeenFromThePipelinesNamespace() throws Exception {
        KafkaConnection connection = new KafkaConnectionResolver(client, dir).resolve(model(pipeline("demo", namespace)));

        assertThat(connection.bootstrapServers())
                .isEqualTo("kafka-0." + namespace + ".svc:9092,kafka-1." + namespace + ".svc:9092");
        assertThat(connection.properties()).isEmpty();
    }

    @Test
    void readsClientPropertiesAndCopiesTheTruststoreToALocalFile() throws Exception {
        CalculatorPipeline pipeline = pipeline("demo", namespace);
        pipeline.getSpec().getKafka().setClientProperties(new SecretKeyRef("kafka-user", "client.properties"));
        pipeline.getSpec().getKafka().setTruststore(new SecretKeyRef("kafka-ca", "ca.crt"));
        secret("kafka-user", "client.properties", """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.type=PEM
                ssl.truststore.location=/etc/abacus/kafka/truststore/ca.crt
                bootstrap.servers=ignored:9092
                """);
        secret("kafka-ca", "ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        KafkaConnection connection = new KafkaConnectionResolver(client, dir).resolve(model(pipeline));

        assertThat(connection.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("bootstrap.servers");
        Path local = Path.of(connection.properties().get("ssl.truststore.location"));
        assertThat(local).startsWith(dir);
        assertThat(Files.readString(local)).contains("BEGIN CERTIFICATE");
        assertThat(connection.fingerprint()).isNotEmpty();
    }

    @Test
    void missingSecretOrKeyIsSecretNotFound() {
        CalculatorPipeline pipeline = pipeline("demo", namespace);
        pipeline.getSpec().getKafka().setClientProperties(new SecretKeyRef("absent", "client.properties"));
        KafkaConnectionResolver resolver = new KafkaConnectionResolver(client, dir);

        assertThatThrownBy(() -> resolver.resolve(model(pipeline)))
                .isInstanceOfSatisfying(KafkaSettingsException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConditionReason.SECRET_NOT_FOUND));

        secret("absent", "other", "x=y");
        assertThatThrownBy(() -> resolver.resolve(model(pipeline)))
                .isInstanceOfSatisfying(KafkaSettingsException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConditionReason.SECRET_NOT_FOUND);
                    assertThat(e.getMessage()).contains("has no key client.properties");
                });
    }

    @Test
    void missingBootstrapServersIsInvalidSpec() {
        CalculatorPipeline pipeline = pipeline("demo", namespace);
        pipeline.getSpec().getKafka().setBootstrapServers(null);

        assertThatThrownBy(() -> new KafkaConnectionResolver(client, dir).resolve(model(pipeline)))
                .isInstanceOfSatisfying(KafkaSettingsException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConditionReason.INVALID_SPEC));
    }

    private void secret(String name, String key, String value) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .build()).create();
    }
}
