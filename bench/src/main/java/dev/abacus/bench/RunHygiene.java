package dev.abacus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a timed figure was disturbed by other work on the machine, so that the bench
 * never calls a target met on a figure it could not measure cleanly. A figure is disturbed when
 * <ul>
 *   <li>other processes used more than {@link #MAX_FOREIGN_SHARE} of the machine's CPU during its
 *       timed windows (figure and ceiling): the machine's busy time from {@code /proc/stat}, hypervisor
 *       steal included, minus this process's CPU;</li>
 *   <li>its ceiling, measured in several rounds, spread by more than {@link #MAX_CEILING_SPREAD}
 *       ((max − min) / max);</li>
 *   <li>other processes' tasks (kernel threads included) that are runnable or blocked on I/O, which /proc/stat's
 *       CPU time does not show, were more than {@link #MAX_OTHERS_LOAD_PER_CORE} × cores on average over the first
 *       5 s of the run (sampled before any phase) or over its last 60 s ({@link OthersLoad}). Off Linux, where there
 *       is no /proc to count them in, the 1-minute load average at the start, or at the end minus the bench's own
 *       CPU of its last minute, stands in for them.</li>
 * </ul>
 */
final class RunHygiene {

    static final double MAX_FOREIGN_SHARE = 0.20;
    static final double MAX_CEILING_SPREAD = 0.15;
    static final double MAX_OTHERS_LOAD_PER_CORE = 0.5;
    private static final long END_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Map<String, Usage> usage = new LinkedHashMap<>();
    private final List<long[]> ownCpu = new ArrayList<>();
    private final double loadBefore;
    private final OthersLoad others;
    private double othersAtStart = Double.NaN;
    private double othersAtEnd = Double.NaN;
    private double othersLoadAfter = Double.NaN;
    private double loadAfter = Double.NaN;
    private boolean unknownMachineCpu;

    /** CPU seconds over the timed windows of one figure. */
    static final class Usage {
        double wallCoreSeconds;
        double machineBusySeconds;
        double ownSeconds;

        double foreignShare() {
            return wallCoreSeconds <= 0 ? 0 : Math.max(0, machineBusySeconds - ownSeconds) / wallCoreSeconds;
        }
    }

    /** One timed window; closing it adds its CPU to its figure. */
    final class Window implements AutoCloseable {
        private final String figure;
        private final long wallStart = System.nanoTime();
        private final long ownStart = ownCpuNanos();
        private final long[] machineStart = machineJiffies();

        private Window(String figure) {
            this.figure = figure;
        }

        @Override
        public void close() {
            long[] machineEnd = machineJiffies();
            double wall = (System.nanoTime() - wallStart) / 1e9 * cores;
            Usage total = usage.computeIfAbsent(figure, k -> new Usage());
            total.wallCoreSeconds += wall;
            total.ownSeconds += (ownCpuNanos() - ownStart) / 1e9;
            if (machineStart == null || machineEnd == null || machineEnd[1] == machineStart[1]) {
                unknownMachineCpu = true;
                return;
            }
            double busyFraction = (double) (machineEnd[0] - machineStart[0]) / (machineEnd[1] - machineStart[1]);
            total.machineBusySeconds += busyFraction * wall;
        }
    }

    /** Takes 5 s on Linux: others' tasks are counted before the run starts. */
    RunHygiene() throws InterruptedException {
        this.loadBefore = loadAverage1();
        sampleOwnCpu();
        this.others = OthersLoad.available() ? new OthersLoad() : null;
        if (others != null) {
            othersAtStart = others.atStart();
        }
    }

    Window measure(String figure) {
        sampleOwnCpu();
        return new Window(figure);
    }

    /** Remembers this process's CPU so the load at the end can be told apart from the bench's own. */
    void sampleOwnCpu() {
        ownCpu.add(new long[] {System.nanoTime(), ownCpuNanos()});
    }

    /** Stops counting others' tasks; reads the load average at the end of the run and the bench's own share of it. */
    void finish() throws InterruptedException {
        if (others != null) {
            others.stop();
            othersAtEnd = others.atEnd(END_NANOS);
        }
        long now = System.nanoTime();
        long cpuNow = ownCpuNanos();
        loadAfter = loadAverage1();
        long[] minuteAgo = ownCpu.get(0);
        for (long[] sample : ownCpu) {
            if (now - sample[0] >= 60_000_000_000L) {
                minuteAgo = sample;
            }
        }
        double seconds = Math.max(1e-3, (now - minuteAgo[0]) / 1e9);
        double ownCores = (cpuNow - minuteAgo[1]) / 1e9 / seconds;
        othersLoadAfter = Double.isNaN(loadAfter) ? Double.NaN : Math.max(0, loadAfter - ownCores);
    }

    /** Null when {@code figure} was measured cleanly; otherwise why it was not. */
    String disturbed(String figure, List<Double> ceilingRounds) {
        List<String> reasons = new ArrayList<>();
        double bound = MAX_OTHERS_LOAD_PER_CORE * cores;
        if (others != null) {
            if (othersAtStart > bound) {
                reasons.add(String.format(Locale.ROOT, "others' runnable tasks %.1f at start > %.1f", othersAtStart, bound));
            }
            if (othersAtEnd > bound) {
                reasons.add(String.format(Locale.ROOT, "others' runnable tasks %.1f at end > %.1f", othersAtEnd, bound));
            }
        } else {
            if (loadBefore > bound) {
                reasons.add(String.format(Locale.ROOT, "load average %.2f at start > %.1f", loadBefore, bound));
            }
            if (othersLoadAfter > bound) {
                reasons.add(String.format(Locale.ROOT, "others' load %.2f at end > %.1f", othersLoadAfter, bound));
            }
        }
        Usage used = usage.get(figure);
        if (used != null && used.foreignShare() > MAX_FOREIGN_SHARE) {
            reasons.add(String.format(Locale.ROOT, "others used %.0f%% of the CPU", 100 * used.foreignShare()));
        }
        double spread = spread(ceilingRounds);
        if (spread > MAX_CEILING_SPREAD) {
            reasons.add(String.format(Locale.ROOT, "ceiling spread %.0f%% between rounds", 100 * spread));
        }
        return reasons.isEmpty() ? null : String.join(", ", reasons);
    }

    static double spread(List<Double> rounds) {
        if (rounds == null || rounds.size() < 2) {
            return 0;
        }
        double max = rounds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = rounds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return max <= 0 ? 0 : (max - min) / max;
    }

    double foreignShare(String figure) {
        Usage used = usage.get(figure);
        return used == null ? Double.NaN : used.foreignShare();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", String.format(Locale.ROOT, "disturbed when others use > %.0f%% of the CPU during a figure's timed"
                + " windows, its ceiling spreads > %.0f%% between rounds, or %s is > %.2f x cores", 100 * MAX_FOREIGN_SHARE,
                100 * MAX_CEILING_SPREAD, others != null
                        ? "the mean of others' runnable or I/O-blocked tasks (/proc, kernel threads included) over the"
                                + " first 5 s or the last 60 s"
                        : "others' 1-minute load average at start or end", MAX_OTHERS_LOAD_PER_CORE));
        json.put("load_average_1m_before", loadBefore);
        json.put("load_average_1m_after", loadAfter);
        if (others != null) {
            json.put("others_tasks_at_start", othersAtStart);
            json.put("others_tasks_at_end", othersAtEnd);
            json.put("others_tasks_peak", others.peak());
            json.put("others_tasks_samples", others.count());
        } else {
            json.put("others_load_after", othersLoadAfter);
        }
        json.put("machine_cpu_known", !unknownMachineCpu);
        Map<String, Object> shares = new LinkedHashMap<>();
        usage.forEach((figure, used) -> shares.put(figure, used.foreignShare()));
        json.put("others_cpu_share_by_figure", shares);
        return json;
    }

    private static long ownCpuNanos() {
        return OS == null ? 0 : Math.max(0, OS.getProcessCpuTime());
    }

    /** {busy, total} jiffies of the whole machine, or null off Linux. */
    private static long[] machineJiffies() {
        try {
            String line = Files.readAllLines(PROC_STAT).get(0);
            String[] fields = line.trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i != 4 && i != 5) {
                    busy += value;
                }
            }
            return new long[] {busy, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static double loadAverage1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
