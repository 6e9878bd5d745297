package dev.abacus.operator.support;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.kafka.embedded.SecureListener;
import dev.abacus.kube.testkit.ConflictRetry;
import dev.abacus.kube.testkit.ControlPlane;
import dev.abacus.operator.AbacusOperator;
import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.resources.Labels;
import dev.abacus.operator.CalculatorPipelineReconciler;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One test class's world on the real control plane of this JVM ({@link ControlPlane}: kube-apiserver with RBAC,
 * server-side apply and CEL, the real Deployment controller and garbage collector, kwok making pods Running and
 * Ready): a namespace of its own with the generated CRD applied, fake view copies answering the progress probe, a
 * real in-JVM Kafka broker, and the operator started with its production settings (server-side apply on, leader
 * election through a Lease), watching that namespace.
 */
public final class OperatorTestEnvironment implements AutoCloseable {

    public static final String CRD_RESOURCE = "/META-INF/fabric8/calculatorpipelines.abacus.dev-v1.yml";
    private static final AtomicInteger LEASES = new AtomicInteger();

    private final ControlPlane controlPlane;
    private final KubernetesClient client;
    private final String namespace;
    private final EmbeddedKafka kafka;
    private final PodScheduling scheduling;
    private final ViewCopies viewCopies;
    private final Map<String, String> operatorEnv;
    private volatile AbacusOperator operator;

    private OperatorTestEnvironment(ControlPlane controlPlane, String namespace, EmbeddedKafka kafka,
                                    ViewCopies viewCopies, Map<String, String> operatorEnv) {
        this.controlPlane = controlPlane;
        this.client = controlPlane.admin();
        this.namespace = namespace;
        this.kafka = kafka;
        this.scheduling = new PodScheduling(client);
        this.viewCopies = viewCopies;
        this.operatorEnv = operatorEnv;
    }

    public static OperatorTestEnvironment start() {
        return start(Map.of());
    }

    public static OperatorTestEnvironment start(Map<String, String> extraEnv) {
        return start(extraEnv, false);
    }

    /** As {@link #start()}, with a real view service behind every view Deployment the operator creates. */
    public static OperatorTestEnvironment startWithRealViews() {
        return start(Map.of(), true);
    }

    /** As {@link #start()}, on a broker that also has a SASL_SSL listener (and perhaps an authorizer). */
    public static OperatorTestEnvironment startWithSecureKafka(SecureListener secure) {
        return start(Map.of(), false, Optional.of(secure));
    }

    private static OperatorTestEnvironment start(Map<String, String> extraEnv, boolean realViews) {
        return start(extraEnv, realViews, Optional.empty());
    }

    private static OperatorTestEnvironment start(Map<String, String> extraEnv, boolean realViews,
                                                 Optional<SecureListener> secure) {
        ControlPlane controlPlane = ControlPlane.shared();
        controlPlane.applyCrd(crd());
        String namespace = controlPlane.createNamespace("operator-test", ControlPlane.RESTRICTED).getMetadata()
                .getName();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ABACUS_WATCH_NAMESPACES", namespace);
        env.put("ABACUS_LEADER_ELECTION_NAMESPACE", namespace);
        env.put("ABACUS_LEADER_ELECTION_LEASE_NAME", "abacus-operator-" + LEASES.incrementAndGet());
        env.putAll(extraEnv);
        OperatorTestEnvironment environment = new OperatorTestEnvironment(controlPlane, namespace,
                secure.map(EmbeddedKafka::startTemporary).orElseGet(EmbeddedKafka::startTemporary),
                realViews ? new RealViewCopies(controlPlane.admin(), namespace) : new FakeViewCopies(),
                Map.copyOf(env));
        environment.operator = environment.startOperator(environment.operatorEnv);
        return environment;
    }

    /** Another operator instance against the same control plane, as a second replica would be. */
    public AbacusOperator startAnotherOperator(Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>(operatorEnv);
        env.putAll(extraEnv);
        return startOperator(env);
    }

    /** Stops the operator and starts a new one (fresh informers, no memory) against the same cluster and broker. */
    public void restartOperator() {
        operator.close();
        operator = startOperator(operatorEnv);
    }

    private AbacusOperator startOperator(Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ABACUS_OPERATOR_HTTP_PORT", "0");
        // in production a lost lease ends the process; here that process is the test JVM
        env.put("ABACUS_LEADER_ELECTION_EXIT_ON_LOSS", "false");
        env.put("ABACUS_KAFKA_API_TIMEOUT", "3s");
        env.put("ABACUS_RESYNC_INTERVAL", "2s");
        env.put("ABACUS_KAFKA_RETRY_INITIAL", "500ms");
        env.put("ABACUS_KAFKA_RETRY_MAX", "2s");
        env.put("ABACUS_REBUILD_POLL_INTERVAL", "1s");
        env.put("ABACUS_VIEW_PROBE_TIMEOUT", "500ms");
        env.putAll(extraEnv);
        OperatorConfig config = OperatorConfig.fromEnv(env);
        return AbacusOperator.start(config, client, viewCopies.probe(config.viewProbeTimeout()));
    }

