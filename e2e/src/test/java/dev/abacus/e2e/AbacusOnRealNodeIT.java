package dev.abacus.e2e;

import static dev.abacus.operator.resources.Labels.COMPONENT;
import static dev.abacus.operator.resources.Labels.INSTANCE;
import static dev.abacus.operator.resources.Labels.VIEW_GENERATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.abacus.auth.RouteAttack;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.e2e.Http.Answer;
import dev.abacus.kube.testkit.RealNode;
import dev.abacus.kube.testkit.RealNodeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user does, on a real node with the images this build made: {@code helm install} of the operator chart,
 * {@code kubectl apply} of the development Kafka and the minimal pipeline in namespaces that enforce the restricted
 * Pod Security Standard, the seed's curls through the Services' ClusterIPs, a blue-green view rebuild under live
 * traffic, processor pods killed and scaled under load, an operator upgrade, and an uninstall that keeps the log.
 * The methods run in order on one installation; each leaves it as the next expects.
 */
@RealNodeCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbacusOnRealNodeIT {

    private static final Path ROOT = projectRoot();
    private static final List<String> IMAGE_MODULES = List.of("kafka-dev", "commander", "processor", "view", "operator");
    private static final String SYSTEM = "abacus-system";
    private static final String APPS = "abacus-demo";
    private static final String RELEASE = "abacus-operator";
    private static final String PIPELINE = "demo";
    private static final String GUARDED = "guarded";
    private static final String GUARDED_SECRET = "e2e-hs256-secret-of-the-guarded-pipeline-0123456789";
    private static final String GUARDED_ISSUER = "https://issuer.e2e.abacus.test";
    private static final Duration ROLLOUT = Duration.ofMinutes(5);

    private static RealNode node;
    private static KubernetesClient k8s;
    private static final Map<String, double[]> expected = new ConcurrentHashMap<>();

    @BeforeAll
    static void installAsAUserWould() {
        node = RealNode.shared();
        k8s = node.admin();
        node.importImages(IMAGE_MODULES.stream().map(m -> ROOT.resolve(m).resolve("target/jib-image.tar")).toList());
        for (String namespace : List.of(SYSTEM, APPS)) {
            k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                    .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                    .endMetadata().build()).serverSideApply();
        }
        helmInstall();
        node.kubectl("-n", APPS, "apply", "-f", ROOT.resolve("examples/kafka-dev.yaml").toString());
        node.kubectl("-n", APPS, "rollout", "status", "deployment/kafka", "--timeout=300s");
        node.kubectl("-n", APPS, "apply", "-f", ROOT.resolve("examples/minimal-pipeline.yaml").toString());
    }

    @Test
    @Order(1)
    void theOperatorRunsFromTheChartAndKeepsItsLease() {
        Pod operator = awaitSingleReadyPod(SYSTEM, Map.of());
        assertThat(operator.getSpec().getContainers().get(0).getImage()).isEqualTo("abacus/operator:0.1.0");
        Lease lease = k8s.leases().inNamespace(SYSTEM).withName(RELEASE).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(operator.getMetadata().getName());
        var renewed = lease.getSpec().getRenewTime();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            Lease now = k8s.leases().inNamespace(SYSTEM).withName(RELEASE).get();
            return !now.getSpec().getRenewTime().equals(renewed);
        });
        assertThat(k8s.leases().inNamespace(SYSTEM).withName(RELEASE).get().getSpec().getHolderIdentity())
                .isEqualTo(operator.getMetadata().getName());
        assertThat(restarts(k8s.pods().inNamespace(SYSTEM).withName(operator.getMetadata().getName()).get())).isZero();
    }

    @Test
    @Order(2)
    void namespaceUsersManagePipelinesThroughTheBuiltInRoles() {
        bind("alice", "edit");
        bind("bob", "view");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> allowed("alice", "patch", APPS) && allowed("bob", "watch", APPS));

        assertThat(allowed("alice", "create", APPS)).as("edit creates pipelines").isTrue();
        assertThat(allowed("alice", "delete", APPS)).as("edit deletes pipelines").isTrue();
        assertThat(allowed("bob", "get", APPS)).as("view reads pipelines").isTrue();
        assertThat(allowed("bob", "patch", APPS)).as("view changes nothing").isFalse();
        assertThat(allowed("alice", "get", SYSTEM)).as("a namespace's role reaches no other namespace").isFalse();
    }

    @Test
    @Order(3)
    void theMinimalPipelineBecomesReadyAndAnswersTheSeedsCurls() {
        awaitPipelineReady();
        URI commander = serviceUri("commander");
        Answer created = Http.send("POST", commander, "/values", "{\"value\": 3}", "10");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("value_id").asText();
        Answer multiplied = Http.send("PUT", commander, "/values/" + id,
                "{\"operation\": \"MULTIPLY\", \"value\": 3}", "10");
        assertThat(multiplied.status()).as(multiplied.body().toString()).isEqualTo(200);
        assertThat(multiplied.body().path("value").asDouble()).isEqualTo(9.0);
        expected.put(id, new double[] {9.0, 2});
        awaitViewServes(id, 9.0, 2);

        for (String path : List.of(ServiceEndpoints.HEALTH_PATH, ServiceEndpoints.METRICS_PATH)) {
            assertThat(Http.status(commander, path, "*/*")).as("%s through the commander's Service", path).isEqualTo(404);
        }
        Pod pod = k8s.pods().inNamespace(APPS).withLabel(INSTANCE, PIPELINE).withLabel(COMPONENT, "commander").list()
                .getItems().get(0);
        URI management = URI.create("http://" + pod.getStatus().getPodIP() + ":" + ServiceEndpoints.MANAGEMENT_PORT + "/");
        assertThat(Http.get(management, ServiceEndpoints.HEALTH_PATH).body().path("details").has("commander"))
                .as("health details on the pod's management port").isTrue();
        assertThat(Http.status(management, ServiceEndpoints.METRICS_PATH, "text/plain")).isEqualTo(200);
    }

    /**
     * The scripted attack on a pipeline set up as production would be: a Kafka that wants SCRAM logins and checks ACLs
     * (the operator grants them), a user per component, and a commander and view that take JWTs (HS256, the secret in
     * a Secret that {@code spec.auth} names). Through the ClusterIPs: every guarded operation of both served OpenAPI
     * documents, in every spelling, with seven kinds of bad credential. At Kafka: the commander's and the view's users
     * writing an event, the view's user reading commands, a wrong password. Nothing may be served or written.
     */
    @Test
    @Order(4)
    void aGuardedPipelineRefusesTheScriptedAttackAtItsServicesAndAtKafka() throws Exception {
        Map<String, String> kafkaUsers = new LinkedHashMap<>();
        for (String user : List.of("abacus-admin", "abacus-commander", "abacus-processor", "abacus-view")) {
            kafkaUsers.put(user, user + "-" + UUID.randomUUID());
        }
        k8s.secrets().inNamespace(APPS).resource(new SecretBuilder().withNewMetadata().withName("kafka-scram-users")
                .endMetadata().addToStringData(kafkaUsers).build()).serverSideApply();
        k8s.secrets().inNamespace(APPS).resource(new SecretBuilder().withNewMetadata().withName(GUARDED + "-jwt")
                .endMetadata().addToStringData("hs256", GUARDED_SECRET).build()).serverSideApply();
        node.kubectl("-n", APPS, "apply", "-f", ROOT.resolve("examples/kafka-dev-scram.yaml").toString());
        node.kubectl("-n", APPS, "rollout", "status", "deployment/kafka-scram", "--timeout=300s");
        k8s.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline").inNamespace(APPS)
                .resource(Serialization.unmarshal("""
                        apiVersion: abacus.dev/v1alpha1
                        kind: CalculatorPipeline
                        metadata:
                          name: %1$s
                        spec:
                          kafka:
                            bootstrapServers: kafka-scram:9092
                            authentication:
                              type: scram-sha-512
                              username: abacus-admin
                              passwordSecret: {secretName: kafka-scram-users, password: abacus-admin}
                              commander:
                                username: abacus-commander
                                passwordSecret: {secretName: kafka-scram-users, password: abacus-commander}
                              processor:
                                username: abacus-processor
                                passwordSecret: {secretName: kafka-scram-users, password: abacus-processor}
                              view:
                                username: abacus-view
                                passwordSecret: {secretName: kafka-scram-users, password: abacus-view}
                            manageAcls: true
                          topics:
                            partitions: 1
                            replicationFactor: 1
                          auth:
                            mode: Jwt
                            jwt:
                              secretKeyRef: {name: %1$s-jwt, key: hs256}
                              issuer: %2$s
                        """.formatted(GUARDED, GUARDED_ISSUER), GenericKubernetesResource.class))
                .serverSideApply();
        awaitPipelineReady(GUARDED);
        for (Deployment deployment : k8s.apps().deployments().inNamespace(APPS).withLabel(INSTANCE, GUARDED).list()
                .getItems()) {
            String json = Serialization.asJson(deployment);
            assertThat(json).as("secrets in %s", deployment.getMetadata().getName()).doesNotContain(GUARDED_SECRET);
            kafkaUsers.values().forEach(password -> assertThat(json).doesNotContain(password));
        }

        URI commander = serviceUri(GUARDED, "commander");
        URI view = serviceUri(GUARDED, "view");
        RouteAttack attack = new RouteAttack(GUARDED_SECRET, claims -> claims.issuer(GUARDED_ISSUER));
        String writer = guardedToken(Scopes.COMMANDS_WRITE);
        Http.Answer created = Http.send("POST", commander, "/values", "{\"value\": 1}", "10", writer);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("value_id").asText();

        List<RouteAttack.Report> reports = new ArrayList<>();
        for (URI service : List.of(commander, view)) {
            String component = service.equals(commander) ? "commander" : "view";
            List<RouteAttack.Operation> operations = RouteAttack.guardedOperations(
                    Http.yaml(service, "/" + component + "/openapi.yml"));
            assertThat(operations).as("guarded operations of the %s", component).isNotEmpty();
            reports.add(attack.run(operations, id, request -> Http.raw(service, request)));
        }
        Map<String, String> forgeries = kafkaForgeries(kafkaUsers, id);

        int requests = reports.stream().mapToInt(RouteAttack.Report::requests).sum();
        report("scripted attack through the ClusterIPs: %d requests; commander %s; view %s", requests,
                reports.get(0), reports.get(1));
        report("Kafka forgeries against the SCRAM and ACL broker: %s", forgeries);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.breaches()).isEmpty();
            assertThat(r.perStatus()).containsOnlyKeys(401, 403, 404);
        });
        assertThat(forgeries).containsOnly(
                Map.entry("commander writes an event", "TopicAuthorizationException"),
                Map.entry("view writes an event", "TopicAuthorizationException"),
                Map.entry("view reads commands", "TopicAuthorizationException"),
                Map.entry("commander opens a transaction on commands", "TransactionalIdAuthorizationException"),
                Map.entry("wrong password", "SaslAuthenticationException"));
        Http.Answer fence = Http.send("PUT", commander, "/values/" + id, "{\"operation\": \"ADD\", \"value\": 1}",
                "10", writer);
        assertThat(fence.status()).as(fence.body().toString()).isEqualTo(200);
        assertThat(fence.body().path("version").asLong()).as("the first write after the attack").isEqualTo(2);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Answer read = Http.send("GET", view, "/values/" + id, null, null, guardedToken(Scopes.VALUES_READ));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().path("version").asLong()).isEqualTo(2);
            assertThat(read.body().path("value").asDouble()).isEqualTo(2.0);
        });

        k8s.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline").inNamespace(APPS).withName(GUARDED)
                .delete();
        node.kubectl("-n", APPS, "delete", "-f", ROOT.resolve("examples/kafka-dev-scram.yaml").toString());
        await().atMost(ROLLOUT).until(() -> k8s.pods().inNamespace(APPS).withLabel(INSTANCE, GUARDED).list().getItems()
                .isEmpty());
    }

    /**
     * What each forgery met, by the name of the exception Kafka answered with ({@code "written"} or {@code "read"} if
     * it succeeded), through the broker's listener on its pod IP.
     */
    private static Map<String, String> kafkaForgeries(Map<String, String> passwords, String valueId) {
        Pod broker = awaitSingleReadyPod(APPS, Map.of("app.kubernetes.io/name", "kafka-scram"));
        String bootstrap = broker.getStatus().getPodIP() + ":9095";
        String events = GUARDED + ".events";
        String forged = "{\"type\":\"ValueUpdated\",\"value_id\":\"" + valueId + "\",\"value\":999999,\"version\":2}";
        Map<String, String> met = new LinkedHashMap<>();
        met.put("commander writes an event", produce(bootstrap, "abacus-commander", passwords.get("abacus-commander"),
                events, valueId, forged));
        met.put("view writes an event", produce(bootstrap, "abacus-view", passwords.get("abacus-view"), events, valueId,
                forged));
        met.put("view reads commands", consume(bootstrap, "abacus-view", passwords.get("abacus-view"),
                GUARDED + ".commands"));
        met.put("commander opens a transaction on commands", openTransaction(bootstrap, "abacus-commander",
                passwords.get("abacus-commander")));
        met.put("wrong password", produce(bootstrap, "abacus-processor", "not-the-password", events, valueId, forged));
        return met;
    }

    /** A transaction left open on {@code commands} would hold the processor's read_committed position. */
    private static String openTransaction(String bootstrap, String user, String password) {
        Map<String, Object> config = new HashMap<>(scram(bootstrap, user, password));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "forgery-" + UUID.randomUUID());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(GUARDED + ".commands", "x", "{}")).get(60, TimeUnit.SECONDS);
            return "opened";
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        } catch (KafkaException e) {
            return e.getClass().getSimpleName();
        } catch (Exception e) {
            throw new IllegalStateException("a transaction as " + user + ": " + e, e);
        }
    }

    private static String produce(String bootstrap, String user, String password, String topic, String key, String value) {
        Map<String, Object> config = new HashMap<>(scram(bootstrap, user, password));
        // a forger needs no idempotence, which would ask for a producer id before the topic's ACL is met
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
            return "written";
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName();
        } catch (KafkaException e) {
            return e.getClass().getSimpleName();
        } catch (Exception e) {
            throw new IllegalStateException("producing as " + user + ": " + e, e);
        }
    }

    private static String consume(String bootstrap, String user, String password, String topic) {
        Map<String, Object> config = new HashMap<>(scram(bootstrap, user, password));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
                    return "read";
                }
            }
            return "nothing read in 60 s";
        } catch (KafkaException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static Map<String, Object> scram(String bootstrap, String user, String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + user + "\" password=\"" + password + "\";");
    }

    private static String guardedToken(String scope) {
        return "Bearer " + TestTokens.hs256(GUARDED_SECRET, TestTokens.claims("e2e", scope).issuer(GUARDED_ISSUER).build());
    }

    @Test
    @Order(5)
    void aBlueGreenRebuildUnderLiveTrafficLosesNoReadAndNeverGoesBack() throws Exception {
        URI commander = serviceUri("commander");
        URI view = serviceUri("view");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(create(commander, i));
        }
        ids.forEach(id -> awaitViewServes(id, expected.get(id)[0], (long) expected.get(id)[1]));
        int blue = viewStatus().path("activeGeneration").asInt();
        String viewService = serviceName("view");

        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> regressions = new CopyOnWriteArrayList<>();
        List<Read> reads = new CopyOnWriteArrayList<>();
        AtomicInteger writes = new AtomicInteger();
        List<String> selectorHistory = new CopyOnWriteArrayList<>();
        Map<String, Boolean> greenCaughtUpAtSwitch = new ConcurrentHashMap<>();
        ExecutorService traffic = Executors.newFixedThreadPool(4);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        List<Future<?>> running = new ArrayList<>();
        running.add(traffic.submit(() -> {
            for (int n = 0; !stop.get() && Instant.now().isBefore(deadline) && n < 20_000; n++) {
                String id = ids.get(n % ids.size());
                try {
                    Answer added = Http.send("PUT", commander, "/values/" + id, "{\"operation\": \"ADD\", \"value\": 1}", "5");
                    if (added.status() == 200) {
                        expected.put(id, new double[] {added.body().path("value").asDouble(), added.body().path("version").asLong()});
                        writes.incrementAndGet();
                    } else {
                        failures.add("write " + id + ": " + added.status() + " " + added.body());
                    }
                } catch (RuntimeException e) {
                    failures.add("write " + id + ": " + e.getMessage());
                }
            }
        }));
        for (int reader = 0; reader < 2; reader++) {
            running.add(traffic.submit(() -> {
                Map<String, Long> seen = new LinkedHashMap<>();
                for (int n = 0; !stop.get() && Instant.now().isBefore(deadline) && n < 40_000; n++) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    try {
                        Answer answer = Http.get(view, "/values/" + id);
                        if (answer.status() != 200) {
                            failures.add("read " + id + ": " + answer.status() + " " + answer.body());
                            continue;
                        }
                        long version = answer.body().path("version").asLong();
                        Long before = seen.put(id, Math.max(version, seen.getOrDefault(id, 0L)));
                        if (before != null && version < before) {
                            regressions.add(id + " went from v" + before + " to v" + version + " (generation "
                                    + answer.viewGeneration() + ")");
                        }
                        reads.add(new Read(Instant.now(), answer.viewGeneration(), answer.nanos()));
                    } catch (RuntimeException e) {
                        failures.add("read " + id + ": " + e.getMessage());
                    }
                }
            }));
        }
        running.add(traffic.submit(() -> {
            while (!stop.get()) {
                Service service = k8s.services().inNamespace(APPS).withName(viewService).get();
                String generation = service.getSpec().getSelector().get(VIEW_GENERATION);
                if (selectorHistory.isEmpty() || !selectorHistory.get(selectorHistory.size() - 1).equals(generation)) {
                    selectorHistory.add(generation);
                    if (!String.valueOf(blue).equals(generation)) {
                        for (Pod pod : viewPods(generation)) {
                            JsonNode status = Http.get(URI.create("http://" + pod.getStatus().getPodIP() + ":8080/"),
                                    "/view/status").body();
                            greenCaughtUpAtSwitch.put(pod.getMetadata().getName(), status.path("caught_up").asBoolean());
                        }
                    }
                }
                sleepQuietly(100);
            }
        }));
        await().atMost(Duration.ofMinutes(1)).until(() -> reads.size() > 50 && writes.get() > 10);

        Instant rebuildStarted = Instant.now();
        node.kubectl("-n", APPS, "patch", "calculatorpipeline", PIPELINE, "--type", "merge", "-p",
                "{\"spec\": {\"view\": {\"rebuild\": \"e2e-1\", \"rebuildPolicy\": {\"stabilisationSeconds\": 5, \"drainSeconds\": 10}}}}");
        await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode status = viewStatus();
            return status.path("activeGeneration").asInt() > blue && "Stable".equals(status.path("phase").asText())
                    && viewDeployments(String.valueOf(blue)).isEmpty();
        });
        Duration rebuild = Duration.between(rebuildStarted, Instant.now());
        int green = viewStatus().path("activeGeneration").asInt();
        await().atMost(Duration.ofMinutes(1)).until(() -> reads.stream()
                .filter(r -> r.at().isAfter(rebuildStarted.plus(rebuild))).count() > 50);
        stop.set(true);
        for (Future<?> task : running) {
            task.get(2, TimeUnit.MINUTES);
        }
        traffic.shutdown();

        List<Read> during = reads.stream().filter(r -> r.at().isAfter(rebuildStarted)).toList();
        long worstMillis = during.stream().mapToLong(Read::nanos).max().orElse(0) / 1_000_000;
        List<Long> sorted = during.stream().map(Read::nanos).sorted().toList();
        long p99Millis = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1_000_000;
        Map<String, Long> byGeneration = reads.stream().collect(Collectors.groupingBy(
                r -> String.valueOf(r.generation()), Collectors.counting()));
        report("blue-green rebuild under live traffic: %d reads (%d after the patch), %d acknowledged writes,"
                        + " %d failures, %d version regressions, rebuild %d s (patch to blue deleted), worst read %d ms,"
                        + " p99 read %d ms during the rebuild, reads by generation %s, selector history %s",
                reads.size(), during.size(), writes.get(), failures.size(), regressions.size(), rebuild.toSeconds(),
                worstMillis, p99Millis, byGeneration, selectorHistory);

        assertThat(failures).as("failed requests").isEmpty();
        assertThat(regressions).as("reads that went back in a value's version").isEmpty();
        assertThat(selectorHistory).as("the view Service's generation over time: one switch")
                .containsExactly(String.valueOf(blue), String.valueOf(green));
        assertThat(greenCaughtUpAtSwitch).as("green's pods when the Service first selected them").isNotEmpty()
                .allSatisfy((pod, caughtUp) -> assertThat(caughtUp).as(pod).isTrue());
        assertThat(byGeneration).containsKeys(String.valueOf(blue), String.valueOf(green));
        assertThat(viewDeployments(String.valueOf(blue))).as("blue after the drain").isEmpty();
        expected.forEach((id, value) -> awaitViewServes(id, value[0], (long) value[1]));
        assertThat(listedValues(view)).as("every value green lists").containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    @Order(6)
    void processorsKilledAndScaledUnderLoadDecideEveryAcknowledgedCommandOnce() throws Exception {
        URI commander = serviceUri("commander");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(commander, 0));
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<?> sender = load.submit(() -> {
            for (int n = 0; !stop.get() && n < 5_000; n++) {
                String id = ids.get(n % ids.size());
                try {
                    Answer answer = Http.send("PUT", commander, "/values/" + id, "{\"operation\": \"ADD\", \"value\": 1}", null);
                    if (answer.status() == 202 || answer.status() == 200) {
                        acknowledged.put(answer.body().path("command_id").asText(), id);
                    } else {
                        failures.add(answer.status() + " " + answer.body());
                    }
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
                sent.incrementAndGet();
            }
        });
        Consumer<Integer> sendMore = count -> {
            int target = sent.get() + count;
            await().atMost(Duration.ofMinutes(2)).until(() -> sent.get() >= target);
        };
        sendMore.accept(40);
        node.kubectl("-n", APPS, "delete", "pod", "-l", INSTANCE + "=" + PIPELINE + "," + COMPONENT + "=processor",
                "--grace-period=0", "--force");
        sendMore.accept(40);
        scaleProcessors(3);
        awaitReadyProcessors(3);
        sendMore.accept(40);
        Pod victim = processorPods().get(0);
        node.kubectl("-n", APPS, "delete", "pod", victim.getMetadata().getName(), "--grace-period=0", "--force");
        sendMore.accept(40);
        scaleProcessors(1);
        awaitReadyProcessors(1);
        sendMore.accept(40);
        stop.set(true);
        sender.get(1, TimeUnit.MINUTES);
        load.shutdown();

        assertThat(failures).as("commands the commander did not acknowledge").isEmpty();
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            acknowledged.keySet().stream().filter(c -> !outcomes.containsKey(c)).forEach(commandId -> {
                String status = Http.get(commander, "/commands/" + commandId).body().path("status").asText();
                if (!"PENDING".equals(status)) {
                    outcomes.put(commandId, status);
                }
            });
            assertThat(outcomes).hasSameSizeAs(acknowledged);
        });
        assertThat(outcomes.values()).as("every acknowledged ADD is accepted").containsOnly("ACCEPTED");
        Map<String, Long> perValue = acknowledged.values().stream()
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        ids.forEach(id -> {
            long adds = perValue.getOrDefault(id, 0L);
            expected.put(id, new double[] {adds, 1 + adds});
            awaitViewServes(id, adds, 1 + adds);
        });
        JsonNode viewStatus = Http.get(serviceUri("view"), "/view/status").body();
        assertThat(viewStatus.path("duplicates").asLong()).as("duplicate events the view skipped").isZero();
        assertThat(viewStatus.path("version_gaps").asLong()).as("version gaps").isZero();
        report("processor kills and scaling: %d commands acknowledged, %d decided, 2 processor kills, scaled 1 -> 3 -> 1",
                acknowledged.size(), outcomes.size());
    }

    @Test
    @Order(7)
    void anOperatorUpgradeLeavesRunningPipelinesUntouched() {
        awaitNoTerminatingPods();
        Map<String, Integer> podsBefore = pipelinePodRestarts();
        node.tagImage("abacus/operator:0.1.0", "abacus/operator:0.1.1-e2e");
        new Helm(ROOT.resolve("charts/abacus-operator")).upgrade()
                .withName(RELEASE).withNamespace(SYSTEM).withKubeConfigContents(node.kubeconfigContents())
                .set("image.pullPolicy", "Never").set("image.operatorTag", "0.1.1-e2e")
                .waitReady().withTimeout((int) ROLLOUT.toSeconds()).call();
        Pod upgraded = awaitSingleReadyPod(SYSTEM, Map.of());
        assertThat(upgraded.getSpec().getContainers().get(0).getImage()).isEqualTo("abacus/operator:0.1.1-e2e");
        await().atMost(ROLLOUT).until(() -> upgraded.getMetadata().getName()
                .equals(k8s.leases().inNamespace(SYSTEM).withName(RELEASE).get().getSpec().getHolderIdentity()));

        node.kubectl("-n", APPS, "patch", "calculatorpipeline", PIPELINE, "--type", "merge", "-p",
                "{\"spec\": {\"view\": {\"rebuildPolicy\": {\"drainSeconds\": 15}}}}");
        long generation = pipeline().get().getMetadata().getGeneration();
        await().atMost(ROLLOUT).until(() -> {
            Number observed = pipeline().get().get("status", "observedGeneration");
            return observed != null && observed.longValue() >= generation;
        });
        awaitPipelineReady();
        assertThat(pipelinePodRestarts()).as("the pipeline's pods and their restarts").isEqualTo(podsBefore);
    }

    @Test
    @Order(8)
    void uninstallingKeepsTheTopicsAndTheEventLog() {
        node.kubectl("-n", APPS, "delete", "calculatorpipeline", PIPELINE, "--timeout=120s");
        await().atMost(ROLLOUT).until(() -> k8s.apps().deployments().inNamespace(APPS)
                .withLabel(INSTANCE, PIPELINE).list().getItems().isEmpty());
        Helm.uninstall(RELEASE).withNamespace(SYSTEM).withKubeConfigContents(node.kubeconfigContents()).call();
        await().atMost(ROLLOUT).until(() -> k8s.pods().inNamespace(SYSTEM).list().getItems().isEmpty());
        assertThat(k8s.apiextensions().v1().customResourceDefinitions().withName("calculatorpipelines.abacus.dev").get())
                .as("the CRD after helm uninstall").isNotNull();

        helmInstall();
        node.kubectl("-n", APPS, "apply", "-f", ROOT.resolve("examples/minimal-pipeline.yaml").toString());
        awaitPipelineReady();
        expected.forEach((id, value) -> awaitViewServes(id, value[0], (long) value[1]));
    }

    private record Read(Instant at, String generation, long nanos) {}

    private static void helmInstall() {
        new Helm(ROOT.resolve("charts/abacus-operator")).install()
                .withName(RELEASE).withNamespace(SYSTEM).withKubeConfigContents(node.kubeconfigContents())
                .set("image.pullPolicy", "Never")
                .waitReady().withTimeout((int) ROLLOUT.toSeconds()).call();
    }

    private static String create(URI commander, double value) {
        Answer created = Http.send("POST", commander, "/values", "{\"value\": " + value + "}", "10");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("value_id").asText();
        expected.put(id, new double[] {value, 1});
        return id;
    }

    private static void awaitViewServes(String id, double value, long version) {
        URI view = serviceUri("view");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            Answer answer = Http.get(view, "/values/" + id);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("value").asDouble()).as(id).isEqualTo(value);
            assertThat(answer.body().path("version").asLong()).as(id).isEqualTo(version);
        });
    }

    private static List<String> listedValues(URI view) {
        List<String> ids = new ArrayList<>();
        String after = "";
        do {
            Answer page = Http.get(view, "/values?limit=50&after=" + after);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(item -> ids.add(item.path("value_id").asText()));
            after = page.body().path("next").asText("");
        } while (!after.isEmpty());
        return ids;
    }

    /** A namespace user bound to one of Kubernetes' built-in roles, which the chart's user roles aggregate into. */
    private static void bind(String user, String builtInRole) {
        k8s.rbac().roleBindings().inNamespace(APPS).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(user + "-" + builtInRole).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(builtInRole).endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
                .build()).serverSideApply();
    }

    private static boolean allowed(String user, String verb, String namespace) {
        SubjectAccessReview review = k8s.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user).withNewResourceAttributes().withGroup("abacus.dev")
                .withResource("calculatorpipelines").withVerb(verb).withNamespace(namespace).endResourceAttributes()
                .endSpec().build());
        return review.getStatus().getAllowed();
    }

    private static void awaitPipelineReady() {
        awaitPipelineReady(PIPELINE);
    }

    private static void awaitPipelineReady(String name) {
        await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            GenericKubernetesResource pipeline = pipeline(name).get();
            List<Map<String, Object>> conditions = pipeline == null ? null : pipeline.get("status", "conditions");
            boolean ready = conditions != null && conditions.stream()
                    .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
            List<Deployment> deployments = k8s.apps().deployments().inNamespace(APPS).withLabel(INSTANCE, name)
                    .list().getItems();
            return ready && deployments.size() >= 3 && deployments.stream().allMatch(AbacusOnRealNodeIT::rolledOut);
        });
        awaitRouted(name, "commander");
        awaitRouted(name, "view");
    }

    /**
     * A Ready pod is not yet a routed one: kube-proxy programs the Service's endpoints after the pod turns ready. Any
     * HTTP answer (a 404 problem for {@code /}) proves the route.
     */
    private static void awaitRouted(String pipeline, String component) {
        URI service = serviceUri(pipeline, component);
        await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> Http.get(service, "/").status() > 0);
    }

    /** Pods a scale-down or a kill left terminating would vanish from a later count without any restart. */
    private static void awaitNoTerminatingPods() {
        await().atMost(ROLLOUT).until(() -> k8s.pods().inNamespace(APPS).withLabel(INSTANCE, PIPELINE).list().getItems()
                .stream().noneMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
    }

    private static boolean rolledOut(Deployment deployment) {
        var status = deployment.getStatus();
        int wanted = deployment.getSpec().getReplicas();
        return status != null && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Objects.equals(status.getUpdatedReplicas(), wanted) && Objects.equals(status.getReadyReplicas(), wanted)
                && Objects.equals(status.getReplicas(), wanted);
    }

    private static Pod awaitSingleReadyPod(String namespace, Map<String, String> labels) {
        await().atMost(ROLLOUT).until(() -> {
            List<Pod> pods = k8s.pods().inNamespace(namespace).withLabels(labels).list().getItems();
            return pods.size() == 1 && ready(pods.get(0)) && pods.get(0).getMetadata().getDeletionTimestamp() == null;
        });
        return k8s.pods().inNamespace(namespace).withLabels(labels).list().getItems().get(0);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream().mapToInt(s -> s.getRestartCount()).sum();
    }

    private static Map<String, Integer> pipelinePodRestarts() {
        return k8s.pods().inNamespace(APPS).withLabel(INSTANCE, PIPELINE).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), AbacusOnRealNodeIT::restarts));
    }

    private static void scaleProcessors(int replicas) {
        node.kubectl("-n", APPS, "patch", "calculatorpipeline", PIPELINE, "--type", "merge", "-p",
                "{\"spec\": {\"processor\": {\"replicas\": " + replicas + "}}}");
    }

    private static void awaitReadyProcessors(int replicas) {
        await().atMost(ROLLOUT).until(() -> {
            List<Pod> pods = processorPods();
            return pods.size() == replicas && pods.stream().allMatch(AbacusOnRealNodeIT::ready);
        });
    }

    private static List<Pod> processorPods() {
        return k8s.pods().inNamespace(APPS).withLabel(INSTANCE, PIPELINE).withLabel(COMPONENT, "processor").list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static List<Pod> viewPods(String generation) {
        return k8s.pods().inNamespace(APPS).withLabel(INSTANCE, PIPELINE).withLabel(VIEW_GENERATION, generation)
                .list().getItems().stream().filter(AbacusOnRealNodeIT::ready).toList();
    }

    private static List<Deployment> viewDeployments(String generation) {
        return k8s.apps().deployments().inNamespace(APPS).withLabel(INSTANCE, PIPELINE)
                .withLabel(VIEW_GENERATION, generation).list().getItems();
    }

    private static JsonNode viewStatus() {
        return Http.JSON.valueToTree(pipeline().get().get("status", "view"));
    }

    private static Resource<GenericKubernetesResource> pipeline() {
        return pipeline(PIPELINE);
    }

    private static Resource<GenericKubernetesResource> pipeline(String name) {
        return k8s.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline").inNamespace(APPS)
                .withName(name);
    }

    /** http://ClusterIP:port/ of the Service that status.endpoints names for a component. */
    private static URI serviceUri(String component) {
        return serviceUri(PIPELINE, component);
    }

    private static URI serviceUri(String pipeline, String component) {
        URI endpoint = URI.create(pipeline(pipeline).get().get("status", "endpoints", component));
        Service service = k8s.services().inNamespace(APPS).withName(serviceName(endpoint)).get();
        return URI.create("http://" + service.getSpec().getClusterIP() + ":" + endpoint.getPort() + "/");
    }

    private static String serviceName(String component) {
        return serviceName(endpoint(component));
    }

    private static String serviceName(URI endpoint) {
        return endpoint.getHost().split("\\.")[0];
    }

    private static URI endpoint(String component) {
        return URI.create(pipeline().get().get("status", "endpoints", component));
    }

    private static void report(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[real-node] " + line);
        try {
            Path report = ROOT.resolve("e2e/target/real-node-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isDirectory(dir.resolve("charts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath());
    }
}
