package dev.abacus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.processor.CommandProcessor;
import dev.abacus.processor.IdempotencyBound;
import dev.abacus.processor.ProcessorConfig;
import dev.abacus.processor.ProcessorRunner;
import dev.abacus.processor.ProcessorStatus;
import dev.abacus.support.kafka.HomePartition;
import dev.abacus.support.kafka.KafkaClientMeters;
import dev.abacus.view.ViewProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.server.config.ServerLogConfigs;

/**
 * One run, one broker, its phases in this order: commander ingest beside the HTTP and Kafka ceilings, exactly-once
 * decisions beside a plain consume→produce loop, write-to-read latency at a fixed rate, view replay beside a raw
 * consumer (and its growth with the log) with the view's memory per million values, and the processor's takeover from
 * a snapshot beside its full replay (and their growth with the log). Latency runs before the two phases that write
 * gigabytes, and every topic before it is deleted first: the kernel's writeback of those pages stalled the broker's
 * fsyncs inside its window. Prints a table and writes JSON. {@code --quick} for a 2–3 minute run.
 */
public final class Bench {

    private static final String[] ENVIRONMENTS = {"commander", "processor", "view", "local"};
    /**
     * A deleted topic's files go 100 ms after its deletion, not 60 s, so their dirty pages are dropped instead of
     * written back behind the next phase. Not 0: with nothing to delete, the broker's delete task then reschedules
     * itself every millisecond.
     */
    private static final Map<String, String> BROKER = Map.of(ServerLogConfigs.LOG_DELETE_DELAY_MS_CONFIG, "100");
    private static final int PARTITIONS = 3;
    private static final double WARM_JIT_SHARE = 0.15;
    private static final int MAX_WARM_UPS = 3;
    private static final String MAX_HEAP_FREE_RATIO = "MaxHeapFreeRatio";
    /** Rounds of saturation plus the offered rate before write-to-read is timed (quick mode: {@link #MAX_WARM_UPS}). */
    private static final int MAX_LATENCY_WARM_UPS = 18;
    private static final byte[] CREATE_BODY = "{\"value\": 3}".getBytes(StandardCharsets.UTF_8);
    private static final String USAGE = """
            usage: java -jar bench/target/abacus-bench.jar [--quick] [--out=FILE] [--connections=64,256,512]
                   [--replay=N] [--rounds=N] [--scale=N,N,...] [--takeover=N,N,...] [--rate=1000] [--only=PHASES]
                   [--history=FILE | --no-history]
       java -jar bench/target/abacus-bench.jar --compare[=N] [--history=FILE]
              --quick        small sizes and short windows (~2-3 minutes)
              --out          JSON results (default bench/target/abacus-bench-results.json beside the jar)
              --connections  concurrent keep-alive HTTP connections to sweep (default 64,256,512; quick 64,256);
                             each endpoint's figure is its peak over the sweep
              --replay       events in the main replay measurement (default 1000000; quick 600000)
              --rounds       rounds of the main replay, each raw consumer then view (default 3; quick 1)
              --scale        event counts for the growth table (default 100000,1000000,5000000; quick 150000,600000)
              --takeover     event counts (over 10^4 values, one partition) for the processor takeover table
                             (default 100000,1000000,5000000; quick 10000,100000,500000)
              --rate         offered commands/s for write-to-read latency (default 1000)
              --only         a subset of ingest,processor,latency,replay,takeover (for profiling; run in that order)
              --history      JSON Lines file each run appends to (default bench/history/runs.jsonl in the repository)
              --no-history   do not append this run
              --compare      print the ratios of the last N runs kept (default 10) and exit, without running""";

    private final boolean quick;
    private final List<Integer> connections;
    private final long replayEvents;
    private final int replayRounds;
    private final List<Long> scale;
    private final List<Long> takeoverSizes;
    private final int rate;
    private final Path out;
    private final List<String> only;
    private final Path historyFile;
    private final int compare;
    private final List<Row> rows = new ArrayList<>();
    private final List<String[]> table = new ArrayList<>();
    private RunHygiene hygiene;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String[]> growth = new ArrayList<>();
    private final List<String[]> takeovers = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private EmbeddedKafka kafka;
    private double processorBusy = Double.NaN;
    private final List<Double> processorCpuPerDecision = new ArrayList<>();