    public static CustomResourceDefinition crd() {
        try (InputStream in = OperatorTestEnvironment.class.getResourceAsStream(CRD_RESOURCE)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spec fields the operator's field manager owns according to the API server's managedFields: always empty
     * for an operator that never writes a user's spec.
     */
    public static List<String> specFieldsOwnedByTheOperator(CalculatorPipeline pipeline) {
        List<String> owned = new ArrayList<>();
        for (ManagedFieldsEntry entry : Optional.ofNullable(pipeline.getMetadata().getManagedFields())
                .orElse(List.of())) {
            if (!CalculatorPipelineReconciler.NAME.equals(entry.getManager()) || entry.getFieldsV1() == null) {
                continue;
            }
            Object spec = entry.getFieldsV1().getAdditionalProperties().get("f:spec");
            if (spec instanceof Map<?, ?> fields) {
                fields.keySet().forEach(field -> owned.add(entry.getOperation() + " " + field));
            }
        }
        return owned;
    }

    public KubernetesClient client() {
        return client;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /** The Lease the operators of this environment elect their leader through. */
    public String leaseName() {
        return operatorEnv.get("ABACUS_LEADER_ELECTION_LEASE_NAME");
    }

    /** The namespace this environment's pipelines live in. */
    public String namespace() {
        return namespace;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public PodScheduling scheduling() {
        return scheduling;
    }

    public FakeViewCopies viewCopies() {
        return (FakeViewCopies) viewCopies;
    }

    public RealViewCopies realViews() {
        return (RealViewCopies) viewCopies;
    }

    public AbacusOperator operator() {
        return operator;
    }

    /** A minimal pipeline on the test broker (replication factor 1, one replica per component). */
    public CalculatorPipeline pipeline(String name, int partitions) {
        CalculatorPipeline pipeline = new CalculatorPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        CalculatorPipelineSpec spec = new CalculatorPipelineSpec();
        spec.getKafka().setBootstrapServers(kafka.bootstrapServers());
        spec.getTopics().setPartitions(partitions);
        spec.getTopics().setReplicationFactor(1);
        pipeline.setSpec(spec);
        return pipeline;
    }

    public CalculatorPipeline create(CalculatorPipeline pipeline) {
        return client.resource(pipeline).create();
    }

    public CalculatorPipeline get(String name) {
        return client.resources(CalculatorPipeline.class).inNamespace(namespace).withName(name).get();
    }

    public CalculatorPipeline edit(String name, Consumer<CalculatorPipelineSpec> change) {
        return ConflictRetry.edit(client.resources(CalculatorPipeline.class).inNamespace(namespace).withName(name), p -> {
            change.accept(p.getSpec());
            return p;
        });
    }

    /** Sets one annotation with a JSON merge patch, as {@code kubectl annotate} does: no resourceVersion, no race. */
    public void annotate(String name, String key, String value) {
        client.resources(CalculatorPipeline.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(
                        Map.of("metadata", Map.of("annotations", Map.of(key, value)))));
    }

    public Optional<Condition> condition(String name, ConditionType type) {
        CalculatorPipeline pipeline = get(name);
        return pipeline == null || pipeline.getStatus() == null ? Optional.empty()
                : pipeline.getStatus().condition(type);
    }

    /** Whether the pipeline reports Ready=True for its current generation. */
    public boolean readyAtCurrentGeneration(String name) {
        CalculatorPipeline pipeline = get(name);
        return pipeline != null && pipeline.getStatus() != null && pipeline.getStatus().isReady()
                && pipeline.getMetadata().getGeneration().equals(pipeline.getStatus().getObservedGeneration());
    }

    /**
     * Waits until the pipeline reports Ready=True for its current generation. On timeout the failure says what is
     * still missing (its conditions and its Deployments' availability, on one line so a CI summary shows it) and the
     * stacks of busy reconciler threads go to stderr.
     */
    public void awaitReady(String name) {
        try {
            eventually().until(() -> readyAtCurrentGeneration(name));
        } catch (ConditionTimeoutException e) {
            System.err.println(reconcilerThreads());
            throw new AssertionError("pipeline " + name + " not Ready at its current generation: " + describe(name), e);
        }
    }

    /** What the cluster holds for a pipeline and its Deployments. */
    public String describe(String name) {
        CalculatorPipeline pipeline = get(name);
        if (pipeline == null) {
            return "no such pipeline";
        }
        List<String> facts = new ArrayList<>();
        facts.add("broker " + (kafka.isRunning() ? "running" : "stopped"));
        facts.add("generation " + pipeline.getMetadata().getGeneration() + ", observed "
                + (pipeline.getStatus() == null ? "never" : pipeline.getStatus().getObservedGeneration()));
        if (pipeline.getStatus() != null) {
            pipeline.getStatus().getConditions().forEach(c -> facts.add(c.getType() + "=" + c.getStatus() + " "
                    + c.getReason() + " (" + c.getMessage() + ")"));
        }
        client.apps().deployments().inNamespace(namespace).withLabel(Labels.INSTANCE, name).list().getItems()
                .forEach(d -> facts.add(d.getMetadata().getName() + " generation " + d.getMetadata().getGeneration()
                        + (d.getStatus() == null ? " no status" : " observed " + d.getStatus().getObservedGeneration()
                        + " available " + d.getStatus().getAvailableReplicas())));
        client.pods().inNamespace(namespace).withLabel(Labels.INSTANCE, name).list().getItems()
                .forEach(pod -> facts.add("pod " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase()
                        + " node " + pod.getSpec().getNodeName() + " conditions "
                        + Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
                        .map(c -> c.getType() + "=" + c.getStatus()).toList()));
        return String.join(" | ", facts);
    }

    private static String reconcilerThreads() {
        StringBuilder out = new StringBuilder("Reconciler threads at timeout:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("ReconcilerExecutor")) {
                out.append("  ").append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                Arrays.stream(stack).limit(30).forEach(frame -> out.append("    at ").append(frame).append('\n'));
            }
        });
        return out.toString();
    }

    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions();
    }

    @Override
    public void close() {
        operator.close();
        viewCopies.close();
        kafka.close();
        client.namespaces().withName(namespace).delete();
    }
}
