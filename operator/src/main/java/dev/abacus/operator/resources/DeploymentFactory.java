package dev.abacus.operator.resources;

import static dev.abacus.contract.ServiceEndpoints.HTTP_PORT;
import static dev.abacus.contract.ServiceEndpoints.HTTP_PORT_NAME;
import static dev.abacus.contract.ServiceEndpoints.LIVENESS_PATH;
import static dev.abacus.contract.ServiceEndpoints.MANAGEMENT_PORT;
import static dev.abacus.contract.ServiceEndpoints.MANAGEMENT_PORT_NAME;
import static dev.abacus.contract.ServiceEndpoints.METRICS_PATH;
import static dev.abacus.contract.ServiceEndpoints.READINESS_PATH;

import dev.abacus.contract.KafkaEnvironment;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.contract.ProcessorIdentity;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.contract.ViewStatusDocument;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.resources.PipelineModel.ComponentModel;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired Deployments of the three services, built from a {@link PipelineModel} alone. */
public final class DeploymentFactory {

    public static final String CLIENT_PROPERTIES_DIR = KafkaEnvironment.CLIENT_PROPERTIES_MOUNT;
    public static final String CLIENT_PROPERTIES_FILE = CLIENT_PROPERTIES_DIR + "/client.properties";
    public static final String TRUSTSTORE_DIR = KafkaEnvironment.TRUSTSTORE_MOUNT;
    public static final String VIEW_TEMPLATE_HASH = "abacus.dev/view-template-hash";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentFactory() {
    }

    public static Deployment commander(PipelineModel model) {
        return deployment(model, model.deploymentName(Component.COMMANDER), model.commander(),
                Labels.selector(model.name(), Component.COMMANDER), template(model, model.commander(), List.of()));
    }

    public static Deployment processor(PipelineModel model) {
        EnvVar instanceId = new EnvVarBuilder().withName(ProcessorIdentity.INSTANCE_ID_ENV)
                .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().build();
        return deployment(model, model.deploymentName(Component.PROCESSOR), model.processor(),
                Labels.selector(model.name(), Component.PROCESSOR), template(model, model.processor(), List.of(instanceId)));
    }

    /** The view Deployment of one generation, running the current spec's pod template. */
    public static Deployment view(PipelineModel model, int generation) {
        PodTemplateSpec template = viewTemplate(model);
        String hash = viewTemplateHash(model);
        template.getMetadata().getLabels().put(Labels.VIEW_GENERATION, String.valueOf(generation));
        template.getMetadata().getAnnotations().put(VIEW_TEMPLATE_HASH, hash);
        template.getSpec().getContainers().get(0).getEnv()
                .add(new EnvVar(ViewStatusDocument.GENERATION_ENV, String.valueOf(generation), null));
        Deployment deployment = deployment(model, model.viewDeploymentName(generation), model.view(),
                Labels.viewSelector(model.name(), generation), template);
        deployment.getMetadata().getLabels().put(Labels.VIEW_GENERATION, String.valueOf(generation));
        deployment.getMetadata().getAnnotations().put(VIEW_TEMPLATE_HASH, hash);
        return deployment;
    }

