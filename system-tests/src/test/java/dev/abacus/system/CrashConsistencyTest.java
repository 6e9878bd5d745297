package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.UpdateValue;
import dev.abacus.processor.CommandProcessor;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing lost, nothing doubled: a seeded random workload through the commander (and a little
 * straight onto the commands topic) while a seeded chaos thread kills processor instances abruptly,
 * starts replacements so partitions move, restarts the view and restarts the broker. At the end the
 * three topics are read in full and checked against an independent model folded in log order.
 * Replay a run with {@code -Dabacus.chaos.seed=N}.
 */
class CrashConsistencyTest {

    private static final int SLOTS = 240;
    private static final int WORKERS = 12;
    private static final int MAX_ATTEMPTS = 20;

    enum Kind { HTTP_CREATE_SLOT, HTTP_CREATE_FRESH, HTTP_UPDATE_SLOT, HTTP_UPDATE_UNKNOWN, DIRECT_CREATE_SLOT, DIRECT_UPDATE_SLOT }

    record Planned(int index, Kind kind, int slot, Operation operation, double operand, UUID target) {}

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong maxLatencyNanos = new AtomicLong();

    @Test
    // above the sum of the run's own bounds, so a slow run fails on the bound that names what was slow:
    // ready 1 + processors 1 + workload 4 + chaos join 1 + decided 3 + 3 full reads 4.5 + views 1.5 = 16 min
    @Timeout(value = 18, unit = TimeUnit.MINUTES)
    void everyCommandIsDecidedExactlyOnceUnderCrashesRebalancesAndRestarts() throws Exception {
        long seed = seed();
        int total = Integer.getInteger("abacus.chaos.commands", 10_000);
        System.out.println("CHAOS SEED = " + seed + "   (replay: -Dabacus.chaos.seed=" + seed + ")");
        List<Planned> plan = plan(new Random(seed), seed, total);
        long started = System.nanoTime();

        try (Pipeline pipeline = Pipeline.start("chaos", 6)) {
            pipeline.startProcessor();
            pipeline.startProcessor();
            ApplicationContext front = pipeline.startServices("front", false, Map.of());
            AtomicReference<ApplicationContext> view = new AtomicReference<>(pipeline.startServices("view-0", false, Map.of()));
            Http commander = new Http(() -> Pipeline.uri(front), Duration.ofSeconds(30));
            Pipeline.awaitReady(commander, Duration.ofSeconds(60));
            pipeline.awaitProcessorsReady(Duration.ofSeconds(60));

            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            int rate = Integer.getInteger("abacus.chaos.rate", 300);
            long paceStart = System.nanoTime();
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            for (int w = 0; w < WORKERS; w++) {
                workers.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < plan.size()) {
                        long due = paceStart + (long) (i * 1e9 / rate);
                        long early = due - System.nanoTime();
                        if (early > 0) {
                            pause(Duration.ofNanos(early));
                        }
                        execute(plan.get(i), seed, commander, pipeline);
                        done.incrementAndGet();
                    }
                });
            }
            Chaos chaos = new Chaos(new Random(seed * 31 + 7), pipeline, view, done, plan.size());
            Thread chaosThread = new Thread(chaos, "chaos");
            chaosThread.start();
            workers.shutdown();
            assertThat(workers.awaitTermination(4, TimeUnit.MINUTES)).as("workload finished").isTrue();
            chaos.stop();
            chaosThread.join(TimeUnit.SECONDS.toMillis(60));
            long workloadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            while (pipeline.processors().size() < 2) {
                pipeline.startProcessor();
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(pipeline::allCommandsDecided);

            Map<Integer, List<ConsumerRecord<String, byte[]>>> commands = pipeline.readAll(pipeline.commands);
            Map<Integer, List<ConsumerRecord<String, byte[]>>> outcomes = pipeline.readAll(pipeline.outcomes);
            Map<Integer, List<ConsumerRecord<String, byte[]>>> events = pipeline.readAll(pipeline.events);
            LogModel model = LogModel.fold(commands);
            model.checkOutcomes(outcomes);
            model.checkEvents(events);
            long missingAcknowledged = acknowledged.stream().filter(id -> !model.commandRecords.containsKey(id)).count();

            Http viewHttp = new Http(() -> Pipeline.uri(view.get()), Duration.ofSeconds(30));
            AtomicLong viewDifferences = new AtomicLong(-1);
            AtomicLong frontViewDifferences = new AtomicLong(-1);
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    viewDifferences.set(differences(viewHttp, model));
                    frontViewDifferences.set(differences(commander, model));
                    return viewDifferences.get() == 0 && frontViewDifferences.get() == 0;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported in the summary and asserted below
            }

            String summary = summary(seed, plan.size(), model, missingAcknowledged, viewDifferences.get(),
                    frontViewDifferences.get(), chaos, workloadMillis,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            summary += "\npartitions taken over from a snapshot: " + pipeline.partitionsRestoredFromSnapshots() + "\n";
            System.out.println(summary);
            write(summary);

            // surefire prints assertion messages on failure; the seed and summary must reach the CI log
            String replay = " (replay with -Dabacus.chaos.seed=" + seed + ")\n" + summary;
            assertThat(unexpected).as("answers other than 202/503" + replay).isEmpty();
            assertThat(model.problems).as("invariant violations" + replay).isEmpty();
            assertThat(model.commandsWithoutExactlyOneOutcome).as("commands without exactly one outcome" + replay).isZero();
            assertThat(model.duplicateEvents).as("duplicate events by parent id" + replay).isZero();
            assertThat(model.versionGaps).as("gaps in per-value versions" + replay).isZero();
            assertThat(model.eventCount).as("events vs newly accepted commands" + replay).isEqualTo(model.acceptedNew);
            assertThat(missingAcknowledged).as("202 commands missing from the log" + replay).isZero();
            assertThat(viewDifferences.get()).as("view copy differs from the model" + replay).isZero();
            assertThat(frontViewDifferences.get()).as("second view copy differs from the model" + replay).isZero();
            assertThat(model.values.size()).as("values" + replay).isGreaterThanOrEqualTo(200);
            assertThat(model.rejectedByReason).as("rejection reasons exercised" + replay).containsKeys("VALUE_NOT_FOUND", "VALUE_ALREADY_EXISTS", "NON_FINITE_RESULT");
            assertThat(chaos.kills.get()).as("abrupt processor kills" + replay).isGreaterThanOrEqualTo(2);
            assertThat(chaos.viewRestarts.get()).as("view restarts" + replay).isGreaterThanOrEqualTo(1);
            assertThat(chaos.brokerRestarts.get()).as("broker restarts" + replay).isEqualTo(1);
            assertThat(pipeline.partitionsRestoredFromSnapshots()).as("partitions taken over from a snapshot" + replay)
                    .isPositive();
        }
    }

    private static long seed() {
        String configured = System.getProperty("abacus.chaos.seed");
        if (configured != null && configured.matches("-?\\d+")) {
            return Long.parseLong(configured);
        }
        return new java.security.SecureRandom().nextLong();
    }

    private static String slotKey(long seed, int slot) {
        return "chaos-" + seed + "-slot-" + slot;
    }

    static List<Planned> plan(Random random, long seed, int total) {
        List<Planned> plan = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int roll = random.nextInt(100);
            Kind kind = roll < 10 ? Kind.HTTP_CREATE_SLOT
                    : roll < 13 ? Kind.HTTP_CREATE_FRESH
                    : roll < 83 ? Kind.HTTP_UPDATE_SLOT
                    : roll < 88 ? Kind.HTTP_UPDATE_UNKNOWN
                    : roll < 92 ? Kind.DIRECT_CREATE_SLOT
                    : Kind.DIRECT_UPDATE_SLOT;
            int slot = random.nextInt(SLOTS);
            Operation operation = random.nextInt(100) < 60 ? Operation.ADD : Operation.MULTIPLY;
            double operand;
            if (kind == Kind.HTTP_CREATE_SLOT || kind == Kind.HTTP_CREATE_FRESH || kind == Kind.DIRECT_CREATE_SLOT) {
                operand = random.nextInt(201) - 100 + (random.nextBoolean() ? 0.25 : 0);
            } else if (operation == Operation.ADD) {
                operand = (random.nextInt(2001) - 1000) / (random.nextBoolean() ? 1.0 : 8.0);
            } else {
                double[] factors = {2, 3, -2, 0.5, 1.5, -1, 0.1, 1e120, 1e300};
                int[] weights = {20, 15, 15, 15, 10, 10, 5, 6, 4};
                int pick = random.nextInt(100);
                int f = 0;
                while (pick >= weights[f]) {
                    pick -= weights[f++];
                }
                operand = factors[f];
            }
            UUID target = kind == Kind.HTTP_UPDATE_UNKNOWN
                    ? new UUID(random.nextLong(), random.nextLong())
                    : Pipeline.valueIdForCreate(slotKey(seed, slot));
            plan.add(new Planned(i, kind, slot, operation, operand, target));
        }
        return plan;
    }

    private void execute(Planned planned, long seed, Http commander, Pipeline pipeline) {
        count("commands." + planned.kind());
        switch (planned.kind()) {
            case DIRECT_CREATE_SLOT -> direct(pipeline, new CreateValue(UUID.randomUUID(), planned.target(),
                    planned.operand(), Instant.now()));
            case DIRECT_UPDATE_SLOT -> direct(pipeline, new UpdateValue(UUID.randomUUID(), planned.target(),
                    planned.operation(), planned.operand(), Instant.now()));
            case HTTP_CREATE_SLOT -> {
                String key = slotKey(seed, planned.slot());
                http(commander, "POST", "/values", "{\"value\": " + planned.operand() + "}", key,
                        Pipeline.commandIdForCreate(key));
            }
            case HTTP_CREATE_FRESH -> http(commander, "POST", "/values", "{\"value\": " + planned.operand() + "}",
                    null, null);
            default -> {
                String key = "chaos-" + seed + "-cmd-" + planned.index();
                http(commander, "PUT", "/values/" + planned.target(),
                        "{\"operation\": \"" + planned.operation() + "\", \"value\": " + planned.operand() + "}",
                        key, Pipeline.commandIdForUpdate(planned.target(), key));
            }
        }
    }

    private void direct(Pipeline pipeline, dev.abacus.domain.Command command) {
        try {
            pipeline.produceCommand(command);
            acknowledged.add(command.id());
            count("direct.acked");
        } catch (RuntimeException e) {
            count("direct.failed");
        }
    }

    private void http(Http commander, String method, String path, String body, String key, UUID expectedId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Http.Answer answer = key == null
                    ? commander.send(method, path, "application/json", body)
                    : commander.send(method, path, "application/json", body, "Idempotency-Key", key);
            count("http.attempts");
            maxLatencyNanos.accumulateAndGet(answer.nanos(), Math::max);
            if (answer.status() == 202) {
                count("http.202");
                UUID commandId = UUID.fromString(answer.text("command_id"));
                if (expectedId != null && !expectedId.equals(commandId)) {
                    unexpected.add("202 with command id " + commandId + ", expected " + expectedId);
                }
                acknowledged.add(commandId);
                return;
            }
            if (answer.status() == 503) {
                count("http.503");
                if (answer.header("Retry-After") == null || !answer.isProblem()) {
                    unexpected.add("503 without Retry-After or problem body: " + answer.response().body());
                }
            } else if (answer.status() == -1) {
                count("http.transport-failures");
            } else {
                unexpected.add(method + " " + path + " -> " + answer.status() + " "
                        + (answer.response() == null ? "" : answer.response().body()));
                return;
            }
            if (key == null) {
                count("http.given-up");
                return;
            }
            count("http.retries");
            pause(Duration.ofMillis(500 + ThreadLocalRandomHolder.next(500)));
        }
        count("http.given-up");
    }

    /** Client back-off jitter only; it never shapes the workload, so it need not be seeded. */
    private static final class ThreadLocalRandomHolder {
        static long next(int bound) {
            return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
        }
    }

    private long differences(Http http, LogModel model) {
        Map<UUID, JsonNode> seen = new HashMap<>();
        String after = "";
        while (true) {
            Http.Answer page = http.get("/values?limit=500" + (after.isEmpty() ? "" : "&after=" + after));
            if (page.status() != 200) {
                return Long.MAX_VALUE;
            }
            for (JsonNode item : page.json().get("items")) {
                seen.put(UUID.fromString(item.get("value_id").asText()), item);
            }
            JsonNode next = page.json().get("next");
            if (next == null || next.isNull()) {
                break;
            }
            after = next.asText();
        }
        long differences = 0;
        for (Map.Entry<UUID, LogModel.Value> entry : model.values.entrySet()) {
            JsonNode item = seen.get(entry.getKey());
            if (item == null
                    || item.get("version").asLong() != entry.getValue().version()
                    || Double.compare(item.get("value").asDouble(), entry.getValue().value()) != 0) {
                differences++;
            }
        }
        differences += seen.keySet().stream().filter(id -> !model.values.containsKey(id)).count();
        return differences;
    }

    private String summary(long seed, int planned, LogModel model, long missing, long viewDiff, long frontViewDiff,
            Chaos chaos, long workloadMillis, long totalMillis) {
        StringBuilder s = new StringBuilder("\n==== crash-consistency summary ====\n");
        row(s, "seed", seed);
        row(s, "commands planned", planned);
        counters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> row(s, e.getKey(), e.getValue().get()));
        row(s, "202/acked commands", acknowledged.size());
        row(s, "max HTTP latency ms", TimeUnit.NANOSECONDS.toMillis(maxLatencyNanos.get()));
        row(s, "command records in log", model.commandCount);
        row(s, "outcomes", model.outcomeCount);
        row(s, "accepted (new)", model.acceptedNew);
        row(s, "accepted (duplicate retries)", model.acceptedDuplicates);
        model.rejectedByReason.forEach((reason, n) -> row(s, "rejected " + reason, n));
        row(s, "events", model.eventCount);
        row(s, "values", model.values.size());
        row(s, "commands without exactly one outcome", model.commandsWithoutExactlyOneOutcome);
        row(s, "outcome mismatches vs model", model.outcomeMismatches);
        row(s, "event mismatches vs model", model.eventMismatches);
        row(s, "duplicate events (by parent id)", model.duplicateEvents);
        row(s, "version gaps", model.versionGaps);
        row(s, "202 commands missing from log", missing);
        row(s, "view differences (restarted copy)", viewDiff);
        row(s, "view differences (front copy)", frontViewDiff);
        row(s, "processor kills (abrupt)", chaos.kills.get());
        row(s, "snapshot writers killed", chaos.snapshotWriterKills.get());
        row(s, "processor starts", chaos.starts.get() + 2);
        row(s, "processor restarts (same instance id)", chaos.restarts.get());
        List<Long> toDeciding;
        synchronized (chaos.restartToDeciding) {
            toDeciding = new ArrayList<>(chaos.restartToDeciding);
        }
        java.util.Collections.sort(toDeciding);
        row(s, "restart to deciding ms (all measured)", toDeciding);
        row(s, "view restarts", chaos.viewRestarts.get());
        row(s, "broker restarts", chaos.brokerRestarts.get());
        row(s, "unexpected answers", unexpected.size());
        row(s, "workload ms", workloadMillis);
        row(s, "total ms", totalMillis);
        model.problems.stream().limit(10).forEach(p -> s.append("  ! ").append(p).append('\n'));
        unexpected.stream().limit(5).forEach(p -> s.append("  ? ").append(p).append('\n'));
        s.append("===================================\n");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, Object value) {
        s.append(String.format("  %-40s %s%n", name, value));
    }

    private static void write(String summary) {
        try {
            Path file = Path.of("target", "chaos-summary.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, summary, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write the summary: " + e);
        }
    }

    private void count(String name) {
        counters.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The seeded fault schedule: processor kills and replacements, two view restarts, one broker restart. */
    private static final class Chaos implements Runnable {
        private final Random random;
        private final Pipeline pipeline;
        private final AtomicReference<ApplicationContext> view;
        private final AtomicInteger done;
        private final int total;
        private final double[] viewRestartAt;
        private final double brokerRestartAt;
        private final double snapshotTakeoverAt;
        private volatile boolean running = true;
        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger viewRestarts = new AtomicInteger();
        final AtomicInteger brokerRestarts = new AtomicInteger();
        final AtomicInteger restarts = new AtomicInteger();
        final AtomicInteger snapshotWriterKills = new AtomicInteger();
        /** Milliseconds from each same-id restart to its processor deciding on its partitions; -1 when not within a minute. */
        final List<Long> restartToDeciding = java.util.Collections.synchronizedList(new ArrayList<>());

        private void timeToDeciding(CommandProcessor restarted) {
            long from = System.nanoTime();
            Thread watcher = new Thread(() -> {
                long deadline = from + TimeUnit.MINUTES.toNanos(1);
                while (System.nanoTime() < deadline) {
                    var status = restarted.status();
                    if (status.ready() && !status.partitions().isEmpty()) {
                        restartToDeciding.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from));
                        return;
                    }
                    if (!restarted.isAlive() && restarted.status().problem() != null && status.partitions().isEmpty()
                            && !pipeline.processors().contains(restarted)) {
                        return; // killed again before it decided: nothing to measure
                    }
                    pause(Duration.ofMillis(20));
                }
                restartToDeciding.add(-1L);
            }, "restart-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        Chaos(Random random, Pipeline pipeline, AtomicReference<ApplicationContext> view, AtomicInteger done, int total) {
            this.random = random;
            this.pipeline = pipeline;
            this.view = view;
            this.done = done;
            this.total = total;
            this.viewRestartAt = new double[] {0.2 + random.nextDouble() * 0.1, 0.7 + random.nextDouble() * 0.1};
            this.brokerRestartAt = 0.4 + random.nextDouble() * 0.15;
            this.snapshotTakeoverAt = 0.6 + random.nextDouble() * 0.1;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    pause(Duration.ofMillis(400 + random.nextInt(1000)));
                    if (!running) {
                        return;
                    }
                    double progress = done.get() / (double) total;
                    if (brokerRestarts.get() == 0 && progress >= brokerRestartAt) {
                        System.out.println("CHAOS broker stop at " + done.get());
                        pipeline.kafka.stop();
                        pause(Duration.ofMillis(2000 + random.nextInt(2000)));
                        pipeline.kafka.start();
                        brokerRestarts.incrementAndGet();
                        System.out.println("CHAOS broker started");
                    } else if (viewRestarts.get() < 2 && progress >= viewRestartAt[viewRestarts.get()]) {
                        System.out.println("CHAOS view restart at " + done.get());
                        pipeline.stop(view.get());
                        viewRestarts.incrementAndGet();
                        view.set(pipeline.startServices("view-" + viewRestarts.get(), false, Map.of()));
                    } else if (snapshotWriterKills.get() == 0 && progress >= snapshotTakeoverAt
                            && pipeline.partitionsRestoredFromSnapshots() == 0) {
                        killSnapshotWriter();
                    } else {
                        processors();
                    }
                }
            } catch (RuntimeException e) {
                System.out.println("CHAOS thread failed: " + e);
                e.printStackTrace(System.out);
                throw e;
            }
        }

        /**
         * Random kills alone may never hit an owner old enough to have snapshotted (each lives seconds; a snapshot
         * waits for 100 events): kill one that has, so its partitions are taken over from a snapshot at least once.
         * Tried again on the next tick while no live processor has written one.
         */
        private void killSnapshotWriter() {
            for (CommandProcessor candidate : pipeline.processors()) {
                if (pipeline.snapshotsWritten(candidate) > 0) {
                    System.out.println("CHAOS kill snapshot writer " + candidate.config().instanceId() + " at " + done.get());
                    pipeline.kill(candidate);
                    kills.incrementAndGet();
                    snapshotWriterKills.incrementAndGet();
                    pipeline.startProcessor();
                    starts.incrementAndGet();
                    return;
                }
            }
        }

        private void processors() {
            List<CommandProcessor> alive = pipeline.processors();
            if (alive.size() < 2) {
                pipeline.startProcessor();
                starts.incrementAndGet();
                return;
            }
            int roll = random.nextInt(100);
            if (roll < 55) {
                CommandProcessor victim = alive.get(random.nextInt(alive.size()));
                System.out.println("CHAOS kill " + victim.config().instanceId() + " at " + done.get());
                pipeline.kill(victim);
                kills.incrementAndGet();
                if (random.nextInt(100) < 85) {
                    pause(Duration.ofMillis(random.nextInt(1500)));
                    if (random.nextBoolean()) {
                        // a container restarted in its pod: same instance id, so static membership hands its partitions back
                        timeToDeciding(pipeline.restart(victim));
                        restarts.incrementAndGet();
                    } else {
                        pipeline.startProcessor();
                    }
                    starts.incrementAndGet();
                }
            } else if (roll < 75 && alive.size() < 3) {
                pipeline.startProcessor();
                starts.incrementAndGet();
            }
        }
    }
}
