package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code kubectl abacus}: a kubectl plugin for CalculatorPipelines. {@link #run} is the whole program with its
 * streams and clock given, so it runs in-process in tests as it runs from the executable.
 */
public final class KubectlAbacus {

    /** Set by the executable's stub: whether stdout is a terminal. */
    static final String TERMINAL_PROPERTY = "abacus.tty";
    private static final Duration TERMINAL_REFRESH = Duration.ofSeconds(1);
    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Clock clock;

    KubectlAbacus(PrintStream out, PrintStream err, boolean terminal, Clock clock) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    public static void main(String[] args) {
        String tty = System.getProperty(TERMINAL_PROPERTY);
        boolean terminal = tty == null ? System.console() != null : Boolean.parseBoolean(tty);
        System.exit(new KubectlAbacus(System.out, System.err, terminal, Clock.systemUTC()).run(args));
    }

    /** Runs one command line; the exit code is one of {@link ExitCode}'s. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return new KubectlAbacus(out, err, terminal, Clock.systemUTC()).run(args);
    }

    int run(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'kubectl abacus --help' for usage.");
            return ExitCode.ERROR;
        }
        if (arguments.command() == Arguments.Command.HELP) {
            out.print(Arguments.USAGE);
            return ExitCode.OK;
        }
        Cluster cluster;
        try {
            cluster = Cluster.connect(arguments);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ERROR;
        } catch (KubernetesClientException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ERROR;
        }
        try (cluster) {
            return switch (arguments.command()) {
                case STATUS -> status(cluster, arguments);
                case REBUILD -> rebuild(cluster, arguments);
                case ABORT -> abort(cluster, arguments);
                case HISTORY -> history(cluster, arguments);
                case HELP -> throw new IllegalStateException();
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.ERROR;
        } catch (KubernetesClientException e) {
            err.println("error: " + cluster.describe(e));
            return ExitCode.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR;
        } catch (RuntimeException e) {
            err.println("error: " + e);
            return ExitCode.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int status(Cluster cluster, Arguments arguments) throws UsageException, InterruptedException {
        CalculatorPipeline pipeline = cluster.require(arguments.name());
        if (!arguments.watch()) {
            StatusText.render(pipeline, clock.instant(), OptionalDouble.empty()).forEach(out::println);
            return ExitCode.OK;
        }
        try {
            return follow(cluster, arguments.name(), Optional.empty());
        } catch (InterruptedException e) {
            return ExitCode.OK;
        }
    }

    private int rebuild(Cluster cluster, Arguments arguments) throws UsageException, InterruptedException {
        CalculatorPipeline pipeline = cluster.require(arguments.name());
        String token = arguments.token().orElseGet(() -> "kubectl-abacus-" + TOKEN_TIME.format(clock.instant()));
        String current = pipeline.getSpec() == null || pipeline.getSpec().getView() == null ? null
                : pipeline.getSpec().getView().getRebuild();
        if (token.equals(current)) {
            throw new UsageException("spec.view.rebuild is already \"" + token + "\": a rebuild needs a new token");
        }
        Integer latestBefore = view(pipeline).map(ViewStatus::getLatestGeneration).orElse(null);
        CalculatorPipeline patched = cluster.mergePatch(arguments.name(),
                Map.of("spec", Map.of("view", Map.of("rebuild", token))));
        long generation = patched.getMetadata().getGeneration();
        out.println("calculatorpipeline/" + arguments.name() + ": spec.view.rebuild set to \"" + token
                + "\" (generation " + generation + ")");
        if (!arguments.await()) {
            return ExitCode.OK;
        }
        return follow(cluster, arguments.name(), Optional.of(new RebuildTracker(generation, latestBefore)));
    }

    /**
     * Renders every change of the pipeline (on a terminal also every second, for the clocks) until the rebuild that
     * {@code tracker} follows ends, with that ending's exit code; without a tracker, until interrupted.
     * {@link ExitCode#ERROR} when the pipeline is deleted.
     */
    private int follow(Cluster cluster, String name, Optional<RebuildTracker> tracker) throws InterruptedException {
        Screen screen = new Screen(out, terminal);
        ReplayRate rate = new ReplayRate();
        CalculatorPipeline current = null;
        RebuildTracker.State state = null;
        try (PipelineWatch watch = new PipelineWatch(cluster.pipeline(name))) {
            while (true) {
                Optional<PipelineWatch.Change> change = watch.next(terminal ? TERMINAL_REFRESH : null);
                if (change.isPresent()) {
                    if (change.get().deleted()) {
                        out.println("calculatorpipeline/" + name + " was deleted");
                        return ExitCode.ERROR;
                    }
                    CalculatorPipeline pipeline = change.get().pipeline();
                    view(pipeline).ifPresent(view -> rate.observe(view.getTargetProgress()));
                    state = tracker.map(t -> t.observe(pipeline)).orElse(null);
                    current = pipeline;
                }
                if (current != null) {
                    Integer target = view(current).map(ViewStatus::getTargetGeneration).orElse(null);
                    List<String> lines = new ArrayList<>(StatusText.render(current, clock.instant(),
                            rate.perSecond(target)));
                    if (state != null) {
                        lines.add(state.describe());
                    }
                    screen.show(lines);
                }
                if (state instanceof RebuildTracker.Ended ended) {
                    return ended.exitCode();
                }
            }
        }
    }

    private int abort(Cluster cluster, Arguments arguments) throws UsageException {
        CalculatorPipeline pipeline = cluster.require(arguments.name());
        ViewStatus view = view(pipeline).orElse(new ViewStatus());
        ViewPhase phase = view.getPhase();
        String what = "calculatorpipeline/" + arguments.name();
        if (phase == ViewPhase.SWITCHING || phase == ViewPhase.DRAINING) {
            throw new UsageException(what + ": the rebuild of generation " + view.getTargetGeneration()
                    + " is past catching up (phase " + JsonNames.of(phase) + "): it can no longer be aborted");
        }
        if (phase != ViewPhase.PROVISIONING && phase != ViewPhase.CATCHING_UP || view.getTargetGeneration() == null) {
            throw new UsageException(what + ": no rebuild in progress (view phase "
                    + (phase == null ? "not reported" : JsonNames.of(phase)) + ", generation "
                    + Objects.toString(view.getActiveGeneration(), "?") + " serving)");
        }
        String target = view.getTargetGeneration().toString();
        String requested = pipeline.getMetadata().getAnnotations() == null ? null
                : pipeline.getMetadata().getAnnotations().get(CalculatorPipeline.ABORT_REBUILD_ANNOTATION);
        if (!target.equals(requested)) {
            cluster.mergePatch(arguments.name(), Map.of("metadata", Map.of("annotations",
                    Map.of(CalculatorPipeline.ABORT_REBUILD_ANNOTATION, target))));
        }
        out.println(what + ": abort of the rebuild of generation " + target + " requested ("
                + CalculatorPipeline.ABORT_REBUILD_ANNOTATION + "=" + target + "); generation "
                + Objects.toString(view.getActiveGeneration(), "?") + " keeps serving");
        return ExitCode.OK;
    }

    private int history(Cluster cluster, Arguments arguments) throws UsageException {
        CalculatorPipeline pipeline = cluster.require(arguments.name());
        List<RebuildRecord> history = view(pipeline).map(ViewStatus::getHistory).orElse(List.of());
        if (history.isEmpty()) {
            out.println("No rebuilds recorded for calculatorpipeline/" + arguments.name() + ".");
            return ExitCode.OK;
        }
        HistoryText.render(history).forEach(out::println);
        return ExitCode.OK;
    }

    private static Optional<ViewStatus> view(CalculatorPipeline pipeline) {
        return Optional.ofNullable(pipeline.getStatus()).map(s -> s.getView());
    }
}
