package dev.abacus.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM.
 * The data directory is formatted on first start and reused after, so a stop and a start on the
 * same directory and port keep every topic and record: what the local runner's replay and the
 * broker-restart tests rely on.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The address both listeners bind: clients on this machine only. */
    public static final String HOST = "localhost";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final boolean temporary;
    private final Optional<SecureListener> secure;
    private final int securePort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int port, int controllerPort, Map<String, String> overrides,
                          boolean temporary, Optional<SecureListener> secure, int securePort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
        this.temporary = temporary;
        this.secure = secure;
        this.securePort = securePort;
    }

    /**
     * Starts a broker on free loopback ports with its data in a fresh temporary directory, which {@link #close()}
     * deletes: a test suite starts dozens of brokers and must not leave their logs behind.
     */
    public static EmbeddedKafka startTemporary() {
        return startTemporary(Optional.empty());
    }

    /** As {@link #startTemporary()}, with a SASL_SSL listener beside the PLAINTEXT one. */
    public static EmbeddedKafka startTemporary(SecureListener secure) {
        return startTemporary(Optional.of(secure));
    }

    private static EmbeddedKafka startTemporary(Optional<SecureListener> secure) {
        try {
            return start(Files.createTempDirectory("abacus-kafka-"), 0, Map.of(), true, secure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker with its data in {@code dataDir} (formatted if new) on {@code port}
     * (0 picks a free one), with broker settings in {@code overrides}.
     */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides) {
        return start(dataDir, port, overrides, false, Optional.empty());
    }

    private static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides, boolean temporary,
                                       Optional<SecureListener> secure) {
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePortOtherThan(brokerPort);
        int securePort = secure.isPresent() ? freePortOtherThan(brokerPort, controllerPort) : 0;
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, brokerPort, controllerPort, overrides, temporary, secure,
                securePort);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The SASL_SSL listener's address; only a broker started with a {@link SecureListener} has one. */
    public String secureBootstrapServers() {
        if (secure.isEmpty()) {
            throw new IllegalStateException("this broker has no secure listener");
        }
        return HOST + ":" + securePort;
    }

    /** Creates or replaces a SCRAM user, through the PLAINTEXT listener, and waits until the broker knows it. */
    public void upsertScramUser(ScramMechanism mechanism, String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(mechanism, 4096), password))).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!admin.describeUserScramCredentials(List.of(user)).all().get(30, TimeUnit.SECONDS)
                    .get(user).credentialInfos().stream().anyMatch(info -> info.mechanism() == mechanism)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM user " + user + " not visible after 30 s");
                }
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user, e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker again on the same port and data after {@link #stop()}. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNew(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            // a broker that fails to start (its port taken, say) leaves the controller's threads running
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw e;
        }
        server = raftServer;
        awaitReady();
        LOG.info("Kafka broker up at {} (data {}) in {} ms",
                bootstrapServers(), dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Stops the broker, keeping its data, as a broker outage would. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker; a temporary one also deletes its data directory. */
    @Override
    public void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(Collection<String> names, int partitions, Map<String, String> config) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = names.stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1).configs(config))
                    .toList();
            admin.createTopics(topics).values().values().forEach(future -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics " + names, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timed out creating topics " + names, e);
                }
            });
            awaitLogsOpened(admin, names);
        }
    }

    /**
     * Waits until the broker holds a log for every partition of {@code names}. An idempotent producer whose first
     * request reaches a partition the broker has not opened yet, while a later one gets through, has that first
     * request refused out of order until its delivery timeout (KAFKA-15591, a broker bug in this Kafka).
     */
    private static void awaitLogsOpened(Admin admin, Collection<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<TopicPartition> missing = null;
        try {
            while (System.nanoTime() < deadline) {
                missing = unopened(admin, names);
                if (missing != null && missing.isEmpty()) {
                    return;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the broker has not opened " + (missing == null ? names : missing) + " in 30 s");
    }

    /** The partitions of {@code names} without a log on the broker; null while the broker does not know a topic yet. */
    private static Set<TopicPartition> unopened(Admin admin, Collection<String> names) throws InterruptedException {
        try {
            Set<TopicPartition> wanted = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS)
                    .values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toCollection(HashSet::new));
            admin.describeLogDirs(List.of(NODE_ID)).allDescriptions().get(30, TimeUnit.SECONDS).get(NODE_ID).values()
                    .forEach(dir -> wanted.removeAll(dir.replicaInfos().keySet()));
            return wanted;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null; // created on the controller, not yet in the broker's metadata
            }
            throw new IllegalStateException("cannot see the logs of topics " + names, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot see the logs of topics " + names, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        String secureListener = secure.isEmpty() ? "" : "," + SecureListener.NAME + "://" + HOST + ":" + securePort;
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort + secureListener);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + secureListener);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"
                + (secure.isEmpty() ? "" : "," + SecureListener.NAME + ":SASL_SSL"));
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        secure.ifPresent(listener -> props.putAll(listener.brokerProperties()));
        props.putAll(overrides);
        return props;
    }

    private void formatIfNew(KafkaConfig config) {
        if (Files.exists(dataDir.resolve("metadata").resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(System.out)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.resolve("logs").toString(), dataDir.resolve("metadata").toString()))
                    .setMetadataLogDirectory(dataDir.resolve("metadata").toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dataDir, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                if (brokers > 0) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                last = new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("broker at " + bootstrapServers() + " not ready in 60 s", last);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the temporary broker directory {}: {}", dir, e.getMessage());
        }
    }

    private static int freePortOtherThan(int... taken) {
        while (true) {
            int candidate = freePort();
            if (Arrays.stream(taken).noneMatch(port -> port == candidate)) {
                return candidate;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
    }

    static String describe(Collection<String> values) {
        return values.stream().collect(Collectors.joining(","));
    }
}
