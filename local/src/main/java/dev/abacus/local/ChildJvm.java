package dev.abacus.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the runner again in a child JVM started with {@code -XX:+ExitOnOutOfMemoryError}. Kafka's and Netty's
 * threads catch and log an OutOfMemoryError, which left a JVM that answered nothing and ignored SIGTERM. The
 * flag is not a manageable VM option, so it cannot be switched on once the JVM runs, and the README's command
 * passes no JVM flags. The parent only waits, passes a stop on to the child and explains an out-of-memory exit.
 */
final class ChildJvm {

    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";
    /** HotSpot's exit status when {@code ExitOnOutOfMemoryError} ends it. */
    static final int OUT_OF_MEMORY_STATUS = 3;
    static final int DEFAULT_MAX_HEAP_MB = 512;
    /**
     * What the child gets unless the user's JVM arguments choose it already: a heap limit instead of a quarter of
     * the machine's RAM, and a bound on metaspace. docs/local.md has the measurements behind them.
     */
    static final List<DefaultFlag> DEFAULTS = List.of(
            new DefaultFlag("-Xmx" + DEFAULT_MAX_HEAP_MB + "m", argument -> argument.startsWith("-Xmx")
                    || argument.startsWith("-XX:MaxHeapSize=") || argument.startsWith("-XX:MaxRAM")),
            new DefaultFlag("-XX:MaxMetaspaceSize=256m", argument -> argument.startsWith("-XX:MaxMetaspaceSize=")));
    private static final String PARENT_PID = "abacus.local.parent-pid";
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Class<?> mainClass;

    ChildJvm(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    /**
     * Whether a JVM with these arguments needs the child: not when it already ends on OutOfMemoryError, nor
     * when a debugger is attached, since the child could not listen on the debugger's port too.
     */
    static boolean needed(List<String> jvmArguments) {
        return jvmArguments.stream().noneMatch(argument -> argument.equals(EXIT_ON_OUT_OF_MEMORY)
                || argument.equals("-XX:+CrashOnOutOfMemoryError")
                || argument.startsWith("-agentlib:jdwp")
                || argument.startsWith("-Xrunjdwp"));
    }

    static boolean needed() {
        return needed(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** A JVM flag the child gets unless one of the user's arguments {@code decidedBy} it. */
    record DefaultFlag(String flag, Predicate<String> decidedBy) {}

    /** The defaults none of {@code jvmArguments} decides. */
    static List<String> defaults(List<String> jvmArguments) {
        return DEFAULTS.stream()
                .filter(flag -> jvmArguments.stream().noneMatch(flag.decidedBy()))
                .map(DefaultFlag::flag)
                .toList();
    }

    /** The same java, JVM arguments and class path as this JVM's, the defaults it does not override, plus the flag. */
    List<String> command(List<String> jvmArguments, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(defaults(jvmArguments));
        command.addAll(jvmArguments);
        command.add(EXIT_ON_OUT_OF_MEMORY);
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the child with this JVM's console and returns its exit status once it ends. */
    int run(String[] args) throws IOException, InterruptedException {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        ProcessBuilder builder = new ProcessBuilder(command(jvmArguments, args)).inheritIO();
        // their options are among the JVM arguments passed on already; read twice, an agent would load twice
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "abacus-local-stop-child"));
        int status = child.waitFor();
        if (status == OUT_OF_MEMORY_STATUS) {
            System.err.println(outOfMemoryMessage(childMaxHeap(jvmArguments)));
        }
        return status;
    }

    /** In the child: ends this JVM when its parent is gone (killed with SIGKILL, say), so no orphan holds the ports. */
    static void stopWithParent() {
        Long parent = Long.getLong(PARENT_PID);
        if (parent == null) {
            return;
        }
        ProcessHandle.of(parent).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> System.exit(1)),
                () -> System.exit(1));
    }

    /** The child's heap limit: the default's, or this JVM's when the user's arguments set one for both. */
    static long childMaxHeap(List<String> jvmArguments) {
        return defaults(jvmArguments).contains(DEFAULTS.get(0).flag())
                ? (long) DEFAULT_MAX_HEAP_MB << 20
                : Runtime.getRuntime().maxMemory();
    }

    static String outOfMemoryMessage(long maxHeapBytes) {
        return String.format(Locale.ROOT, """

                Abacus ran out of memory (heap limit %d MB) and stopped. Nothing it accepted is lost: the log is on disk.
                The runner keeps every value in memory and replays the whole log at start; give it a larger heap, e.g.
                  java -Xmx2g -jar local/target/abacus-local.jar
                docs/local.md says how much heap a log of a given size needs.""", maxHeapBytes >> 20);
    }

    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
