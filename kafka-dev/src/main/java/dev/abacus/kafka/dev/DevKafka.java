package dev.abacus.kafka.dev;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The development broker of {@code examples/kafka-dev.yaml}: one KRaft node, clients on 9092, advertised under the
 * Service's name in {@code KAFKA_ADVERTISED_HOST} (default {@code kafka}; qualify it with the namespace for clients
 * elsewhere), data in {@code KAFKA_DATA_DIR}.
 */
public final class DevKafka {

    private static final int CLIENT_PORT = 9092;
    private static final int CONTROLLER_PORT = 9093;
    private static final int LOCAL_PORT = 9094;

    private DevKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        String advertisedHost = System.getenv().getOrDefault("KAFKA_ADVERTISED_HOST", "kafka");
        Path dataDir = Path.of(System.getenv().getOrDefault("KAFKA_DATA_DIR", "/var/lib/kafka/data"));
        // the start-up check talks to a loopback listener: the Service that clients use has no endpoint before this
        // pod is ready, and a check through it would wait for itself
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, LOCAL_PORT, Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + LOCAL_PORT + ",CLIENTS://0.0.0.0:" + CLIENT_PORT
                        + ",CONTROLLER://127.0.0.1:" + CONTROLLER_PORT,
                "advertised.listeners", "PLAINTEXT://localhost:" + LOCAL_PORT + ",CLIENTS://" + advertisedHost + ":"
                        + CLIENT_PORT,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CLIENTS:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters", "1@127.0.0.1:" + CONTROLLER_PORT));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        stopped.await();
    }
}
