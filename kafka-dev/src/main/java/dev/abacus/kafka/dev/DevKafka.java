package dev.abacus.kafka.dev;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.ScramMechanism;

/**
 * The development broker of {@code examples/kafka-dev.yaml}: one KRaft node, clients on 9092, advertised under the
 * Service's name in {@code KAFKA_ADVERTISED_HOST} (default {@code kafka}; qualify it with the namespace for clients
 * elsewhere), data in {@code KAFKA_DATA_DIR}. With {@code KAFKA_SCRAM_USERS_DIR} (a mounted Secret: one file per
 * user, its content the password) clients must log in with SCRAM-SHA-512 over SASL_PLAINTEXT and Kafka's standard
 * authorizer checks ACLs; {@code KAFKA_SUPER_USERS} (comma-separated) may do anything, as a platform's admin user.
 * {@code KAFKA_EXTERNAL_HOST} adds a listener on 9095 advertised at that address (the pod's IP), for clients outside
 * the cluster network's DNS.
 */
public final class DevKafka {

    private static final int CLIENT_PORT = 9092;
    private static final int CONTROLLER_PORT = 9093;
    private static final int LOCAL_PORT = 9094;
    private static final int EXTERNAL_PORT = 9095;
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required;";

    private DevKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String advertisedHost = env.getOrDefault("KAFKA_ADVERTISED_HOST", "kafka");
        Path dataDir = Path.of(env.getOrDefault("KAFKA_DATA_DIR", "/var/lib/kafka/data"));
        Map<String, String> users = scramUsers(env.get("KAFKA_SCRAM_USERS_DIR"));
        String external = env.get("KAFKA_EXTERNAL_HOST");
        // the start-up check talks to a loopback listener: the Service that clients use has no endpoint before this
        // pod is ready, and a check through it would wait for itself
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, LOCAL_PORT,
                brokerProperties(advertisedHost, external, env.get("KAFKA_SUPER_USERS"), !users.isEmpty()));
        users.forEach((user, password) -> kafka.upsertScramUser(ScramMechanism.SCRAM_SHA_512, user, password));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        stopped.await();
    }

    static Map<String, String> brokerProperties(String advertisedHost, String externalHost, String superUsers,
                                                boolean scram) {
        String protocol = scram ? "SASL_PLAINTEXT" : "PLAINTEXT";
        StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + LOCAL_PORT + ",CLIENTS://0.0.0.0:"
                + CLIENT_PORT + ",CONTROLLER://127.0.0.1:" + CONTROLLER_PORT);
        StringBuilder advertised = new StringBuilder("PLAINTEXT://localhost:" + LOCAL_PORT + ",CLIENTS://"
                + advertisedHost + ":" + CLIENT_PORT);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,CLIENTS:" + protocol);
        if (externalHost != null && !externalHost.isBlank()) {
            listeners.append(",EXTERNAL://0.0.0.0:").append(EXTERNAL_PORT);
            advertised.append(",EXTERNAL://").append(externalHost).append(":").append(EXTERNAL_PORT);
            protocols.append(",EXTERNAL:").append(protocol);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", listeners.toString());
        props.put("advertised.listeners", advertised.toString());
        props.put("listener.security.protocol.map", protocols.toString());
        props.put("controller.quorum.voters", "1@127.0.0.1:" + CONTROLLER_PORT);
        if (scram) {
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            for (String listener : List.of("clients", "external")) {
                props.put("listener.name." + listener + ".scram-sha-512.sasl.jaas.config", SCRAM);
            }
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // ANONYMOUS is only ever the loopback and controller listeners' principal, inside this pod
            props.put("super.users", Stream.concat(Stream.of("ANONYMOUS"), Arrays.stream(String.valueOf(superUsers)
                            .split(",")).map(String::trim).filter(u -> !u.isEmpty() && !u.equals("null")))
                    .map(u -> "User:" + u).collect(Collectors.joining(";")));
        }
        return props;
    }

    /** One user per regular file of a mounted Secret; the kubelet's own {@code ..data} entries are skipped. */
    static Map<String, String> scramUsers(String dir) {
        if (dir == null || dir.isBlank()) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            Map<String, String> users = new LinkedHashMap<>();
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("..")).sorted().toList()) {
                if (Files.isRegularFile(file)) {
                    users.put(file.getFileName().toString(), Files.readString(file).strip());
                }
            }
            if (users.isEmpty()) {
                throw new IllegalStateException("KAFKA_SCRAM_USERS_DIR " + dir + " holds no user");
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SCRAM users in " + dir, e);
        }
    }
}
