package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port the runner needs is taken: it exits at once, naming the port and the option that moves it. */
class TakenPortTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    @Test
    void takenKafkaPortEndsTheRunnerWithAMessageNamingItAndTheOption(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(EmbeddedKafka.HOST));
             RunnerProcess runner = RunnerProcess.start(dir, JVM, LocalMain.class,
                     "--data-dir=" + dir.resolve("data"), "--port=0", "--kafka-port=" + taken.getLocalPort())) {
            int status = runner.awaitExit(BOUND);

            assertThat(status).isNotZero();
            assertThat(runner.output()).contains(":" + taken.getLocalPort() + " for Kafka").contains("--kafka-port=PORT");
        }
    }

    @Test
    void takenHttpPortEndsTheRunnerWithAMessageNamingItAndTheOption(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(LocalOptions.LOOPBACK));
             RunnerProcess runner = RunnerProcess.start(dir, JVM, LocalMain.class,
                     "--data-dir=" + dir.resolve("data"), "--port=" + taken.getLocalPort(), "--kafka-port=0")) {
            int status = runner.awaitExit(BOUND);

            assertThat(status).isNotZero();
            assertThat(runner.output()).contains(":" + taken.getLocalPort() + " for HTTP").contains("--port=PORT");
        }
    }
}
