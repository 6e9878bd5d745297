package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.CreateValue;
import dev.abacus.processor.CommandProcessor;
import dev.abacus.processor.ProcessorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * Static group membership: a processor restarted under its instance id (a container restarted in its
 * pod) decides again without waiting for its dead predecessor's session to expire, and one stopped on
 * purpose hands its partitions over at once. The session timeout here is a minute, so a group that
 * waited for it would miss the half-minute bounds below.
 */
class ProcessorMembershipTest {

    private static final Duration SESSION = Duration.ofSeconds(60);
    private static final Duration WELL_WITHIN_SESSION = Duration.ofSeconds(30);

    @Test
    void aRestartedProcessorDecidesAgainWithoutWaitingForTheDeadSession() {
        try (Pipeline pipeline = Pipeline.start("restart", 3)) {
            CommandProcessor first = pipeline.startProcessor("restart-p1", longSession(pipeline));
            awaitOwning(first, 3, Duration.ofSeconds(60));
            decide(pipeline, Duration.ofSeconds(60));

            pipeline.kill(first);
            long restarted = System.nanoTime();
            CommandProcessor second = pipeline.startProcessor("restart-p1", longSession(pipeline));
            decide(pipeline, WELL_WITHIN_SESSION);
            awaitOwning(second, 3, WELL_WITHIN_SESSION);
            System.out.printf("restart to deciding: %d ms (session timeout %d s)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted), SESSION.toSeconds());
        }
    }

    @Test
    void aProcessorStoppedOnPurposeLeavesTheGroupAtOnce() {
        try (Pipeline pipeline = Pipeline.start("leave", 3)) {
            CommandProcessor staying = pipeline.startProcessor("leave-p1", longSession(pipeline));
            CommandProcessor leaving = pipeline.startProcessor("leave-p2", longSession(pipeline));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    staying.status().ready() && leaving.status().ready()
                            && staying.status().partitions().size() + leaving.status().partitions().size() == 3
                            && !leaving.status().partitions().isEmpty());

            pipeline.stopProcessor(leaving);
            awaitOwning(staying, 3, WELL_WITHIN_SESSION);
            decide(pipeline, WELL_WITHIN_SESSION);
        }
    }

    private static Map<String, Object> longSession(Pipeline pipeline) {
        Map<String, Object> config = new HashMap<>(pipeline.clientConfig());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        return config;
    }

    private static void awaitOwning(CommandProcessor processor, int partitions, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            ProcessorStatus status = processor.status();
            return status.ready() && status.partitions().size() == partitions;
        });
    }

    /** Thirty commands (every partition gets some but once in 60,000 runs), all decided. */
    private static void decide(Pipeline pipeline, Duration atMost) {
        for (int i = 0; i < 30; i++) {
            pipeline.produceCommand(new CreateValue(UUID.randomUUID(), UUID.randomUUID(), i, Instant.now()));
        }
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(pipeline::allCommandsDecided);
        assertThat(pipeline.allCommandsDecided()).isTrue();
    }
}