    private Bench(String[] args) {
        boolean quickMode = false;
        List<Integer> conns = null;
        Long replay = null;
        Integer rounds = null;
        List<Long> sizes = null;
        List<Long> takeover = null;
        int offered = 1000;
        Path file = defaultOut();
        List<String> phases = List.of("ingest", "processor", "latency", "replay", "takeover");
        Path history = History.defaultFile(jarDir());
        int compareRuns = 0;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            switch (pair[0]) {
                case "--quick" -> quickMode = true;
                case "--out" -> file = Path.of(pair[1]);
                case "--connections" -> conns = Stream.of(pair[1].split(",")).map(Integer::parseInt).toList();
                case "--replay" -> replay = (long) Double.parseDouble(pair[1]);
                case "--rounds" -> rounds = Integer.parseInt(pair[1]);
                case "--scale" -> sizes = Stream.of(pair[1].split(",")).map(s -> (long) Double.parseDouble(s)).toList();
                case "--takeover" -> takeover = Stream.of(pair[1].split(",")).map(s -> (long) Double.parseDouble(s)).toList();
                case "--rate" -> offered = Integer.parseInt(pair[1]);
                case "--only" -> phases = List.of(pair[1].split(","));
                case "--history" -> history = Path.of(pair[1]);
                case "--no-history" -> history = null;
                case "--compare" -> compareRuns = pair.length > 1 ? Integer.parseInt(pair[1]) : 10;
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        this.quick = quickMode;
        this.connections = conns != null ? conns : quickMode ? List.of(64, 256) : List.of(64, 256, 512);
        this.replayEvents = replay != null ? replay : quickMode ? 600_000 : 1_000_000;
        this.replayRounds = rounds != null ? Math.max(1, rounds) : quickMode ? 1 : 3;
        this.scale = sizes != null ? sizes : quickMode ? List.of(150_000L, 600_000L) : List.of(100_000L, 1_000_000L, 5_000_000L);
        this.takeoverSizes = takeover != null ? takeover
                : quickMode ? List.of(10_000L, 100_000L, 500_000L) : List.of(100_000L, 1_000_000L, 5_000_000L);
        this.rate = offered;
        this.out = file;
        this.only = phases;
        this.historyFile = history;
        this.compare = compareRuns;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Bench bench;
        try {
            bench = new Bench(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (bench.compare > 0) {
            if (bench.historyFile == null) {
                System.err.println("--compare needs a history file");
                System.exit(2);
            }
            new History(bench.historyFile).printCompare(bench.compare);
            return;
        }
        bench.run();
        System.exit(0);
    }

    private void run() throws Exception {
        quietLogs();
        long started = System.nanoTime();
        hygiene = new RunHygiene();
        heapThatNeverShrinks();
        long touching = System.nanoTime();
        long touchedHeap = heapTouchedOnce();
        long touchMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - touching);
        json.put("mode", quick ? "quick" : "full");
        json.put("only", only);
        json.put("started", Instant.now().toString());
        json.putAll(History.commit(jarDir()));
        json.put("machine", machine(touchedHeap, touchMillis));
        json.put("versions", versions());
        say("abacus-bench (%s): %s", quick ? "quick" : "full", json.get("machine"));
        Path dir = Files.createTempDirectory("abacus-bench-");
        kafka = EmbeddedKafka.start(dir, 0, BROKER);
        try {
            if (only.contains("ingest")) {
                ingest();
            }
            if (only.contains("processor")) {
                processor();
            }
            if (only.contains("latency")) {
                deleteTopics(topics()); // what ingest and processor wrote is dropped, not written back in its window
                writeToRead();
            }
            if (only.contains("replay")) {
                replay();
            }
            if (only.contains("takeover")) {
                takeover();
            }
        } finally {
            kafka.close();
            deleteQuietly(dir);
        }
        json.put("load_average_after", loadAverage());
        hygiene.finish();
        json.put("hygiene", hygiene.toJson());
        json.put("duration_seconds", Math.round((System.nanoTime() - started) / 1e9));
        judge();
        print();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        System.out.println("results: " + out.toAbsolutePath());
        if (historyFile != null) {
            History history = new History(historyFile);
            printDelta(history.runs());
            history.append(json);
            System.out.println("history: appended to " + historyFile.toAbsolutePath()
                    + " (java -jar bench/target/abacus-bench.jar --compare)");
        }
    }

    /** Each figure's ratio (or value) beside the previous run of the same mode that measured it. */
    private void printDelta(List<Map<String, Object>> runs) {
        String mode = (String) json.get("mode");
        boolean header = false;
        for (Row row : rows) {
            Map<String, Object> previous = History.previousRow(runs, mode, row.key());
            if (previous == null) {
                continue;
            }
            if (!header) {
                System.out.println();
                System.out.println("against the previous " + mode + " run that measured each figure:");
                header = true;
            }
            Object before = previous.get("ratio");
            String change = before instanceof Number n && !Double.isNaN(row.ratio())
                    ? String.format(Locale.ROOT, "ratio %.2f -> %.2f (%+.2f)", n.doubleValue(), row.ratio(), row.ratio() - n.doubleValue())
                    : "value " + previous.get("value") + " -> " + row.value();
            String commit = String.valueOf(previous.get("_commit"));
            Object verdict = previous.get("verdict");
            System.out.printf("  %s: %s%s; at %s (%s)%n", row.figure(), change, verdict == null ? "" : ", was " + verdict,
                    commit.substring(0, Math.min(12, commit.length())), previous.get("_started"));
        }
    }

    // ---------------------------------------------------------------- commander ingest

    private void ingest() throws Exception {
        String prefix = "ingest";
        createTopics(prefix);
        long warm = quick ? 3_000 : 5_000;
        long window = quick ? 6_000 : 15_000;
        int rounds = 1;
        byte[] command = WireCodec.encode(new CreateValue(UUID.randomUUID(), UUID.randomUUID(), 3, Instant.now()));
        String[] keys = new String[10_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = UUID.randomUUID().toString();
        }
        kafka.createTopics(List.of("raw-commands"), PARTITIONS, Map.of());
        say("kafka ceiling: one producer, acks=all, idempotent, %d-byte records", command.length);
        KafkaCeilings.produce(kafka.bootstrapServers(), "raw-commands", quick ? 100_000 : 300_000, 20_000,
                i -> keys[i % keys.length], i -> command); // warm-up
        KafkaCeilings.ProducerResult raw;
        try (RunHygiene.Window timed = timed("ingest")) {
            raw = KafkaCeilings.produce(kafka.bootstrapServers(), "raw-commands",
                    quick ? 500_000 : 3_000_000, window * 2, i -> keys[i % keys.length], i -> command);
        }
        say("  %,.0f records/s", raw.perSecond());

        HttpLoad.Result noop = null;
        HttpLoad.Result commander = null;
        int noopConnections = 0;
        int commanderConnections = 0;
        Map<String, Object> cpu = new LinkedHashMap<>();
        List<Map<String, Object>> sweep = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warm_up_rounds", warmUpHttpUntilCompiled(window));
        try (ApplicationContext context = stack(prefix, false, Map.of());
                HttpLoad load = new HttpLoad("127.0.0.1", context.getBean(EmbeddedServer.class).getPort())) {
            for (int round = 1; round <= rounds; round++) {
                for (int conns : connections) {
                    say("HTTP ceiling: POST /bench/noop, %d connections, %d s", conns, window / 1000);
                    CpuShare noopCpu = CpuShare.begin();
                    HttpLoad.Result n;
                    try (RunHygiene.Window timed = timed("ingest")) {
                        n = load.saturate("/bench/noop", CREATE_BODY, conns, warm, window);
                    }
                    Map<String, Double> noopShare = noopCpu.end();
                    say("  %,.0f requests/s (%d errors); CPU %s", n.perSecond(), n.failed(),
                            CpuShare.describe(noopShare));
                    say("commander: POST /values, %d connections, %d s", conns, window / 1000);
                    CpuShare commanderCpu = CpuShare.begin();
                    HttpLoad.Result c;
                    try (RunHygiene.Window timed = timed("ingest")) {
                        c = load.saturate("/values", CREATE_BODY, conns, warm, window);
                    }
                    Map<String, Double> commanderShare = commanderCpu.end();
                    say("  %,.0f commands/s (%d errors); CPU %s", c.perSecond(), c.failed(),
                            CpuShare.describe(commanderShare));
                    Map<String, Object> level = new LinkedHashMap<>();
                    level.put("round", round);
                    level.put("connections", conns);
                    level.put("noop_per_second", n.perSecond());
                    level.put("commander_per_second", c.perSecond());
                    level.put("ratio_at_same_concurrency", c.perSecond() / n.perSecond());
                    level.put("noop_p50_p99_ms", n.latencies().percentilesMillis(50, 99));
                    level.put("commander_p50_p99_ms", c.latencies().percentilesMillis(50, 99));
                    sweep.add(level);
                    if (noop == null || n.perSecond() > noop.perSecond()) {
                        noop = n;
                        noopConnections = conns;
                        cpu.put("http_ceiling_noop", noopShare);
                    }
                    if (commander == null || c.perSecond() > commander.perSecond()) {
                        commander = c;
                        commanderConnections = conns;
                        cpu.put("commander", commanderShare);
                    }
                }
            }
        }
        double[] c = commander.latencies().percentilesMillis(50, 99);
        double[] n = noop.latencies().percentilesMillis(50, 99);
        double[] k = raw.latencies().percentilesMillis(50, 99);
        result.put("connections_swept", connections);
        result.put("commander_peak_at_connections", commanderConnections);
        result.put("noop_peak_at_connections", noopConnections);
        result.put("sweep", sweep);
        result.put("window_seconds", window / 1000.0);
        result.put("commander", throughput(commander.perSecond(), c, commander.ok(), commander.failed()));
        result.put("http_ceiling_noop", throughput(noop.perSecond(), n, noop.ok(), noop.failed()));
        result.put("kafka_ceiling_producer", throughput(raw.perSecond(), k, raw.records(), 0));
        result.put("record_bytes", command.length);
        result.put("cpu_seconds_by_thread_group", cpu);
        result.put("ratio_to_http_ceiling", commander.perSecond() / noop.perSecond());
        result.put("ratio_to_kafka_ceiling", commander.perSecond() / raw.perSecond());
        json.put("commander_ingest", result);
        row("commander ingest (cmds/s)", rate(commander.perSecond()) + lat(c) + " @" + commanderConnections + " conns",
                "HTTP no-op endpoint", rate(noop.perSecond()) + lat(n) + " @" + noopConnections + " conns", commander.perSecond() / noop.perSecond(), ">= 0.6",
                commander.perSecond() / noop.perSecond() >= 0.6, "ingest", null);
        row("commander ingest (cmds/s)", rate(commander.perSecond()), "raw producer acks=all",
                rate(raw.perSecond()) + lat(k), commander.perSecond() / raw.perSecond(), "-", null, "ingest", null);
    }

    /**
     * Untimed pairs of the no-op endpoint and the commander at the sweep's widest concurrency until a pair's JIT
     * compilation took less than {@link #WARM_JIT_SHARE} of its time, at most {@link #MAX_WARM_UPS}; returns how many
     * ran. With only the warm-up inside each window, the 64-connection ceiling window still compiled for 87% of its
     * time (docs/benchmarks.md). A stack of its own, so that the commands it writes are not the processor's input.
     */
    private int warmUpHttpUntilCompiled(long window) throws Exception {
        String prefix = "ingest-warm";
        createTopics(prefix);
        int conns = connections.stream().max(Integer::compare).orElseThrow();
        try (ApplicationContext context = stack(prefix, false, Map.of());
                HttpLoad load = new HttpLoad("127.0.0.1", context.getBean(EmbeddedServer.class).getPort())) {
            for (int pair = 1; ; pair++) {
                CpuShare cpu = CpuShare.begin();
                load.saturate("/bench/noop", CREATE_BODY, conns, 0, window);
                load.saturate("/values", CREATE_BODY, conns, 0, window);
                double jit = CpuShare.jitShare(cpu.end());
                say("warm-up %d, untimed: the no-op endpoint and the commander, %d connections, %d s each; JIT"
                        + " compiled %.0f%% of the time", pair, conns, window / 1000, 100 * jit);
                if (jit < WARM_JIT_SHARE || pair == MAX_WARM_UPS) {
                    return pair;
                }
            }
        } finally {
            deleteTopics(List.of(prefix + "-commands", prefix + "-events", prefix + "-outcomes"));
        }
    }

    // ---------------------------------------------------------------- processor

    private void processor() throws Exception {
        String commands = "ingest-commands";
        long target = Long.getLong("abacus.bench.processor-commands", quick ? 100_000 : 500_000);
        createTopics("ingest");
        long have = endOffsetSum(commands);
        if (have < target) {
            SplittableRandom random = new SplittableRandom(7);
            long topUp = target - have;
            say("processor input: %,d commands from ingest + %,d more written directly", have, topUp);
            KafkaCeilings.load(kafka.bootstrapServers(), commands, topUp, i -> {
                UUID valueId = uuid(random);
                return new ProducerRecord<>(commands, valueId.toString(),
                        WireCodec.encode(new CreateValue(uuid(random), valueId, i, Instant.now())));
            });
            have = endOffsetSum(commands);
        }
        long total = have;
        int maxPollRecords = Integer.getInteger("abacus.bench.max-poll-records", ProcessorConfig.DEFAULT_MAX_POLL_RECORDS);
        int rounds = quick ? 1 : 3;
        double plain = 0;
        double eos = 0;
        List<Double> plainRounds = new ArrayList<>();
        List<Double> eosRounds = new ArrayList<>();
        Map<String, Object> tuning = processorClientSettings();
        int warmUps = warmUpUntilCompiled(commands, total, maxPollRecords, tuning);
        for (int round = 1; round <= rounds; round++) {
            kafka.createTopics(roundTopics(String.valueOf(round)), PARTITIONS, Map.of());
            say("plain consume->produce loop over %,d commands (no transactions), round %d", total, round);
            settledForTiming();
            double p;
            CpuShare plainCpu = CpuShare.begin();
            try (RunHygiene.Window timed = timed("processor")) {
                p = plainLoop(commands, String.valueOf(round), total, maxPollRecords, tuning);
            }
            plainRounds.add(p);
            say("  %,.0f records/s; CPU %s", p, CpuShare.describe(plainCpu.end()));
            say("processor (exactly-once transactions) over the same %,d commands, round %d", total, round);
            settledForTiming();
            double e;
            try (RunHygiene.Window timed = timed("processor")) {
                e = exactlyOnce(commands, total, maxPollRecords, String.valueOf(round), tuning);
            }
            say("  %,.0f decisions/s", e);
            eosRounds.add(e);
            deleteTopics(roundTopics(String.valueOf(round))); // dropped, not written back behind the next round
            plain = Math.max(plain, p);
            eos = Math.max(eos, e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("commands", total);
        result.put("rounds", rounds);
        result.put("max_poll_records", maxPollRecords);
        result.put("warm_up_rounds", warmUps);
        result.put("processor_kafka_settings", tuning);
        result.put("processor_exactly_once_per_second", eos);
        result.put("plain_loop_per_second", plain);
        result.put("exactly_once_rounds_per_second", eosRounds);
        result.put("plain_loop_rounds_per_second", plainRounds);
        result.put("ratio", eos / plain);
        List<Double> pairedRatios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            pairedRatios.add(eosRounds.get(round) / plainRounds.get(round));
        }
        result.put("paired_ratios", pairedRatios);
        result.put("median_paired_ratio", median(pairedRatios));
        if (rounds > 1) { // beside the verdict, which stays best against best
            say("processor: ratio of each round to the plain loop just before it %s, median %.2f",
                    pairedRatios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), median(pairedRatios));
        }
        result.put("processor_loop_thread_busy", processorBusy);
        result.put("processor_thread_cpu_us_per_decision", processorCpuPerDecision); // warm-ups first
        json.put("processor", result);
        row("processor decisions/s (EOS)", rate(eos), "plain consume->produce", rate(plain), eos / plain, ">= 0.5",
                eos / plain >= 0.5, "processor", plainRounds);
    }

    /**
     * Untimed pairs of a plain loop and a processor over the timed rounds' commands until a pair's JIT compilation took
     * less than {@link #WARM_JIT_SHARE} of its time, at most {@link #MAX_WARM_UPS}; returns how many ran. With one
     * pair over 10^5 commands the compilers still ran through the timed rounds (4.4 s of compilation in a 4.2 s
     * ceiling round); six such pairs never got below 100% (docs/benchmarks.md).
     */
    private int warmUpUntilCompiled(String commands, long count, int maxPollRecords, Map<String, Object> tuning)
            throws Exception {
        for (int pair = 1; ; pair++) {
            String label = "warm-" + pair;
            kafka.createTopics(roundTopics(label), PARTITIONS, Map.of());
            CpuShare cpu = CpuShare.begin();
            try {
                plainLoop(commands, label, count, maxPollRecords, tuning);
            } catch (IllegalStateException e) {
                say("  warm-up %d's plain loop is not a measurement, and failed: %s", pair, e.getMessage());
            }
            exactlyOnce(commands, count, maxPollRecords, label, tuning);
            double jit = CpuShare.jitShare(cpu.end());
            say("warm-up %d, untimed: the plain loop and a processor over %,d commands each; JIT compiled %.0f%% of"
                    + " the time", pair, count, 100 * jit);
            deleteTopics(roundTopics(label));
            if (jit < WARM_JIT_SHARE || pair == MAX_WARM_UPS) {
                return pair;
            }
        }
    }

    /** The processor's ceiling over {@code count} commands, into {@link #roundTopics} of {@code round}. */
    private double plainLoop(String commands, String round, long count, int maxPollRecords, Map<String, Object> tuning) {
        return KafkaCeilings.plainLoop(kafka.bootstrapServers(), commands, "plain-events-" + round,
                "plain-outcomes-" + round, count, maxPollRecords, "bench-plain-" + round, 300_000, tuning);
    }

    /** What one round's plain loop and processor write to. */
    private static List<String> roundTopics(String round) {
        return List.of("plain-events-" + round, "plain-outcomes-" + round, "eos-events-" + round, "eos-outcomes-" + round);
    }

    /** Decisions per second of a fresh {@link CommandProcessor}, from its first decision to the last. */
    private double exactlyOnce(String commands, long total, int maxPollRecords, String round, Map<String, Object> tuning)
            throws InterruptedException {
        SimpleMeterRegistry registry = processorRegistry();
        String events = "eos-events-" + round;
        String outcomes = "eos-outcomes-" + round;
        ProcessorConfig defaults = ProcessorConfig.defaults(commands, events, outcomes);
        ProcessorConfig config = new ProcessorConfig(commands, events, outcomes, "bench-eos-" + round, "bench",
                "bench-eos-" + round, defaults.pollTimeout(), maxPollRecords, defaults.transactionTimeout(),
                defaults.sessionTimeout(), defaults.stallTimeout(), defaults.idempotency());
        Map<String, Object> clientSettings = new HashMap<>(tuning);
        clientSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        CommandProcessor processor = new CommandProcessor(config, clientSettings, registry);
        CpuShare cpu = CpuShare.begin();
        try {
            processor.start();
            long firstAt = 0;
            long firstCount = 0;
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (count < total && System.nanoTime() < deadline) {
                Thread.sleep(2);
                count = decided(registry);
                if (firstAt == 0 && count > 0) {
                    firstAt = System.nanoTime();
                    firstCount = count;
                }
            }
            long lastAt = System.nanoTime();
            if (count < total) {
                throw new IllegalStateException("processor decided " + count + " of " + total + " in time");
            }
            double loopSeconds = cpu.seconds("abacus-processor-");
            double busy = loopSeconds / ((lastAt - firstAt) / 1e9);
            Map<String, Double> share = cpu.end();
            say("  processor loop and partition threads busy %.0f%% of the time, %.1f µs of their CPU and %.1f µs of the"
                    + " process's per decision; CPU %s", 100 * Math.min(1, busy), 1e6 * loopSeconds / count,
                    1e6 * share.get("process") / count, CpuShare.describe(share));
            String producers = config.clientId("p");
            String consumer = config.clientId("commands");
            say("  %.0f transactions; producers: %.0f requests, %.0f records per request, %.0f-byte batches; consumer:"
                    + " %.0f fetches, %.0f records per fetch", committedTransactions(registry),
                    clientMetric("producer-metrics", producers, "request-total"),
                    clientMetric("producer-metrics", producers, "records-per-request-avg") / PARTITIONS,
                    clientMetric("producer-metrics", producers, "batch-size-avg") / PARTITIONS,
                    clientMetric("consumer-fetch-manager-metrics", consumer, "fetch-total"),
                    clientMetric("consumer-fetch-manager-metrics", consumer, "records-per-request-avg"));
            processorBusy = busy;
            processorCpuPerDecision.add(1e6 * loopSeconds / count);
            return (count - firstCount) / ((lastAt - firstAt) / 1e9);
        } finally {
            processor.close();
        }
    }

    /**
     * Kafka client settings for the measured processor and its plain-loop ceiling alike,
     * {@code -Dabacus.bench.processor-kafka.<name>=<value>}: to try a tuning without crediting it to one side only.
     * The processor's own producer defaults are among them, so the ceiling's producer batches as the processor's do.
     */
    private static Map<String, Object> processorClientSettings() {
        String prefix = "abacus.bench.processor-kafka.";
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, ProcessorConfig.DEFAULT_PRODUCER_BATCH_BYTES);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> settings.put(name.substring(prefix.length()), System.getProperty(name)));
        return settings;
    }