    /**
     * Identity of what a view generation runs: its pod template without generation-specific parts, plus the
     * rebuild token. A different hash means a rebuild.
     */
    public static String viewTemplateHash(PipelineModel model) {
        String canonical = SERIALIZATION.asJson(viewTemplate(model)) + "\n" + (model.rebuildToken() == null ? "" : model.rebuildToken());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int generationOf(Deployment deployment) {
        String value = deployment.getMetadata().getLabels() == null ? null
                : deployment.getMetadata().getLabels().get(Labels.VIEW_GENERATION);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PodTemplateSpec viewTemplate(PipelineModel model) {
        return template(model, model.view(), List.of());
    }

    private static Deployment deployment(PipelineModel model, String name, ComponentModel component,
                                         Map<String, String> selector, PodTemplateSpec template) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(model.namespace())
                .withLabels(Labels.of(model.name(), component.component()))
                .withAnnotations(new LinkedHashMap<>())
                .endMetadata()
                .withNewSpec()
                .withReplicas(component.replicas())
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(template)
                .endSpec()
                .build();
    }

    private static PodTemplateSpec template(PipelineModel model, ComponentModel component, List<EnvVar> extraEnv) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(MANAGEMENT_PORT));
        annotations.put("prometheus.io/path", METRICS_PATH);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        model.clientProperties().ifPresent(ref -> {
            volumes.add(secretVolume("kafka-client", ref, "client.properties"));
            mounts.add(new VolumeMountBuilder().withName("kafka-client").withMountPath(CLIENT_PROPERTIES_DIR)
                    .withReadOnly(true).build());
        });
        model.truststore().ifPresent(ref -> {
            volumes.add(secretVolume("kafka-truststore", ref, ref.getKey()));
            mounts.add(new VolumeMountBuilder().withName("kafka-truststore").withMountPath(TRUSTSTORE_DIR)
                    .withReadOnly(true).build());
        });
        KafkaAccess access = model.kafkaAccess();
        if (!access.trustedCertificates().isEmpty()) {
            volumes.add(trustedCertificatesVolume(access.trustedCertificates()));
            mounts.add(new VolumeMountBuilder().withName("kafka-trusted-certificates")
                    .withMountPath(KafkaEnvironment.TRUSTED_CERTIFICATES_MOUNT).withReadOnly(true).build());
        }
        access.user(component.component()).ifPresent(user -> {
            volumes.add(secretVolume("kafka-sasl", user.password(), KafkaEnvironment.SASL_PASSWORD_KEY));
            mounts.add(new VolumeMountBuilder().withName("kafka-sasl").withMountPath(KafkaEnvironment.SASL_MOUNT)
                    .withReadOnly(true).build());
        });
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(Labels.of(model.name(), component.component()))
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(model.serviceAccountName(component.component()))
                .withAutomountServiceAccountToken(false)
                .withContainers(container(model, component, extraEnv, mounts))
                .withVolumes(volumes)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .endSpec()
                .build();
    }

    private static Container container(PipelineModel model, ComponentModel component, List<EnvVar> extraEnv,
                                       List<VolumeMount> mounts) {
        List<EnvVar> env = new ArrayList<>(component.env());
        env.add(new EnvVar(ServiceEndpoints.MANAGEMENT_PORT_ENV, String.valueOf(MANAGEMENT_PORT), null));
        env.add(new EnvVar(KafkaEnvironment.BOOTSTRAP_SERVERS, model.bootstrapServers(), null));
        env.add(new EnvVar(PipelineTopics.COMMANDS_ENV, model.topics().commands(), null));
        env.add(new EnvVar(PipelineTopics.EVENTS_ENV, model.topics().events(), null));
        env.add(new EnvVar(PipelineTopics.OUTCOMES_ENV, model.topics().outcomes(), null));
        if (component.component() == Component.PROCESSOR) {
            env.add(new EnvVar(PipelineTopics.SNAPSHOTS_ENV, model.topics().snapshots(), null));
        }
        if (model.clientProperties().isPresent()) {
            env.add(new EnvVar(KafkaEnvironment.CLIENT_PROPERTIES_FILE, CLIENT_PROPERTIES_FILE, null));
        }
        env.addAll(kafkaSecurityEnv(model.kafkaAccess(), component.component()));
        if (PipelineModel.AUTH_COMPONENTS.contains(component.component())) {
            env.addAll(model.auth().env());
        }
        env.addAll(extraEnv);
        ContainerBuilder container = new ContainerBuilder()
                .withName(component.component().id())
                .withImage(component.image())
                .addNewPort().withName(HTTP_PORT_NAME).withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                .addNewPort().withName(MANAGEMENT_PORT_NAME).withContainerPort(MANAGEMENT_PORT).withProtocol("TCP")
                .endPort()
                .withEnv(env)
                .withStartupProbe(probe(LIVENESS_PATH, 5, 60))
                .withLivenessProbe(probe(LIVENESS_PATH, 10, 3))
                .withReadinessProbe(probe(READINESS_PATH, 5, 3))
                .withVolumeMounts(mounts)
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
        component.resources().ifPresent(container::withResources);
        return container.build();
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(MANAGEMENT_PORT_NAME)).withScheme("HTTP").endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /** Names and paths only: the password and certificates reach the pod as mounted files. */
    private static List<EnvVar> kafkaSecurityEnv(KafkaAccess access, Component component) {
        List<EnvVar> env = new ArrayList<>();
        if (access.tls()) {
            env.add(new EnvVar(KafkaEnvironment.TLS_ENABLED, "true", null));
        }
        if (!access.trustedCertificates().isEmpty()) {
            env.add(new EnvVar(KafkaEnvironment.TLS_TRUSTED_CERTIFICATES_DIR, KafkaEnvironment.TRUSTED_CERTIFICATES_MOUNT,
                    null));
        }
        access.user(component).ifPresent(user -> {
            env.add(new EnvVar(KafkaEnvironment.SASL_MECHANISM, access.mechanism().orElseThrow().kafkaName(), null));
            env.add(new EnvVar(KafkaEnvironment.SASL_USERNAME, user.username(), null));
            env.add(new EnvVar(KafkaEnvironment.SASL_PASSWORD_FILE,
                    KafkaEnvironment.SASL_MOUNT + "/" + KafkaEnvironment.SASL_PASSWORD_KEY, null));
        });
        return env;
    }

    /** Every trusted certificate in one directory, numbered so that two Secrets may use the same key. */
    private static Volume trustedCertificatesVolume(List<SecretKeyRef> certificates) {
        List<VolumeProjection> sources = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            SecretKeyRef ref = certificates.get(i);
            sources.add(new VolumeProjectionBuilder().withNewSecret().withName(ref.getName())
                    .addNewItem().withKey(ref.getKey()).withPath(i + "-" + ref.getKey()).endItem()
                    .endSecret().build());
        }
        return new VolumeBuilder().withName("kafka-trusted-certificates")
                .withNewProjected().withSources(sources).endProjected().build();
    }

    private static Volume secretVolume(String name, SecretKeyRef ref, String path) {
        return new VolumeBuilder().withName(name)
                .withNewSecret().withSecretName(ref.getName()).addNewItem().withKey(ref.getKey()).withPath(path).endItem()
                .endSecret()
                .build();
    }
}
