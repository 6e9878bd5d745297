package dev.abacus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Samples how many tasks of other processes (kernel threads included) are runnable or blocked on I/O, from /proc. */
final class OthersLoad {

    static final long START_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long START_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PERIOD_MILLIS = 1_000;
    private static final Path PROC = Path.of("/proc");

    private final long self = ProcessHandle.current().pid();
    private final List<Sample> samples = new ArrayList<>();
    private final long startedAt;
    private final Thread sampler;
    private volatile boolean sampling = true;

    /** Others' runnable or I/O-blocked tasks counted at {@code at} ({@link System#nanoTime()}). */
    record Sample(long at, int tasks) {}

    /** Whether this machine has the /proc this reads (Linux). */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("task"));
    }

    /**
     * Samples at 10 Hz for {@link #START_NANOS} before returning, so the start figure is taken before any phase runs,
     * then once a second in a daemon thread until {@link #stop()}.
     */
    OthersLoad() throws InterruptedException {
        this.startedAt = System.nanoTime();
        for (long next = startedAt; next < startedAt + START_NANOS; next += START_PERIOD_NANOS) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            add(sample());
        }
        this.sampler = new Thread(this::run, "bench-others-load");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    private void run() {
        while (sampling) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            add(sample());
        }
    }

    /** Stops the sampler and takes a last sample, so the end of the run always has one. */
    void stop() throws InterruptedException {
        sampling = false;
        sampler.interrupt();
        sampler.join(5_000);
        add(sample());
    }

    /** The mean over the first {@link #START_NANOS}. */
    double atStart() {
        return mean(samples(), startedAt, startedAt + START_NANOS);
    }

    /** The mean over the last {@code nanos} up to now, after the start window. */
    double atEnd(long nanos) {
        long now = System.nanoTime();
        return mean(samples(), Math.max(startedAt + START_NANOS, now - nanos), now + 1);
    }

    int peak() {
        return samples().stream().mapToInt(Sample::tasks).max().orElse(0);
    }

    int count() {
        return samples().size();
    }

    private synchronized void add(Sample sample) {
        samples.add(sample);
    }

    private synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The mean of the samples taken in [{@code from}, {@code to}), NaN when none was. */
    static double mean(List<Sample> samples, long from, long to) {
        return samples.stream().filter(s -> s.at() - from >= 0 && s.at() - to < 0).mapToInt(Sample::tasks).average()
                .orElse(Double.NaN);
    }

    /** Counts the tasks in state R or D of every process but this one. */
    private Sample sample() {
        int tasks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, OthersLoad::isPid)) {
            for (Path process : processes) {
                if (Long.parseLong(process.getFileName().toString()) != self) {
                    tasks += busyTasks(process);
                }
            }
        } catch (IOException e) {
            // /proc vanished mid-run: count what was seen
        }
        return new Sample(System.nanoTime(), tasks);
    }

    private static int busyTasks(Path process) {
        int tasks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    if (busy(state(new String(Files.readAllBytes(thread.resolve("stat")), StandardCharsets.ISO_8859_1)))) {
                        tasks++;
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // the process ended, or is not ours to read
        }
        return tasks;
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The state field (the third) of a {@code /proc/[pid]/task/[tid]/stat} line: the first character after the
     * comm's closing parenthesis, found from the end because the comm may hold spaces and parentheses itself; '?'
     * when the line has none.
     */
    static char state(String stat) {
        int i = stat.lastIndexOf(')') + 1;
        if (i == 0) {
            return '?';
        }
        while (i < stat.length() && stat.charAt(i) == ' ') {
            i++;
        }
        return i < stat.length() ? stat.charAt(i) : '?';
    }

    /** Running or runnable (R), or in uninterruptible sleep, mostly waiting for I/O (D). */
    static boolean busy(char state) {
        return state == 'R' || state == 'D';
    }
}
