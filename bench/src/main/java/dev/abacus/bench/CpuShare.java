package dev.abacus.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Where the CPU of a window went, by thread group: the broker, the HTTP server, Kafka clients, the load generator. */
final class CpuShare {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

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

    /** CPU seconds per group since {@link #begin()}, plus "total". */
    Map<String, Double> end() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : new String[] {"broker", "http server", "kafka clients", "load generator", "other"}) {
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

    static String describe(Map<String, Double> seconds) {
        double total = seconds.get("total");
        StringBuilder text = new StringBuilder();
        seconds.forEach((group, used) -> {
            if (!"total".equals(group) && used / total >= 0.01) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.0f%%", group, 100 * used / total));
            }
        });
        return text.toString();
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
