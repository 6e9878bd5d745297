package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CertificateRef;
import dev.abacus.operator.api.KafkaAuthenticationSpec;
import dev.abacus.operator.api.KafkaAuthenticationType;
import dev.abacus.operator.api.KafkaTlsSpec;
import dev.abacus.operator.api.KafkaUserSpec;
import dev.abacus.operator.api.PasswordSecretRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Typed Kafka credentials in the pod templates: names and paths in env, values only in mounted Secret keys. */
class KafkaAccessDeploymentTest {

    @Test
    void eachComponentMountsItsOwnPasswordAndEveryTrustedCertificate() {
        CalculatorPipeline pipeline = secured();

        PodSpec processor = DeploymentFactory.processor(model(pipeline)).getSpec().getTemplate().getSpec();
        PodSpec view = DeploymentFactory.view(model(pipeline), 1).getSpec().getTemplate().getSpec();
        PodSpec commander = DeploymentFactory.commander(model(pipeline)).getSpec().getTemplate().getSpec();

        assertThat(env(processor)).containsEntry("ABACUS_KAFKA_TLS_ENABLED", "true")
                .containsEntry("ABACUS_KAFKA_TLS_TRUSTED_CERTIFICATES_DIR", "/etc/abacus/kafka/tls")
                .containsEntry("ABACUS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256")
                .containsEntry("ABACUS_KAFKA_SASL_USERNAME", "proc")
                .containsEntry("ABACUS_KAFKA_SASL_PASSWORD_FILE", "/etc/abacus/kafka/sasl/password");
        assertThat(password(processor)).isEqualTo("proc-secret/pw");
        assertThat(env(view)).containsEntry("ABACUS_KAFKA_SASL_USERNAME", "admin");
        assertThat(password(view)).isEqualTo("admin-secret/password");
        assertThat(env(commander)).containsEntry("ABACUS_KAFKA_SASL_USERNAME", "admin");
        assertThat(volume(processor, "kafka-trusted-certificates").getProjected().getSources())
                .extracting(s -> s.getSecret().getName() + ":" + s.getSecret().getItems().get(0).getKey() + "->"
                        + s.getSecret().getItems().get(0).getPath())
                .containsExactly("cluster-ca:ca.crt->0-ca.crt", "clients-ca:ca.crt->1-ca.crt");
        assertThat(processor.getContainers().get(0).getVolumeMounts())
                .extracting(m -> m.getName() + "@" + m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : ""))
                .contains("kafka-trusted-certificates@/etc/abacus/kafka/tls ro", "kafka-sasl@/etc/abacus/kafka/sasl ro");
    }

    @Test
    void tlsAloneTrustsTheJvmAndAuthenticatesWithNothing() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().getKafka().setTls(new KafkaTlsSpec());

        PodSpec pod = DeploymentFactory.commander(model(pipeline)).getSpec().getTemplate().getSpec();

        assertThat(env(pod)).containsEntry("ABACUS_KAFKA_TLS_ENABLED", "true")
                .doesNotContainKeys("ABACUS_KAFKA_TLS_TRUSTED_CERTIFICATES_DIR", "ABACUS_KAFKA_SASL_MECHANISM");
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp");
    }

    @Test
    void aSpecCannotOverrideTheKafkaSecurityEnv() {
        CalculatorPipeline pipeline = secured();
        pipeline.getSpec().getProcessor().setEnv(List.of(
                new EnvVarBuilder().withName("ABACUS_KAFKA_SASL_USERNAME").withValue("intruder").build(),
                new EnvVarBuilder().withName("ABACUS_KAFKA_TLS_ENABLED").withValue("false").build()));

        Deployment processor = DeploymentFactory.processor(model(pipeline));

        assertThat(env(processor.getSpec().getTemplate().getSpec())).containsEntry("ABACUS_KAFKA_SASL_USERNAME", "proc")
                .containsEntry("ABACUS_KAFKA_TLS_ENABLED", "true");
        assertThat(PipelineModel.ignoredEnv(pipeline))
                .containsExactlyInAnyOrder("ABACUS_KAFKA_SASL_USERNAME", "ABACUS_KAFKA_TLS_ENABLED");
    }

    static CalculatorPipeline secured() {
        CalculatorPipeline pipeline = pipeline("demo");
        KafkaTlsSpec tls = new KafkaTlsSpec();
        tls.setTrustedCertificates(List.of(new CertificateRef("cluster-ca", "ca.crt"),
                new CertificateRef("clients-ca", "ca.crt")));
        pipeline.getSpec().getKafka().setTls(tls);
        KafkaAuthenticationSpec authentication = new KafkaAuthenticationSpec();
        authentication.setType(KafkaAuthenticationType.SCRAM_SHA_256);
        authentication.setUsername("admin");
        authentication.setPasswordSecret(new PasswordSecretRef("admin-secret", "password"));
        authentication.setProcessor(new KafkaUserSpec("proc", new PasswordSecretRef("proc-secret", "pw")));
        pipeline.getSpec().getKafka().setAuthentication(authentication);
        return pipeline;
    }

    private static Map<String, String> env(PodSpec pod) {
        return pod.getContainers().get(0).getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String password(PodSpec pod) {
        Volume sasl = volume(pod, "kafka-sasl");
        assertThat(sasl.getSecret().getItems()).singleElement()
                .satisfies(item -> assertThat(item.getPath()).isEqualTo("password"));
        return sasl.getSecret().getSecretName() + "/" + sasl.getSecret().getItems().get(0).getKey();
    }
}
