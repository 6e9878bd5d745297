package dev.abacus.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTakenPortTest {

    @Test
    void aBrokerThatCannotBindItsPortFailsAndLeavesNoThreadBehind(@TempDir Path dir) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(EmbeddedKafka.HOST))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort(), Map.of()))
                    .hasRootCauseInstanceOf(BindException.class);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                .untilAsserted(() -> assertThat(newNonDaemonThreads(before)).isEmpty());
    }

    private static List<String> newNonDaemonThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && !thread.isDaemon())
                .map(Thread::getName)
                .toList();
    }
}
