package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a benchmark: the commander under a closed-loop load at and beyond saturation, then with the
 * broker down, answers every request with 202, or 503 + Retry-After, within its send deadline; heap
 * stays flat; and it recovers by itself when the broker is back. Loopback only, bounded in time and count.
 * The deadline is measured inside the server ({@link ServerLatencyProbe}): with 128 client threads on a
 * busy 2-core machine, the client's own queueing and scheduling is not the commander's to bound.
 */
class OverloadTest {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_BLOCK = Duration.ofMillis(500);
    /** The commander's own overall deadline for a write: send-timeout + max-block + 1 s (see CommandWriter). */
    private static final Duration COMMANDER_DEADLINE = SEND_TIMEOUT.plus(MAX_BLOCK).plusSeconds(1);
    /** Server-side bound: the deadline plus slack for rendering the answer on event loops shared with a busy 2-core box. */
    private static final Duration LATENCY_BOUND = COMMANDER_DEADLINE.plusSeconds(3);
    private static final List<String> MEASURED = List.of("saturation", "beyond saturation", "broker down", "recovered");
    private static final long HEAP_GROWTH_LIMIT = 96L * 1024 * 1024;

    record Phase(String name, int clients, Duration length, int maxRequests) {}

    record Result(String phase, int status, long nanos, String retryAfter, boolean problem) {}

    @Test
    void answersStayBoundedAtAndBeyondSaturationAndThroughABrokerOutage() {
        try (Pipeline pipeline = Pipeline.start("overload", 3)) {
            ApplicationContext services = pipeline.startServices("overload", false, Map.of(
                    "abacus.commander.send-timeout", SEND_TIMEOUT.toMillis() + "ms",
                    "abacus.commander.max-block", MAX_BLOCK.toMillis() + "ms",
                    "abacus.commander.producer-buffer-bytes", 1_048_576,
                    "abacus.commander.outcome-cache-size", 20_000,
                    ServerLatencyProbe.ENABLED, true));
            ServerLatencyProbe probe = services.getBean(ServerLatencyProbe.class);
            Http http = new Http(() -> Pipeline.uri(services), Duration.ofSeconds(30));
            Pipeline.awaitReady(http, Duration.ofSeconds(60));

            List<Result> results = Collections.synchronizedList(new ArrayList<>());
            run(http, new Phase("warm-up", 8, Duration.ofSeconds(3), 2_000), results);
            results.clear();
            probe.clear();
            long heapBefore = usedHeapAfterGc();

            run(http, new Phase("saturation", 32, Duration.ofSeconds(8), 20_000), results);
            run(http, new Phase("beyond saturation", 128, Duration.ofSeconds(6), 20_000), results);
            pipeline.kafka.stop();
            try {
                run(http, new Phase("broker down", 128, Duration.ofSeconds(8), 20_000), results);
            } finally {
                pipeline.kafka.start();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.post("/values", "{\"value\": 1}").status() == 202);
            run(http, new Phase("recovered", 32, Duration.ofSeconds(4), 20_000), results);
            long heapAfter = usedHeapAfterGc();

            Map<String, List<Result>> byPhase = new ConcurrentHashMap<>();
            results.forEach(r -> byPhase.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r));
            Map<String, List<ServerLatencyProbe.Sample>> serverByPhase = new ConcurrentHashMap<>();
            probe.samples().stream().filter(s -> s.phase() != null)
                    .forEach(s -> serverByPhase.computeIfAbsent(s.phase(), p -> new ArrayList<>()).add(s));
            StringBuilder summary = new StringBuilder("\n==== overload summary ====\n");
            for (String phase : MEASURED) {
                List<Result> rs = byPhase.getOrDefault(phase, List.of());
                long[] millis = rs.stream().mapToLong(r -> TimeUnit.NANOSECONDS.toMillis(r.nanos())).sorted().toArray();
                long[] serverMillis = serverByPhase.getOrDefault(phase, List.of()).stream()
                        .mapToLong(r -> TimeUnit.NANOSECONDS.toMillis(r.nanos())).sorted().toArray();
                summary.append(String.format("  %-18s requests %6d  202 %6d  503 %6d  other %4d  p50 %5d ms  p99 %5d ms  max %5d ms"
                                + "  | server p50 %5d ms  p99 %5d ms  max %5d ms%n",
                        phase, rs.size(), rs.stream().filter(r -> r.status() == 202).count(),
                        rs.stream().filter(r -> r.status() == 503).count(),
                        rs.stream().filter(r -> r.status() != 202 && r.status() != 503).count(),
                        percentile(millis, 0.5), percentile(millis, 0.99), millis.length == 0 ? 0 : millis[millis.length - 1],
                        percentile(serverMillis, 0.5), percentile(serverMillis, 0.99),
                        serverMillis.length == 0 ? 0 : serverMillis[serverMillis.length - 1]));
            }
            summary.append(String.format("  heap after GC: before %d MB, after %d MB (limit +%d MB)%n",
                    heapBefore >> 20, heapAfter >> 20, HEAP_GROWTH_LIMIT >> 20));
            System.out.println(summary);

            // a hung request shows here too: the client gives up after 30 s and the status is -1
            assertThat(results).allSatisfy(r -> {
                assertThat(r.status()).as("status in %s", r.phase()).isIn(202, 503);
                if (r.status() == 503) {
                    assertThat(r.retryAfter()).isNotNull();
                    assertThat(r.problem()).isTrue();
                }
            });
            for (String phase : MEASURED) {
                List<ServerLatencyProbe.Sample> answered = serverByPhase.getOrDefault(phase, List.of());
                assertThat(answered.size()).as("answers the server timed in %s", phase)
                        .isGreaterThanOrEqualTo(byPhase.getOrDefault(phase, List.of()).size());
                assertThat(answered).allSatisfy(s -> {
                    assertThat(Duration.ofNanos(s.nanos())).as("server-side latency in %s", phase).isLessThanOrEqualTo(LATENCY_BOUND);
                    if (s.status() == 503) {
                        assertThat(s.retryAfter()).as("Retry-After of a 503 in %s", phase).isNotNull();
                    }
                });
            }
            assertThat(byPhase.get("saturation")).anyMatch(r -> r.status() == 202);
            assertThat(byPhase.get("broker down")).anyMatch(r -> r.status() == 503);
            assertThat(byPhase.get("recovered")).anyMatch(r -> r.status() == 202);
            assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(HEAP_GROWTH_LIMIT);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get("/health/readiness").status() == 200);
        }
    }

    private static void run(Http http, Phase phase, List<Result> results) {
        long deadline = System.nanoTime() + phase.length().toNanos();
        AtomicLong sent = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(phase.clients());
        for (int c = 0; c < phase.clients(); c++) {
            int client = c;
            clients.execute(() -> {
                while (System.nanoTime() < deadline && sent.incrementAndGet() <= phase.maxRequests()) {
                    Http.Answer answer = http.post("/values", "{\"value\": " + client + "}",
                            ServerLatencyProbe.PHASE, phase.name());
                    results.add(new Result(phase.name(), answer.status(), answer.nanos(), answer.header("Retry-After"),
                            answer.status() < 0 || answer.isProblem()));
                }
            });
        }
        clients.shutdown();
        try {
            if (!clients.awaitTermination(phase.length().plus(LATENCY_BOUND).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                clients.shutdownNow();
                throw new AssertionError("clients of phase " + phase.name() + " still waiting: a request hangs");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
