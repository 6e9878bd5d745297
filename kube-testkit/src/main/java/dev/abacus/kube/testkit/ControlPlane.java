package dev.abacus.kube.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane for tests: etcd, kube-apiserver (RBAC, ServiceAccount token signing, server-side
 * apply), kube-controller-manager, kube-scheduler and kwok with one fake node whose pods kwok marks Running and
 * Ready. Started once per test JVM from the binaries {@code tools/k8s/build.sh} builds, on free loopback ports;
 * component logs go to {@code target/control-plane/}.
 */
public final class ControlPlane implements AutoCloseable {

    public static final String KUBERNETES_VERSION = "v1.34.2";
    public static final String NODE_NAME = "kwok-node-0";
    /** Namespace labels under which the API server admits only pods that meet the restricted Pod Security Standard. */
    public static final Map<String, String> RESTRICTED = Map.of("pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest");
    private static final String ADMIN_TOKEN = "abacus-test-admin-" + UUID.randomUUID();
    private static final List<String> BINARIES =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "kubelet", "kube-proxy",
                    "kubectl", "crictl", "coredns", "pause");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String AUDIT_LOG = "audit.log";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static ControlPlane shared;

    private final Path work;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final String url;
    private final Path kubeconfig;
    private final KubernetesClient admin;

    private ControlPlane(Path bin, Path work, Path logs) throws IOException, GeneralSecurityException {
        this.work = work;
        this.logs = logs;
        Files.createDirectories(logs);
        int etcdPort = freePort();
        int peerPort = freePort();
        int apiPort = freePort();
        this.url = "https://127.0.0.1:" + apiPort;
        writeServiceAccountKeys();
        Files.writeString(work.resolve("tokens.csv"), ADMIN_TOKEN + ",abacus-test-admin,abacus-test-admin,\"system:masters\"\n");
        this.kubeconfig = writeKubeconfig(work.resolve("kubeconfig"), ADMIN_TOKEN);
        Files.writeString(work.resolve("audit-policy.yaml"), String.join("\n",
                "apiVersion: audit.k8s.io/v1", "kind: Policy", "omitStages: [RequestReceived]",
                "rules:", "- level: None", "  userGroups: [system:masters, system:nodes]",
                "- level: None", "  users: [system:kube-scheduler, system:kube-controller-manager]",
                "- level: None", "  userGroups: [system:serviceaccounts:kube-system]",
                "- level: Metadata", ""));
        Files.deleteIfExists(logs.resolve(AUDIT_LOG));
        String etcd = "http://127.0.0.1:" + etcdPort;
        start(bin, "etcd", "--data-dir=" + work.resolve("etcd"), "--listen-client-urls=" + etcd,
                "--advertise-client-urls=" + etcd, "--listen-peer-urls=http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
                "--initial-cluster=default=http://127.0.0.1:" + peerPort, "--unsafe-no-fsync=true",
                "--log-level=warn");
        start(bin, "kube-apiserver", "--etcd-servers=" + etcd, "--cert-dir=" + work.resolve("certs"),
                "--secure-port=" + apiPort, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + work.resolve("sa.pub"),
                "--service-account-signing-key-file=" + work.resolve("sa.key"),
                "--token-auth-file=" + work.resolve("tokens.csv"), "--authorization-mode=Node,RBAC",
                "--service-cluster-ip-range=10.97.0.0/24", "--allow-privileged=true", "--profiling=false",
                "--audit-policy-file=" + work.resolve("audit-policy.yaml"), "--audit-log-path=" + logs.resolve(AUDIT_LOG),
                "--audit-log-format=json", "--audit-log-mode=blocking", "--audit-log-maxsize=0");
        awaitState("kube-apiserver /readyz", this::apiServerReady);
        start(bin, "kube-controller-manager", "--kubeconfig=" + kubeconfig, "--leader-elect=false",
                "--service-account-private-key-file=" + work.resolve("sa.key"),
                "--root-ca-file=" + work.resolve("certs/apiserver.crt"), "--use-service-account-credentials=true",
                "--controllers=*", "--bind-address=127.0.0.1", "--secure-port=" + freePort(), "--profiling=false",
                "--kube-api-qps=200", "--kube-api-burst=400", "--concurrent-deployment-syncs=10",
                "--concurrent-replicaset-syncs=10");
        start(bin, "kube-scheduler", "--kubeconfig=" + kubeconfig, "--leader-elect=false",
                "--bind-address=127.0.0.1", "--secure-port=" + freePort(), "--profiling=false",
                "--kube-api-qps=200", "--kube-api-burst=400");
        start(bin, "kwok", "--kubeconfig=" + kubeconfig, "--config=" + writeKwokStages(bin.resolve("stages")),
                "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--cidr=10.0.0.1/24", "--node-ip=10.0.0.1", "--node-lease-duration-seconds=40", "--server-address=127.0.0.1:" + freePort());
        this.admin = client(ADMIN_TOKEN);
        createNode();
        awaitState("node " + NODE_NAME + " Ready", this::nodeReady);
        awaitState("ServiceAccount default/default", () -> admin.serviceAccounts().inNamespace("default")
                .withName("default").get() != null);
    }

    /** The control plane of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized ControlPlane shared() {
        if (shared == null) {
            Path bin = binaries().orElseThrow(() -> new IllegalStateException(missingBinaries()));
            long started = System.nanoTime();
            try {
                shared = new ControlPlane(bin, Files.createTempDirectory("abacus-control-plane"),
                        Path.of("target", "control-plane").toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            LOG.info("control plane {} up in {} ms at {} (logs in {})", KUBERNETES_VERSION,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), shared.url, shared.logs);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "control-plane-stop"));
        }
        return shared;
    }

    /** The directory holding every binary this tier needs, if it has been built. */
    public static Optional<Path> binaries() {
        Path bin = binDirectory();
        boolean complete = BINARIES.stream().allMatch(name -> Files.isExecutable(bin.resolve(name)))
                && Files.isRegularFile(bin.resolve("stages/pod-ready.yaml"))
                && Files.isRegularFile(bin.resolve("stages/node-heartbeat-with-lease.yaml"));
        return complete ? Optional.of(bin) : Optional.empty();
    }

    static String missingBinaries() {
        return "no Kubernetes " + KUBERNETES_VERSION + " binaries in " + binDirectory()
                + ": run tools/k8s/build.sh (needs Go) to build them";
    }

    private static Path binDirectory() {
        String configured = Optional.ofNullable(System.getProperty("abacus.k8s.bin"))
                .orElse(System.getenv("ABACUS_K8S_BIN"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                .orElse(System.getProperty("user.home") + "/.cache");
        return Path.of(cache, "abacus", "k8s", KUBERNETES_VERSION, "bin");
    }

    /** A client with cluster-admin rights. */
    public KubernetesClient admin() {
        return admin;
    }

    public String url() {
        return url;
    }

    /** A kubeconfig file with cluster-admin rights, for tools such as Helm. */
    public Path adminKubeconfig() {
        return kubeconfig;
    }

    /** Where the components write their logs. */
    public Path logs() {
        return logs;
    }

    /** Applies a CRD server-side (a rerun in the same JVM is a no-op) and waits until the API server serves it. */
    public void applyCrd(CustomResourceDefinition crd) {
        admin.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
        awaitState("CRD " + crd.getMetadata().getName() + " Established", () -> Optional.ofNullable(
                        admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get())
                .map(CustomResourceDefinition::getStatus)
                .map(status -> status.getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())))
                .orElse(false));
    }

    /** A new namespace with a unique name, once its default ServiceAccount exists (pods need it). */
    public Namespace createNamespace(String prefix) {
        return createNamespace(prefix, Map.of());
    }

    /** As {@link #createNamespace(String)}, with labels (e.g. Pod Security admission levels). */
    public Namespace createNamespace(String prefix, Map<String, String> labels) {
        String name = prefix + "-" + NAMESPACES.incrementAndGet();
        Namespace namespace = admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
        awaitState("ServiceAccount " + name + "/default",
                () -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
        return namespace;
    }

    /** One request the API server answered, from its audit log. */
    public record AuditedRequest(String verb, String apiGroup, String resource, String subresource, String namespace,
                                 int code) {

        /** {@code group/resource} or {@code group/resource/subresource}; the core group is empty. */
        public String target() {
            return apiGroup + "/" + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        }
    }

    /**
     * Every resource request the API server has answered for a ServiceAccount so far, as its audit log records it
     * (requests of administrators, nodes and the control plane's own components are not audited).
     */
    public List<AuditedRequest> requestsBy(String namespace, String serviceAccount) {
        String user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
        List<AuditedRequest> requests = new ArrayList<>();
        try (Stream<String> lines = Files.lines(logs.resolve(AUDIT_LOG))) {
            for (String line : lines.toList()) {
                JsonNode event = JSON.readTree(line);
                JsonNode object = event.path("objectRef");
                if (!user.equals(event.path("user").path("username").asText()) || object.isMissingNode()) {
                    continue;
                }
                requests.add(new AuditedRequest(event.path("verb").asText(), object.path("apiGroup").asText(""),
                        object.path("resource").asText(), object.path("subresource").asText(""),
                        object.path("namespace").asText(""), event.path("responseStatus").path("code").asInt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    /** A client authenticated as a ServiceAccount with a token from the TokenRequest API, as a pod would be. */
    public KubernetesClient clientAs(String namespace, String serviceAccount) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        return client(token);
    }

    private KubernetesClient client(String token) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withOauthToken(token)
                .withTrustCerts(true).withRequestTimeout(30_000).withConnectionTimeout(10_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private void start(Path bin, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(name).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        processes.add(process);
        names.add(name);
    }

    private void awaitState(String what, BooleanSupplier reached) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    close();
                    throw new IllegalStateException(names.get(i) + " exited with " + processes.get(i).exitValue()
                            + " while waiting for " + what + "; see " + logs.resolve(names.get(i) + ".log"));
                }
            }
            try {
                if (reached.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not reachable yet: try again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        close();
        throw new IllegalStateException("the control plane did not reach: " + what + " within " + START_TIMEOUT
                + "; logs in " + logs);
    }

    private boolean apiServerReady() {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/readyz"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void createNode() {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"),
                "pods", new Quantity("500"));
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE_NAME)
                .addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToLabels("kubernetes.io/hostname", NODE_NAME).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("type", "kwok").endMetadata()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus()
                .build()).create();
    }

    private boolean nodeReady() {
        return Optional.ofNullable(admin.nodes().withName(NODE_NAME).get())
                .map(node -> node.getStatus() != null && node.getStatus().getConditions() != null
                        && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .orElse(false);
    }

    private Path writeKwokStages(Path stages) throws IOException {
        List<String> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(stages)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.add(Files.readString(file).strip());
            }
        }
        Path config = work.resolve("kwok.yaml");
        Files.writeString(config, String.join("\n---\n", documents) + "\n");
        return config;
    }

    private Path writeKubeconfig(Path file, String token) throws IOException {
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: abacus-test",
                "  cluster:",
                "    server: " + url,
                "    insecure-skip-tls-verify: true",
                "users:",
                "- name: user",
                "  user:",
                "    token: " + token,
                "contexts:",
                "- name: abacus-test",
                "  context: {cluster: abacus-test, user: user}",
                "current-context: abacus-test",
                ""));
        return file;
    }

    private void writeServiceAccountKeys() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(work.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(work.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Stops every component, newest first, and deletes etcd's data; the logs stay. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", work, e.getMessage());
        }
    }
}