    /**
     * A registry for a processor made by hand, with the Kafka client meters a service's registry keeps: without the
     * filter the processor binds some 150 meters a client, which a deployed one never does, and finding the bench's
     * counters among them every 2 ms took a tenth of a core from what it measures.
     */
    private static SimpleMeterRegistry processorRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(KafkaClientMeters.ONLY_KEPT);
        return registry;
    }

    private static long decided(SimpleMeterRegistry registry) {
        double sum = 0;
        for (Counter counter : registry.find("abacus.processor.commands").counters()) {
            sum += counter.count();
        }
        for (Counter counter : registry.find("abacus.processor.duplicates").counters()) {
            sum += counter.count();
        }
        return (long) sum;
    }

    // ---------------------------------------------------------------- view replay and memory

    private void replay() throws Exception {
        kafka.createTopics(List.of("replay-commands", "replay-outcomes"), PARTITIONS, Map.of());
        List<Long> sizes = new ArrayList<>(scale);
        if (!sizes.contains(replayEvents)) {
            sizes.add(replayEvents);
        }
        sizes.sort(Comparator.naturalOrder());
        long maxHeap = Runtime.getRuntime().maxMemory();
        List<Double> rawRounds = new ArrayList<>();
        List<Double> pairedRatios = new ArrayList<>();
        ViewRun restart = null;
        Map<Long, double[]> measured = new LinkedHashMap<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (long events : sizes) {
            long values = events / 3;
            long needHeap = values * 400 + (512L << 20);
            if (skippedForHeap("replay", events, needHeap, maxHeap)) {
                continue;
            }
            String topic = "events-" + events;
            kafka.createTopics(List.of(topic), PARTITIONS, PipelineTopics.EVENTS_FIXED_CONFIG);
            say("writing %,d events (%,d values x 3) to %s", values * 3, values, topic);
            writeEvents(topic, values);
            long total = values * 3;
            // every size best-of the same rounds: a one-round ratio beside a best-of-three one is not a trend
            int rounds = replayRounds;
            double bestRaw = 0;
            double bestView = 0;
            long heap = 0;
            ViewRun fastestRestart = null;
            String window = events == replayEvents ? "replay" : "replay-" + events;
            KafkaCeilings.consume(kafka.bootstrapServers(), topic, total, viewFetchSettings(), 600_000); // warm-up, untimed
            for (int round = 1; round <= rounds; round++) {
                settledForTiming(); // the view's store of the round before is garbage now; do not bill its collection here
                double raw;
                try (RunHygiene.Window timed = timed(window)) {
                    raw = KafkaCeilings.consume(kafka.bootstrapServers(), topic, total, viewFetchSettings(), 600_000);
                }
                if (events == replayEvents) {
                    rawRounds.add(raw);
                }
                say("  raw consumer: %,.0f events/s (%.2f s)", raw, total / raw);
                ViewRun viewRun = viewReplay(topic, values, window);
                double view = total / (viewRun.replayMillis() / 1000.0);
                say("  view replay:  %,.0f events/s (%.2f s), heap +%d MB for %,d values; ready %.2f s after the context"
                        + " started (context %.2f s, replay, ready-sustain)", view, viewRun.replayMillis() / 1000.0,
                        viewRun.heapGrowth() >> 20, values, viewRun.readyMillis() / 1000.0, viewRun.contextMillis() / 1000.0);
                bestRaw = Math.max(bestRaw, raw);
                bestView = Math.max(bestView, view);
                if (events == replayEvents) {
                    pairedRatios.add(view / raw);
                }
                heap = viewRun.heapGrowth();
                if (fastestRestart == null || viewRun.readyMillis() < fastestRestart.readyMillis()) {
                    fastestRestart = viewRun;
                }
            }
            if (events == replayEvents) {
                restart = fastestRestart;
            }
            measured.put(events, new double[] {bestRaw, bestView, heap, values});
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("events", total);
            run.put("values", values);
            run.put("raw_consumer_per_second", bestRaw);
            run.put("view_per_second", bestView);
            run.put("raw_seconds", total / bestRaw);
            run.put("view_seconds", total / bestView);
            run.put("ratio", bestView / bestRaw);
            run.put("heap_growth_bytes", heap);
            run.put("fastest_restart_to_ready_ms", fastestRestart.readyMillis());
            runs.add(run);
            growth.add(new String[] {String.format(Locale.ROOT, "%,d", total), String.format(Locale.ROOT, "%.2f s", total / bestRaw),
                    String.format(Locale.ROOT, "%.2f s", total / bestView), String.format(Locale.ROOT, "%.2f", bestView / bestRaw)});
            deleteTopics(List.of(topic));
        }
        deleteTopics(List.of("replay-commands", "replay-outcomes"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runs", runs);
        double[] main = measured.get(replayEvents);
        if (main != null) {
            result.put("main_events", replayEvents);
            result.put("ratio", main[1] / main[0]);
            result.put("rounds", pairedRatios.size());
            result.put("paired_ratios", pairedRatios);
            result.put("median_paired_ratio", median(pairedRatios));
            if (pairedRatios.size() > 1) {
                say("replay %s: ratio of each round's view to the raw consumer just before it %s, median %.2f",
                        shortCount(replayEvents), pairedRatios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(),
                        median(pairedRatios));
            }
            row(String.format(Locale.ROOT, "view replay %s events (ev/s)", shortCount(replayEvents)), rate(main[1]),
                    "raw read_committed consumer", rate(main[0]), main[1] / main[0], ">= 0.7", main[1] / main[0] >= 0.7,
                    "replay", rawRounds);
        }
        if (restart != null) {
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("events", replayEvents);
            ready.put("restart_to_ready_ms", restart.readyMillis());
            ready.put("context_start_ms", restart.contextMillis());
            ready.put("replay_ms", restart.replayMillis());
            ready.put("ready_sustain_ms", restart.sustainMillis());
            result.put("restart", ready);
            row(String.format(Locale.ROOT, "view restart to ready, %s events", shortCount(replayEvents)),
                    String.format(Locale.ROOT, "%.2f s (context %.2f + replay %.2f + sustain %.2f)",
                            restart.readyMillis() / 1000.0, restart.contextMillis() / 1000.0,
                            restart.replayMillis() / 1000.0, restart.sustainMillis() / 1000.0),
                    "-", "-", Double.NaN, "-", null, "replay", null);
        }
        // memory: the slope between the smallest and the largest replay, so fixed costs cancel out
        List<Long> done = new ArrayList<>(measured.keySet());
        if (done.size() >= 2) {
            double[] small = measured.get(done.get(0));
            double[] large = measured.get(done.get(done.size() - 1));
            double perMillion = (large[2] - small[2]) / (large[3] - small[3]) * 1_000_000 / (1 << 20);
            double naive = main == null ? Double.NaN : main[2] / main[3] * 1_000_000 / (1 << 20);
            result.put("memory_mb_per_million_values", perMillion);
            result.put("memory_mb_per_million_values_including_fixed_costs", naive);
            json.put("view_memory", Map.of("mb_per_million_values", perMillion,
                    "method", "heap after GC, slope between the smallest and largest replay"));
            row("view memory (MB / 1M values)", String.format(Locale.ROOT, "%.0f MB", perMillion), "-", "-",
                    Double.NaN, "<= 150 MB", perMillion <= 150, null, null);
        }
        json.put("view_replay", result);
    }

    /**
     * A fresh view copy's replay of a topic: the replay up to the startup log end, and the time from starting
     * its context to it reporting ready (context start + replay + ready-sustain), which a restarted view copy takes.
     */
    private record ViewRun(long replayMillis, long heapGrowth, long contextMillis, long readyMillis) {
        long sustainMillis() {
            return Math.max(0, readyMillis - contextMillis - replayMillis);
        }
    }

    private ViewRun viewReplay(String topic, long values, String window) throws Exception {
        settledDisk();
        long before = settledHeap();
        Map<String, Object> props = new HashMap<>(PipelineTopics.properties("replay-commands", topic, "replay-outcomes"));
        props.put("abacus.view.expected-values", (int) Math.min(Integer.MAX_VALUE, Math.max(16, values)));
        CpuShare cpu = CpuShare.begin();
        RunHygiene.Window timed = timed(window);
        long starting = System.nanoTime();
        try (ApplicationContext context = context(false, props)) {
            long contextMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting);
            ViewProbe probe = new ViewProbe(context);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (probe.replayMillis() < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("view did not replay " + topic + " in time");
                }
                Thread.sleep(1);
            }
            timed.close();
            long millis = Math.max(1, probe.replayMillis());
            if (probe.values() != values) {
                throw new IllegalStateException("view holds " + probe.values() + " values, expected " + values);
            }
            say("  view threads' CPU: poller %.2f s, applier %.2f s; whole JVM %s",
                    cpu.seconds("abacus-view-poller"), cpu.seconds("abacus-view-applier"), CpuShare.describe(cpu.end()));
            while (!probe.ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("view did not report ready on " + topic + " in time");
                }
                Thread.sleep(1);
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting);
            long after = settledHeap();
            return new ViewRun(millis, after - before, contextMillis, readyMillis);
        }
    }

    private void writeEvents(String topic, long values) {
        SplittableRandom random = new SplittableRandom(values);
        UUID[] current = new UUID[1];
        KafkaCeilings.load(kafka.bootstrapServers(), topic, values * 3, i -> {
            long n = i / 3;
            int step = (int) (i % 3);
            if (step == 0) {
                current[0] = uuid(random);
            }
            UUID valueId = current[0];
            Instant now = Instant.now();
            byte[] bytes = step == 0
                    ? WireCodec.encode(new ValueCreated(uuid(random), uuid(random), valueId, n, 1, now))
                    : WireCodec.encode(new ValueUpdated(uuid(random), uuid(random), valueId, Operation.ADD, 1,
                            n + step, step + 1, now));
            return new ProducerRecord<>(topic, valueId.toString(), bytes);
        });
    }

    /** The raw consumer gets the view's own fetch tuning, so the ceiling is the best the same client can do. */
    private static Map<String, Object> viewFetchSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        settings.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1 << 20);
        return settings;
    }

    // ---------------------------------------------------------------- processor takeover from a snapshot

    private static final int TAKEOVER_VALUES = 10_000;
    private static final long TAKEOVER_SNAPSHOT_MIN_EVENTS = 10_000;
    private static final Pattern OPENED = Pattern.compile(
            "a snapshot of (\\d+) entries at events offset (\\d+), then (\\d+) events");

    /** What one processor's opening of the takeover partition took, from its status, meters and log line. */
    private record Opened(long readyMillis, long rebuildMillis, long eventsReplayed, boolean fromSnapshot,
            long snapshotEntries, long snapshotOffset, long snapshotsWritten, double snapshotWriteMillis) {}

    /**
     * Issue #13: a new owner of a partition rebuilds from the newest snapshot and the events after it, so its
     * takeover is bounded by the values (and their remembered command ids), not by the log. Per size: N events over
     * {@link #TAKEOVER_VALUES} values on one partition; processor A (snapshots on) opens it with a whole replay, the
     * takeover cost before snapshots, and writes its first snapshot right after; A closes; processor B takes over
     * from that snapshot. B's rebuild against A's is the figure; B's growth with the log is the target.
     */
    private void takeover() throws Exception {
        int rounds = quick ? 1 : 3; // best of 3: each B builds its state in a heap the settling GCs just shrank
        long maxHeap = Runtime.getRuntime().maxMemory();
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<Long, long[]> measured = new LinkedHashMap<>();
        boolean warmed = false;
        CapturedLog log = CapturedLog.attach("dev.abacus.processor.PartitionOpener");
        try {
            for (long events : takeoverSizes.stream().sorted().toList()) {
                long perValue = Math.max(1, events / TAKEOVER_VALUES);
                long total = perValue * TAKEOVER_VALUES;
                long remembered = Math.min(total, (long) TAKEOVER_VALUES * IdempotencyBound.DEFAULT_COMMANDS_PER_VALUE);
                long needHeap = remembered * 800 + (512L << 20); // A's state (garbage by B's turn) and B's
                if (skippedForHeap("takeover", total, needHeap, maxHeap)) {
                    continue;
                }
                String prefix = "takeover-" + total;
                String commands = prefix + "-commands";
                String eventsTopic = prefix + "-events";
                String outcomes = prefix + "-outcomes";
                String snapshots = prefix + "-snapshots";
                kafka.createTopics(List.of(eventsTopic), 1, PipelineTopics.EVENTS_FIXED_CONFIG);
                kafka.createTopics(List.of(snapshots), 1, PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
                kafka.createTopics(List.of(commands, outcomes), 1, Map.of());
                say("takeover: writing %,d events (%,d values x %d versions) to %s, one partition", total,
                        TAKEOVER_VALUES, perValue, eventsTopic);
                writeVersionedEvents(eventsTopic, TAKEOVER_VALUES, perValue);
                ProcessorConfig base = ProcessorConfig.defaults(commands, eventsTopic, outcomes)
                        .withGroupId("bench-" + prefix)
                        .withTransactionalIdPrefix("bench-" + prefix)
                        .withSnapshotMinEvents(TAKEOVER_SNAPSHOT_MIN_EVENTS);
                if (!warmed) { // the JVM's first processor pays class loading and compilation: not in a figure
                    say("  warm-up: a processor without snapshots replays the log, untimed");
                    open(base.withGroupId("bench-" + prefix + "-warm").withTransactionalIdPrefix("bench-" + prefix + "-warm")
                            .withInstanceId("bench-warm"), log, false);
                    warmed = true;
                }
                settledForTiming();
                Opened a;
                try (RunHygiene.Window timed = timed("takeover")) {
                    a = open(base.withSnapshots(snapshots).withInstanceId("bench-takeover-a"), log, true);
                }
                if (a.fromSnapshot() || a.eventsReplayed() != total) {
                    throw new IllegalStateException("processor A should replay all " + total + " events, replayed "
                            + a.eventsReplayed() + (a.fromSnapshot() ? " after a snapshot" : ""));
                }
                say("  A, full replay: rebuild %,d ms (%,d events, %,.0f events/s), start->ready %,d ms; snapshot"
                        + " committed %.0f ms later", a.rebuildMillis(), a.eventsReplayed(),
                        a.eventsReplayed() / Math.max(1e-3, a.rebuildMillis() / 1000.0), a.readyMillis(),
                        a.snapshotWriteMillis());
                Opened best = null;
                List<Long> bRounds = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    settledForTiming();
                    Opened b;
                    try (RunHygiene.Window timed = timed("takeover")) {
                        b = open(base.withSnapshots(snapshots).withInstanceId("bench-takeover-b" + round), log, false);
                    }
                    if (!b.fromSnapshot()) {
                        notes.add(String.format(Locale.ROOT, "takeover of %,d events, round %d: B did not restore from"
                                + " a snapshot (replayed %,d events)", total, round, b.eventsReplayed()));
                        say(notes.get(notes.size() - 1));
                    }
                    say("  B%d, from the snapshot: rebuild %,d ms (%,d entries at events offset %,d, then %,d events),"
                            + " start->ready %,d ms", round, b.rebuildMillis(), b.snapshotEntries(), b.snapshotOffset(),
                            b.eventsReplayed(), b.readyMillis());
                    bRounds.add(b.rebuildMillis());
                    if (best == null || b.rebuildMillis() < best.rebuildMillis()) {
                        best = b;
                    }
                }
                double ratio = (double) Math.max(1, best.rebuildMillis()) / Math.max(1, a.rebuildMillis());
                measured.put(total, new long[] {a.rebuildMillis(), best.rebuildMillis()});
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("events", total);
                run.put("values", TAKEOVER_VALUES);
                run.put("events_per_value", perValue);
                run.put("snapshot_min_events", TAKEOVER_SNAPSHOT_MIN_EVENTS);
                run.put("full_replay_rebuild_ms", a.rebuildMillis());
                run.put("full_replay_start_to_ready_ms", a.readyMillis());
                run.put("full_replay_events", a.eventsReplayed());
                run.put("snapshot_write_ms", a.snapshotWriteMillis());
                run.put("takeover_rebuild_ms", best.rebuildMillis());
                run.put("takeover_start_to_ready_ms", best.readyMillis());
                run.put("takeover_rebuild_ms_rounds", bRounds);
                run.put("takeover_from_snapshot", best.fromSnapshot());
                run.put("takeover_tail_events", best.eventsReplayed());
                run.put("snapshot_entries", best.snapshotEntries());
                run.put("snapshot_events_offset", best.snapshotOffset());
                run.put("expected_entries_bound", TAKEOVER_VALUES + remembered);
                run.put("ratio", ratio);
                runs.add(run);
                takeovers.add(new String[] {String.format(Locale.ROOT, "%,d", total),
                        String.format(Locale.ROOT, "%,d ms", a.rebuildMillis()),
                        String.format(Locale.ROOT, "%,d ms", best.rebuildMillis()), String.format(Locale.ROOT, "%.3f", ratio),
                        String.format(Locale.ROOT, "%,d", best.eventsReplayed()),
                        String.format(Locale.ROOT, "%,d", best.snapshotEntries()),
                        String.format(Locale.ROOT, "%,d ms", a.readyMillis()),
                        String.format(Locale.ROOT, "%,d ms", best.readyMillis())});
                row(String.format(Locale.ROOT, "processor takeover %s events (ms)", shortCount(total)),
                        String.format(Locale.ROOT, "%,d ms (tail %,d events, snapshot %,d entries; start->ready %,d ms)",
                                best.rebuildMillis(), best.eventsReplayed(), best.snapshotEntries(), best.readyMillis()),
                        "full replay by the processor", String.format(Locale.ROOT, "%,d ms (start->ready %,d ms)",
                                a.rebuildMillis(), a.readyMillis()),
                        ratio, "-", null, "takeover", null);
                deleteTopics(List.of(eventsTopic, snapshots, commands, outcomes));
            }
        } finally {
            log.detach();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("values", TAKEOVER_VALUES);
        result.put("partitions", 1);
        result.put("snapshot_min_events", TAKEOVER_SNAPSHOT_MIN_EVENTS);
        result.put("takeover_rounds", rounds);
        result.put("runs", runs);
        List<Long> done = new ArrayList<>(measured.keySet());
        if (done.size() >= 2) {
            long small = done.get(done.size() - 2);
            long large = done.get(done.size() - 1);
            double bGrowth = (double) Math.max(1, measured.get(large)[1]) / Math.max(1, measured.get(small)[1]);
            double aGrowth = (double) Math.max(1, measured.get(large)[0]) / Math.max(1, measured.get(small)[0]);
            Map<String, Object> growthRatios = new LinkedHashMap<>();
            growthRatios.put("from_events", small);
            growthRatios.put("to_events", large);
            growthRatios.put("takeover_growth", bGrowth);
            growthRatios.put("full_replay_growth", aGrowth);
            growthRatios.put("events_growth", (double) large / small);
            result.put("growth", growthRatios);
            say("takeover growth %s -> %s events: takeover (B) x%.2f, full replay (A) x%.2f", shortCount(small),
                    shortCount(large), bGrowth, aGrowth);
            row(String.format(Locale.ROOT, "takeover growth %s->%s events (B/B)", shortCount(small), shortCount(large)),
                    String.format(Locale.ROOT, "x%.2f", bGrowth), "full replay growth (A/A)",
                    String.format(Locale.ROOT, "x%.2f", aGrowth), bGrowth, "<= 1.25 (flat)", bGrowth <= 1.25, "takeover", null);
        }
        json.put("takeover", result);
    }

    /**
     * Starts a processor on the takeover topics and waits (polling, with a deadline) until it is ready, then, when
     * {@code awaitSnapshot}, until its first snapshot is committed; closes it.
     */
    private Opened open(ProcessorConfig config, CapturedLog log, boolean awaitSnapshot) throws InterruptedException {
        SimpleMeterRegistry registry = processorRegistry();
        CommandProcessor processor = new CommandProcessor(config,
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), registry);
        log.clear();
        try {
            long starting = System.nanoTime();
            processor.start();
            long deadline = starting + TimeUnit.MINUTES.toNanos(10);
            ProcessorStatus status = processor.status();
            while (!(status.ready() && !status.partitions().isEmpty())) {
                if (System.nanoTime() > deadline || !status.alive() && System.nanoTime() - starting > TimeUnit.SECONDS.toNanos(5)) {
                    throw new IllegalStateException("processor " + config.instanceId() + " not ready: " + status.problem());
                }
                Thread.sleep(1);
                status = processor.status();
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting);
            long readyAt = System.nanoTime();
            ProcessorStatus.PartitionStatus partition = status.partitions().get(0);
            double restored = registry.find("abacus.processor.snapshot.restored").counters().stream()
                    .mapToDouble(Counter::count).sum();
            long written = 0;
            double writeMillis = Double.NaN;
            if (awaitSnapshot) {
                long snapshotDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while ((written = snapshotWrites(registry)) < 1) {
                    if (System.nanoTime() > snapshotDeadline) {
                        throw new IllegalStateException("processor " + config.instanceId()
                                + " committed no snapshot within 5 minutes of being ready");
                    }
                    Thread.sleep(1);
                }
                writeMillis = (System.nanoTime() - readyAt) / 1e6;
            }
            long entries = 0;
            long offset = -1;
            Matcher matcher = OPENED.matcher(log.text());
            long logDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (restored >= 1 && !matcher.find() && System.nanoTime() < logDeadline) {
                Thread.sleep(1); // the opener logs its line after the partition's status is ready
                matcher = OPENED.matcher(log.text());
            }
            if (matcher.find(0)) {
                entries = Long.parseLong(matcher.group(1));
                offset = Long.parseLong(matcher.group(2));
            }
            return new Opened(readyMillis, partition.rebuildMillis(), partition.eventsReplayed(), restored >= 1, entries,
                    offset, written, writeMillis);
        } finally {
            processor.close();
        }
    }

    /** The sum over the JMX beans of Kafka clients whose id starts with {@code clientIdPrefix}, of one attribute. */
    private static double clientMetric(String type, String clientIdPrefix, String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            double sum = 0;
            for (ObjectName name : server.queryNames(new ObjectName("kafka.*:type=" + type + ",client-id=*"), null)) {
                if (name.getKeyProperty("client-id").startsWith(clientIdPrefix)) {
                    Object value = server.getAttribute(name, attribute);
                    if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                        sum += number.doubleValue();
                    }
                }
            }
            return sum;
        } catch (JMException e) {
            return Double.NaN;
        }
    }

    private static double committedTransactions(MeterRegistry registry) {
        return registry.find("abacus.processor.transactions").tag("result", "committed").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static long snapshotWrites(SimpleMeterRegistry registry) {
        return registry.find("abacus.processor.snapshot.writes").timers().stream().mapToLong(Timer::count).sum();
    }

    /**
     * {@code values} values with {@code versions} events each, as the processor would have written them: value
     * {@code v}'s created event (version 1) then updates 2..k in order, interleaved across values, keyed by the value
     * id on its {@link HomePartition}, event ids derived from fresh command ids like {@link ValueDecider}'s.
     */
    private void writeVersionedEvents(String topic, int values, long versions) {
        int partitions = 1;
        SplittableRandom random = new SplittableRandom(values * 31L + versions);
        UUID[] ids = new UUID[values];
        String[] keys = new String[values];
        for (int v = 0; v < values; v++) {
            ids[v] = uuid(random);
            keys[v] = ids[v].toString();
        }
        KafkaCeilings.load(kafka.bootstrapServers(), topic, values * versions, i -> {
            int v = (int) (i % values);
            long version = i / values + 1;
            UUID commandId = uuid(random);
            UUID eventId = ValueDecider.eventIdFor(commandId);
            Instant now = Instant.now();
            byte[] bytes = version == 1
                    ? WireCodec.encode(new ValueCreated(eventId, commandId, ids[v], 0, 1, now))
                    : WireCodec.encode(new ValueUpdated(eventId, commandId, ids[v], Operation.ADD, 1, version - 1,
                            version, now));
            return new ProducerRecord<>(topic, HomePartition.of(ids[v], partitions), keys[v], bytes);
        });
    }

    /** The INFO lines of one logger, kept in memory (the bench's logs are quiet otherwise). */
    private static final class CapturedLog {
        private final ch.qos.logback.classic.Logger logger;
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender;
        private final ch.qos.logback.classic.Level level;

        private CapturedLog(ch.qos.logback.classic.Logger logger) {
            this.logger = logger;
            this.level = logger == null ? null : logger.getLevel();
            this.appender = new ch.qos.logback.core.read.ListAppender<>();
            if (logger != null) {
                appender.setContext(logger.getLoggerContext());
                appender.start();
                logger.addAppender(appender);
                logger.setLevel(ch.qos.logback.classic.Level.INFO);
                logger.setAdditive(false);
            }
        }

        static CapturedLog attach(String name) {
            return new CapturedLog(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback
                    ? logback.getLogger(name) : null);
        }

        void clear() {
            synchronized (appender) { // AppenderBase appends under its own lock
                appender.list.clear();
            }
        }

        String text() {
            StringBuilder text = new StringBuilder();
            synchronized (appender) {
                for (ch.qos.logback.classic.spi.ILoggingEvent event : List.copyOf(appender.list)) {
                    text.append(event.getFormattedMessage()).append('\n');
                }
            }
            return text.toString();
        }

        void detach() {
            if (logger != null) {
                logger.detachAppender(appender);
                logger.setLevel(level);
                logger.setAdditive(true);
                appender.stop();
            }
        }
    }

    /** Notes and says that a size needing more heap than the JVM has is skipped. */
    private boolean skippedForHeap(String phase, long events, long needHeap, long maxHeap) {
        if (needHeap <= maxHeap) {
            return false;
        }
        notes.add(String.format(Locale.ROOT, "%s of %,d events skipped: needs ~%d MB heap, max is %d MB",
                phase, events, needHeap >> 20, maxHeap >> 20));
        say(notes.get(notes.size() - 1));
        return true;
    }

    // ---------------------------------------------------------------- write-to-read latency

    private void writeToRead() throws Exception {
        String prefix = "w2r";
        createTopics(prefix);
        settledForTiming(); // the phases before leave a large heap behind; do not bill its collection to this phase
        long warm = quick ? 3_000 : 10_000;
        long window = quick ? 15_000 : 60_000;
        try (ApplicationContext context = stack(prefix, true, Map.of());
                HttpLoad load = new HttpLoad("127.0.0.1", context.getBean(EmbeddedServer.class).getPort())) {
            ViewProbe probe = new ViewProbe(context);
            CommandProcessor processor = context.getBean(ProcessorRunner.class).processor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(probe.ready() && processor.status().ready())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stack not ready: " + processor.status().problem());
                }
                Thread.sleep(50);
            }
            say("write-to-read: %d commands/s offered for %d s (after %d s warm-up slices), accepted (202) -> visible in"
                    + " the view", rate, window / 1000, warm / 1000);
            warmUpUntilCompiled(load, probe, warm);
            Visibility visibility = new Visibility(probe, (int) Math.min(20_000_000L, (long) rate * window / 1000 * 2));
            long[] gcBefore = gcTotals();
            HttpLoad.Result offered;
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            double transactionsBefore = committedTransactions(meters);
            CpuShare cpu = CpuShare.begin();
            try (RunHygiene.Window timed = timed("latency")) {
                offered = load.offer("/values", CREATE_BODY, rate, window, 256, visibility::accepted);
            }
            Map<String, Double> used = cpu.end();
            long[] gcAfter = gcTotals();
            long invisible = visibility.finish(30_000);
            double[] accepted = visibility.fromAccepted.percentilesMillis(50, 99, 99.9);
            double[] sent = visibility.fromIntended.percentilesMillis(50, 99, 99.9);
            double[] http = offered.latencies().percentilesMillis(50, 99, 99.9);
            say("  accepted->visible p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d samples, %d failed or unanswered, %d never"
                    + " visible)%s", accepted[0], accepted[1], accepted[2], visibility.fromAccepted.count(), offered.failed(),
                    invisible, offered.failures().isEmpty() ? "" : " " + offered.failures());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("offered_per_second", rate);
            result.put("window_seconds", window / 1000.0);
            result.put("answered_2xx", offered.ok());
            result.put("failed_or_unanswered", offered.failed());
            result.put("failures", offered.failures());
            result.put("accepted_to_visible_ms", percentiles(accepted, visibility.fromAccepted));
            result.put("sent_to_visible_ms", percentiles(sent, visibility.fromIntended));
            result.put("http_202_latency_ms", percentiles(http, offered.latencies()));
            double[] toDecided = visibility.acceptedToDecided.percentilesMillis(50, 99, 99.9);
            double[] toVisible = visibility.decidedToVisible.percentilesMillis(50, 99, 99.9);
            say("  of which accepted->decided p50 %.0f, p99 %.0f, p99.9 %.0f ms; decided->visible (commit, view) p50 %.0f,"
                    + " p99 %.0f, p99.9 %.0f ms (wall-clock milliseconds)", toDecided[0], toDecided[1], toDecided[2],
                    toVisible[0], toVisible[1], toVisible[2]);
            result.put("accepted_to_decided_ms", percentiles(toDecided, visibility.acceptedToDecided));
            result.put("decided_to_visible_ms", percentiles(toVisible, visibility.decidedToVisible));
            result.put("never_visible", invisible);
            result.put("gc_collections_in_window", gcAfter[0] - gcBefore[0]);
            result.put("gc_millis_in_window", gcAfter[1] - gcBefore[1]);
            say("  GC during the window: %d collections, %d ms", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
            // a latency is a queue: at a rate far below every throughput figure, a busy machine says the stack's cost
            // per command is not what saturation measured (a cold JIT, per-wake-up costs)
            say("  CPU during the window %s; %.0f µs of the process's CPU per command offered", CpuShare.describe(used),
                    used.get("process") * 1e6 / Math.max(1, offered.ok() + offered.failed()));
            result.put("cpu_seconds", used);
            double transactions = committedTransactions(meters) - transactionsBefore;
            say("  the processor committed %.0f transactions a second, %.1f commands each", transactions * 1000 / window,
                    offered.ok() / Math.max(1, transactions));
            result.put("transactions_per_second", transactions * 1000 / window);
            LatencyTarget target = LatencyTarget.forRate(rate);
            result.put("target", target.text());
            json.put("write_to_read", result);
            row(String.format(Locale.ROOT, "write->read @ %d/s p50/p99/p99.9", rate),
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", accepted[0], accepted[1], accepted[2])
                            + (offered.failed() > 0 ? ", " + offered.failed() + " failed" : "")
                            + (invisible > 0 ? ", " + invisible + " never visible" : ""),
                    "-", "-", Double.NaN, target.text(), target.met(accepted[0], accepted[1], offered.failed(), invisible),
                    "latency", null);
        }
    }

    /**
     * Untimed rounds, each the commander saturated for a slice then the offered rate for a slice, until a round's JIT
     * compilation took less than {@link #WARM_JIT_SHARE} of it. The whole stack in one JVM keeps a compiler thread busy
     * for about 3.5 minutes at 1,000/s on 2 cores (after a 10 s warm-up it compiled for 89-99% of the timed window), and
     * a latency is a queue behind whatever takes the CPU: without this the figure was the JIT's, not the stack's.
     */
    private void warmUpUntilCompiled(HttpLoad load, ViewProbe probe, long slice) throws Exception {
        for (int round = 1; ; round++) {
            Visibility warmUp = new Visibility(probe, (int) Math.min(1 << 22, (long) rate * slice / 1000 + 1));
            CpuShare cpu = CpuShare.begin();
            load.saturate("/values", CREATE_BODY, 64, 0, slice);
            load.offer("/values", CREATE_BODY, rate, slice, 256, warmUp::accepted);
            double jit = CpuShare.jitShare(cpu.end());
            warmUp.finish(5_000);
            say("warm-up %d, untimed: saturated for %d s, then %d commands/s for %d s; JIT compiled %.0f%% of the time",
                    round, slice / 1000, rate, slice / 1000, 100 * jit);
            if (jit < WARM_JIT_SHARE || round == (quick ? MAX_WARM_UPS : MAX_LATENCY_WARM_UPS)) {
                return;
            }
        }
    }

    /** Watches accepted commands' value ids until the view holds them. */
    private static final class Visibility {
        final Latencies fromAccepted;
        final Latencies fromIntended;
        /** Where accepted-to-visible goes: waiting to be decided, then the commit and the view's read. */
        final Latencies acceptedToDecided;
        final Latencies decidedToVisible;
        private final ConcurrentHashMap<UUID, long[]> pending = new ConcurrentHashMap<>();
        private final ViewProbe probe;
        private final Thread watcher;
        private volatile boolean watching = true;

        Visibility(ViewProbe probe, int capacity) {
            this.probe = probe;
            this.fromAccepted = new Latencies(capacity);
            this.fromIntended = new Latencies(capacity);
            this.acceptedToDecided = new Latencies(capacity);
            this.decidedToVisible = new Latencies(capacity);
            this.watcher = new Thread(this::watch, "bench-visibility");
            this.watcher.setDaemon(true);
            this.watcher.start();
        }

        void accepted(long intendedAt, io.netty.handler.codec.http.FullHttpResponse response) {
            long now = System.nanoTime();
            long wall = System.currentTimeMillis();
            String body = HttpLoad.text(response);
            int at = body.indexOf("\"value_id\":\"");
            if (at >= 0) {
                pending.put(UUID.fromString(body.substring(at + 12, at + 48)), new long[] {intendedAt, now, wall});
            }
        }

        private void watch() {
            while (watching) {
                for (Map.Entry<UUID, long[]> entry : pending.entrySet()) {
                    long decidedAt = probe.decidedAtEpochMilli(entry.getKey());
                    if (decidedAt >= 0) {
                        long now = System.nanoTime();
                        long wall = System.currentTimeMillis();
                        fromIntended.add(now - entry.getValue()[0]);
                        fromAccepted.add(now - entry.getValue()[1]);
                        // wall-clock milliseconds: the event's timestamp is the processor's clock.instant() when it
                        // decided; a decision may come before the 202 (the processor reads the record once it is
                        // written, the 202 waits for the ack), so the first part can be negative
                        acceptedToDecided.add(TimeUnit.MILLISECONDS.toNanos(decidedAt - entry.getValue()[2]));
                        decidedToVisible.add(TimeUnit.MILLISECONDS.toNanos(wall - decidedAt));
                        pending.remove(entry.getKey());
                    }
                }
                LockSupport.parkNanos(100_000);
            }
        }

        /** Waits up to {@code millis} for the rest to appear; returns how many never did. */
        long finish(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            watching = false;
            watcher.join(1_000);
            return pending.size();
        }
    }

    // ---------------------------------------------------------------- stack, topics, machine

    private ApplicationContext stack(String prefix, boolean processor, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.putAll(PipelineTopics.properties(prefix + "-commands", prefix + "-events", prefix + "-outcomes"));
        ApplicationContext context = context(processor, props);
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private ApplicationContext context(boolean processor, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("abacus.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("abacus.processor.enabled", processor);
        props.put("abacus.processor.instance-id", "bench");
        props.put("abacus.view.generation", "bench");
        return ApplicationContext.builder().mainClass(Bench.class).environments(ENVIRONMENTS).properties(props).start();
    }

    /** The broker's topics, internal ones left out. */
    private Set<String> topics() throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listTopics().names().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Deletes {@code topics} and waits until their partitions' directories are gone from the broker's disk, so the
     * pages a phase wrote are dropped rather than written back while the next phase is timed.
     */
    private void deleteTopics(Collection<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = kafka.admin()) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        List<Pattern> dirs = topics.stream().map(t -> Pattern.compile(Pattern.quote(t) + "-\\d+(\\..+-delete)?")).toList();
        Path logs = kafka.dataDir().resolve("logs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long left;
            try (Stream<Path> listed = Files.list(logs)) {
                left = listed.map(p -> p.getFileName().toString())
                        .filter(name -> dirs.stream().anyMatch(d -> d.matcher(name).matches())).count();
            }
            if (left == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                say("  %d partition directories of deleted topics still on disk after 60 s", left);
                return;
            }
            Thread.sleep(20);
        }
    }

    private void createTopics(String prefix) {
        kafka.createTopics(List.of(prefix + "-events"), PARTITIONS, PipelineTopics.EVENTS_FIXED_CONFIG);
        kafka.createTopics(List.of(prefix + "-commands", prefix + "-outcomes"), PARTITIONS, Map.of());
    }

    private long endOffsetSum(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * Writes the page cache's dirty pages back before a timed window: a phase that just wrote hundreds of megabytes
     * otherwise has the kernel write them back during the next window, and the broker's fsyncs wait behind it (a
     * takeover right after writing 5·10^6 events took 2.2 s against 1.3 s after 10^6, from a snapshot of the same size).
     */
    private static void settledDisk() throws InterruptedException {
        long started = System.nanoTime();
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!sync.waitFor(120, TimeUnit.SECONDS)) {
                sync.destroy();
                say("  sync did not finish in 120 s; timing anyway");
            }
        } catch (IOException e) {
            return; // no sync(1) here: nothing to wait for
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (millis >= 1_000) {
            say("  (waited %,d ms for the page cache's write-back before timing)", millis);
        }
    }

    /**
     * The settling {@code System.gc()} before each window would otherwise give back what G1 had grown (it shrinks
     * to 70% free after a full collection): a processor round then built its state in a 344 MB heap, with G1's
     * concurrent marking and young collections on 0.6 of the 2 cores, where a service runs in a heap sized for it.
     */
    private static void heapThatNeverShrinks() {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption(MAX_HEAP_FREE_RATIO, "100");
    }

    /**
     * Grows the heap to nearly its limit and writes every page of it once, then lets it go (kept by
     * {@link #heapThatNeverShrinks}), as {@code -XX:+AlwaysPreTouch} with {@code -Xms} at the limit would. On this
     * VM the first write to a page costs more than a page fault (its host backs it then), and G1 grew the heap
     * into new pages round after round: processor rounds fell 106.5, 70.2, 47.3 k decisions/s over the same
     * commands, with allocation sites taking 2-10 times the samples; with the heap touched at start they held at
     * 110.9, 117.3, 109.5 k (docs/benchmarks.md). Returns the bytes touched.
     */
    private static long heapTouchedOnce() {
        Runtime runtime = Runtime.getRuntime();
        long target = (long) (runtime.maxMemory() * 0.85);
        int chunkLongs = 4 << 20; // 32 MB: G1 takes each as humongous regions, which eden reuses once freed
        List<long[]> held = new ArrayList<>();
        long touched = 0;
        try {
            while (touched < target) {
                held.add(new long[chunkLongs]); // the JVM zeroes it: every page written once
                touched += (long) chunkLongs * Long.BYTES;
            }
        } catch (OutOfMemoryError e) {
            // a fragmented heap ends the fill early; no other thread runs yet
        }
        held.clear();
        System.gc();
        return touched;
    }

    /** Before a timed window: the page cache written back and the heap collected. */
    private static void settledForTiming() throws InterruptedException {
        settledDisk();
        settledHeap();
    }

    private static long settledHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Map<String, Object> machine(long touchedHeap, long touchMillis) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        machine.put("memory_mb", memory >> 20);
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("max_heap_free_ratio", ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption(MAX_HEAP_FREE_RATIO).getValue());
        machine.put("heap_touched_at_start_mb", touchedHeap >> 20);
        machine.put("heap_touch_ms", touchMillis);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("load_average_before", loadAverage());
        return machine;
    }

    private static Map<String, Object> versions() {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("abacus", Bench.class.getPackage().getImplementationVersion() == null
                ? "0.1.0-SNAPSHOT" : Bench.class.getPackage().getImplementationVersion());
        versions.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        versions.put("kafka", AppInfoParser.getVersion());
        String micronaut = io.micronaut.core.version.VersionUtils.getMicronautVersion();
        versions.put("micronaut", micronaut == null ? "unknown" : micronaut);
        versions.put("netty", io.netty.util.Version.identify().values().stream().findFirst().map(v -> v.artifactVersion()).orElse("unknown"));
        return versions;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Path defaultOut() {
        return jarDir().resolve("abacus-bench-results.json");
    }

    /** The directory holding the jar (bench/target), or the working directory. */
    private static Path jarDir() {
        try {
            Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent();
        } catch (Exception e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger("ROOT").setLevel(ch.qos.logback.classic.Level.WARN);
            logback.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
            logback.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    // ---------------------------------------------------------------- output

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, Object> throughput(double perSecond, double[] p, long ok, long failed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("per_second", perSecond);
        map.put("p50_ms", p[0]);
        map.put("p99_ms", p[1]);
        map.put("ok", ok);
        map.put("errors", failed);
        return map;
    }

    private static Map<String, Object> percentiles(double[] p, Latencies latencies) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("p50", p[0]);
        map.put("p99", p[1]);
        map.put("p99_9", p[2]);
        map.put("max", latencies.maxMillis());
        map.put("samples", latencies.count());
        return map;
    }

    /**
     * One figure of the table. {@code window} names the {@link RunHygiene} windows it was timed in (null: not a
     * timing, as the memory figure); {@code ceilingRounds} its ceiling in each round.
     */
    private record Row(String figure, String value, String ceiling, String ceilingValue, double ratio, String target,
            Boolean met, String window, List<Double> ceilingRounds) {
        String key() {
            return figure + " | " + ceiling;
        }
    }

    private void row(String figure, String value, String ceiling, String ceilingValue, double ratio, String target,
            Boolean met, String window, List<Double> ceilingRounds) {
        rows.add(new Row(figure, value, ceiling, ceilingValue, ratio, target, met, window, ceilingRounds));
    }

    private RunHygiene.Window timed(String window) {
        return hygiene.measure(window);
    }

    /** A verdict per row: met or missed, or disturbed with the reason, never met on a disturbed run. */
    private void judge() {
        List<Map<String, Object>> judged = new ArrayList<>();
        for (Row row : rows) {
            String disturbed = row.window() == null ? null : hygiene.disturbed(row.window(), row.ceilingRounds());
            String verdict = row.met() == null ? null : disturbed != null ? "disturbed: " + disturbed : row.met() ? "met" : "missed";
            table.add(new String[] {row.figure(), row.value(), row.ceiling(), row.ceilingValue(),
                    Double.isNaN(row.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()), row.target(),
                    verdict == null ? "" : verdict.equals("missed") ? "MISSED" : verdict});
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("figure", row.figure());
            r.put("value", row.value());
            r.put("ceiling", row.ceiling());
            r.put("ceiling_value", row.ceilingValue());
            r.put("ratio", Double.isNaN(row.ratio()) ? null : row.ratio());
            r.put("target", row.target());
            r.put("met", row.met());
            r.put("verdict", verdict);
            r.put("others_cpu_share", row.window() == null ? null : hygiene.foreignShare(row.window()));
            r.put("ceiling_rounds", row.ceilingRounds());
            r.put("ceiling_spread", RunHygiene.spread(row.ceilingRounds()));
            judged.add(r);
        }
        json.put("table", judged);
    }

    private void print() {
        System.out.println();
        System.out.printf("Abacus benchmark (%s) - %s cores, %s MB RAM, load average before %s / after %s%n",
                json.get("mode"), ((Map<?, ?>) json.get("machine")).get("cores"), ((Map<?, ?>) json.get("machine")).get("memory_mb"),
                ((Map<?, ?>) json.get("machine")).get("load_average_before"), json.get("load_average_after"));
        System.out.println("versions: " + json.get("versions") + ", commit " + json.get("commit")
                + (Boolean.TRUE.equals(json.get("dirty")) ? " (with uncommitted changes)" : ""));
        Map<?, ?> hygieneJson = (Map<?, ?>) json.get("hygiene");
        System.out.println("run hygiene: " + hygieneJson.get("rule") + "; others' CPU share per figure "
                + hygieneJson.get("others_cpu_share_by_figure").toString().replaceAll("(\\d\\.\\d{2})\\d+", "$1")
                + (hygieneJson.containsKey("others_tasks_at_start") ? String.format(Locale.ROOT,
                        "; others' runnable tasks %.2f at start, %.2f at end, peak %s", hygieneJson.get("others_tasks_at_start"),
                        hygieneJson.get("others_tasks_at_end"), hygieneJson.get("others_tasks_peak")) : ""));
        String[] header = {"figure", "value", "ceiling", "ceiling value", "ratio", "target", ""};
        printTable(header, table);
        json.put("growth", growth.stream().map(g -> Map.of("events", g[0], "raw", g[1], "view", g[2], "ratio", g[3])).toList());
        if (!growth.isEmpty()) {
            System.out.println();
            System.out.println("replay time as the log grows");
            printTable(new String[] {"events", "raw consumer", "view replay", "ratio"}, growth);
        }
        if (!takeovers.isEmpty()) {
            System.out.println();
            System.out.printf("processor takeover as the log grows (%,d values, one partition): full replay (A) against a"
                    + " new owner from A's snapshot (B), each partition's rebuild time%n", TAKEOVER_VALUES);
            printTable(new String[] {"events", "full replay A", "takeover B", "B/A", "B tail events", "snapshot entries",
                    "A start->ready", "B start->ready"}, takeovers);
        }
        notes.forEach(note -> System.out.println("note: " + note));
        json.put("notes", notes);
    }

    private static void printTable(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < header.length; i++) {
            line.append(i == 0 ? "| " : " | ").append(pad(header[i], widths[i]));
        }
        System.out.println(line.append(" |"));
        line.setLength(0);
        for (int i = 0; i < header.length; i++) {
            line.append(i == 0 ? "|-" : "-|-").append("-".repeat(widths[i]));
        }
        System.out.println(line.append("-|"));
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "| " : " | ").append(pad(row[i], widths[i]));
            }
            System.out.println(line.append(" |"));
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    private static String lat(double[] p) {
        return String.format(Locale.ROOT, " (p50 %.1f, p99 %.1f ms)", p[0], p[1]);
    }

    private static String shortCount(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return (n / 1_000_000) + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return (n / 1_000) + "k";
        }
        return String.valueOf(n);
    }

    private static void say(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
