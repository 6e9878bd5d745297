package dev.abacus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where the CPU of a window went, by thread group: the broker, the HTTP server, Kafka clients, the load generator. */
final class CpuShare {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> GROUPS = List.of("broker", "http server", "kafka clients", "load generator", "other");

    private final Map<Long, Long> start = new HashMap<>();
    private final long startedAt = System.nanoTime();
    private final long processCpuAtStart = processCpuNanos();
    private final long gcMillisAtStart = gcMillis();
    private final long jitMillisAtStart = jitMillis();

    private CpuShare() {}

    static CpuShare begin() {
        CpuShare share = new CpuShare();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                share.start.put(info.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())));
            }
        }
        return share;
    }

    /**
     * CPU seconds per group of the JVM's threads since {@link #begin()}, plus their "total"; the whole process's CPU
     * ("process": GC and JIT threads too), the wall-clock "seconds", and the "gc_pause_ms" and "jit_ms" spent in them.
     */
    Map<String, Double> end() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : GROUPS) {
            seconds.put(group, 0.0);
        }
        double total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            double used = (now - start.getOrDefault(info.getThreadId(), 0L)) / 1e9;
            seconds.merge(group(info.getThreadName()), used, Double::sum);
            total += used;
        }
        seconds.put("total", total);
        seconds.put("process", (processCpuNanos() - processCpuAtStart) / 1e9);
        seconds.put("seconds", (System.nanoTime() - startedAt) / 1e9);
        seconds.put("gc_pause_ms", (double) (gcMillis() - gcMillisAtStart));
        seconds.put("jit_ms", (double) (jitMillis() - jitMillisAtStart));
        return seconds;
    }

    /** CPU seconds used since {@link #begin()} by the threads whose names start with {@code prefix}. */
    double seconds(String prefix) {
        double used = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long now = THREADS.getThreadCpuTime(info.getThreadId());
                if (now >= 0) {
                    used += (now - start.getOrDefault(info.getThreadId(), 0L)) / 1e9;
                }
            }
        }
        return used;
    }

    /**
     * Whether the window was CPU-bound and what else ran in it: "1.92 of 2 cores (GC pauses 8%, JIT 31% of the
     * window): broker 40%, kafka clients 55%" (the shares are of the JVM's threads' CPU).
     */
    static String describe(Map<String, Double> seconds) {
        double total = seconds.get("total");
        double wall = seconds.get("seconds");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.2f of %d cores (GC pauses %.0f%%, JIT %.0f%% of"
                        + " the window): ", seconds.get("process") / wall, Runtime.getRuntime().availableProcessors(),
                seconds.get("gc_pause_ms") / 10 / wall, seconds.get("jit_ms") / 10 / wall));
        int prefix = text.length();
        GROUPS.forEach(group -> {
            double used = seconds.get(group);
            if (used / total >= 0.01) {
                text.append(text.length() == prefix ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.0f%%", group, 100 * used / total));
            }
        });
        return text.toString();
    }

    /** The share of a window's wall-clock time the JIT compilers spent compiling (more than 1 when both did). */
    static double jitShare(Map<String, Double> seconds) {
        return seconds.get("jit_ms") / 1000 / seconds.get("seconds");
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long gcMillis() {
        long millis = 0;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, bean.getCollectionTime());
        }
        return millis;
    }

    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static String group(String name) {
        if (name.startsWith("nioEventLoopGroup")) {
            return "load generator";
        }
        if (name.startsWith("default-eventLoopGroup") || name.startsWith("io-executor")) {
            return "http server";
        }
        if (name.startsWith("kafka-producer-network-thread") || name.startsWith("abacus-")
                || name.startsWith("kafka-coordinator-heartbeat")) {
            return "kafka clients";
        }
        if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-") || name.startsWith("quorum-controller")
                || name.startsWith("group-coordinator") || name.startsWith("ExpirationReaper")
                || name.startsWith("TxnMarker") || name.startsWith("AddPartitionsToTxn") || name.startsWith("broker-")
                || name.startsWith("executor-") || name.startsWith("transaction-") || name.startsWith("LogDirFailure")
                || name.startsWith("raft-") || name.startsWith("controller-")) {
            return "broker";
        }
        return "other";
    }
}
