package dev.abacus.operator.support;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.operator.AbacusOperator;
import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.resources.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One test class's world: fabric8's API server emulator in CRUD mode with the generated CRD applied, a fake
 * Deployment controller, fake view copies answering the progress probe, a real in-JVM Kafka broker, and the operator started as in production except for
 * server-side apply (which the emulator does not implement) and leader election.
 */
public final class OperatorTestEnvironment implements AutoCloseable {

    public static final String NAMESPACE = "abacus-test";
    public static final String CRD_RESOURCE = "/META-INF/fabric8/calculatorpipelines.abacus.dev-v1.yml";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final EmbeddedKafka kafka;
    private final FakeDeploymentController deploymentController;
    private final FakeViewCopies viewCopies;
    private final Map<String, String> operatorEnv;
    private volatile AbacusOperator operator;

    private OperatorTestEnvironment(KubernetesMockServer server, KubernetesClient client, EmbeddedKafka kafka,
                                    FakeDeploymentController deploymentController, FakeViewCopies viewCopies,
                                    Map<String, String> operatorEnv, AbacusOperator operator) {
        this.server = server;
        this.client = client;
        this.kafka = kafka;
        this.deploymentController = deploymentController;
        this.viewCopies = viewCopies;
        this.operatorEnv = operatorEnv;
        this.operator = operator;
    }

    public static OperatorTestEnvironment start() {
        return start(Map.of());
    }

    public static OperatorTestEnvironment start(Map<String, String> extraEnv) {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), false);
        server.init();
        KubernetesClient client = server.createClient();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
                        .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*")
                        .endResourceRule().withIncomplete(false).endStatus().build())
                .always();
        client.resource(crd()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .create();
        EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
        FakeDeploymentController deployments = new FakeDeploymentController(client);
        FakeViewCopies viewCopies = new FakeViewCopies();
        AbacusOperator operator = startOperator(client, viewCopies, extraEnv);
        return new OperatorTestEnvironment(server, client, kafka, deployments, viewCopies, Map.copyOf(extraEnv),
                operator);
    }

    /** Another operator instance against the same emulator, as a second replica would be. */
    public AbacusOperator startAnotherOperator(Map<String, String> extraEnv) {
        return startOperator(client, viewCopies, extraEnv);
    }

    /** Stops the operator and starts a new one (fresh informers, no memory) against the same emulator and broker. */
    public void restartOperator() {
        operator.close();
        operator = startOperator(client, viewCopies, operatorEnv);
    }

    private static AbacusOperator startOperator(KubernetesClient client, FakeViewCopies viewCopies,
                                                Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ABACUS_SERVER_SIDE_APPLY", "false");
        env.put("ABACUS_LEADER_ELECTION", "false");
        env.put("ABACUS_OPERATOR_HTTP_PORT", "0");
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

    public KubernetesClient client() {
        return client;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public FakeDeploymentController deployments() {
        return deploymentController;
    }

    public FakeViewCopies viewCopies() {
        return viewCopies;
    }

    public AbacusOperator operator() {
        return operator;
    }

    /** A minimal pipeline on the test broker (replication factor 1, one replica per component). */
    public CalculatorPipeline pipeline(String name, int partitions) {
        CalculatorPipeline pipeline = new CalculatorPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
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
        return client.resources(CalculatorPipeline.class).inNamespace(NAMESPACE).withName(name).get();
    }

    public CalculatorPipeline edit(String name, Consumer<CalculatorPipelineSpec> change) {
        return client.resources(CalculatorPipeline.class).inNamespace(NAMESPACE).withName(name).edit(p -> {
            change.accept(p.getSpec());
            return p;
        });
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

    /** What the emulator holds for a pipeline and its Deployments. */
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
        client.apps().deployments().inNamespace(NAMESPACE).withLabel(Labels.INSTANCE, name).list().getItems()
                .forEach(d -> facts.add(d.getMetadata().getName() + " generation " + d.getMetadata().getGeneration()
                        + (d.getStatus() == null ? " no status" : " observed " + d.getStatus().getObservedGeneration()
                        + " available " + d.getStatus().getAvailableReplicas())));
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
        deploymentController.close();
        kafka.close();
        client.close();
        server.destroy();
    }
}
