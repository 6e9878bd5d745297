package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.ComponentStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.TopicStatus;
import dev.abacus.operator.api.ViewCopyProgress;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The pipeline at a glance, as lines of text: a pure function of the resource, the time and the observed rate. */
final class StatusText {

    private static final String INDENT = " ".repeat(13);

    private StatusText() {
    }

    /**
     * @param observedRate events per second of the target copy from successive observations, when watching; without
     *                     it the rate is the average since {@code status.view.rebuildStartedAt}
     */
    static List<String> render(CalculatorPipeline pipeline, Instant now, OptionalDouble observedRate) {
        List<String> lines = new ArrayList<>();
        field(lines, "Name", pipeline.getMetadata().getName());
        field(lines, "Namespace", pipeline.getMetadata().getNamespace());
        CalculatorPipelineStatus status = pipeline.getStatus();
        if (status == null || status.getObservedGeneration() == null) {
            field(lines, "Status", "not reported yet: is the operator running?");
            return lines;
        }
        Long generation = pipeline.getMetadata().getGeneration();
        if (generation != null && status.getObservedGeneration() < generation) {
            field(lines, "Observed", "generation " + status.getObservedGeneration() + " of " + generation
                    + ": the operator has not reconciled the latest spec yet");
        }
        field(lines, "Ready", ready(status));
        topics(lines, status.getTopics());
        field(lines, "Commander", replicas(status.getCommander()));
        field(lines, "Processor", replicas(status.getProcessor()));
        view(lines, status.getView(), now, observedRate);
        return lines;
    }

    private static String ready(CalculatorPipelineStatus status) {
        Optional<Condition> ready = status.condition(ConditionType.READY);
        if (ready.isEmpty()) {
            return "Unknown (no Ready condition)";
        }
        Condition condition = ready.get();
        String text = JsonNames.of(condition.getStatus()) + " (" + condition.getReason() + ")";
        return condition.getMessage() == null || condition.getMessage().isBlank() ? text
                : text + ": " + condition.getMessage();
    }

    private static void topics(List<String> lines, List<TopicStatus> topics) {
        if (topics == null || topics.isEmpty()) {
            field(lines, "Topics", "none observed yet");
            return;
        }
        Table table = new Table("ROLE", "NAME", "PARTITIONS", "REPLICATION");
        for (TopicStatus topic : topics) {
            table.row(topic.getRole(), topic.getName(), number(topic.getPartitions()),
                    number(topic.getReplicationFactor()));
        }
        List<String> rows = table.lines();
        field(lines, "Topics", rows.get(0));
        rows.subList(1, rows.size()).forEach(row -> lines.add(INDENT + row));
    }

    private static String replicas(ComponentStatus component) {
        if (component == null || component.getReplicas() == null) {
            return "not reported yet";
        }
        String text = orZero(component.getAvailableReplicas()) + "/" + component.getReplicas() + " available";
        return component.getRequestedReplicas() == null ? text
                : text + " (spec asks for " + component.getRequestedReplicas() + ")";
    }

    private static void view(List<String> lines, ViewStatus view, Instant now, OptionalDouble observedRate) {
        if (view == null) {
            field(lines, "View", "not reported yet");
            return;
        }
        String serving = view.getActiveGeneration() == null ? "no generation serving yet"
                : "generation " + view.getActiveGeneration() + " serving";
        field(lines, "View", view.getReplicas() == null ? serving : replicas(view) + ", " + serving);
        ViewPhase phase = view.getPhase();
        String since = Durations.since(view.getPhaseSince(), now).map(d -> " for " + d).orElse("");
        if (phase == null) {
            field(lines, "Rebuild", "phase not reported yet");
        } else if (phase == ViewPhase.STABLE) {
            field(lines, "Rebuild", "none in progress (Stable" + since + ")");
        } else {
            Integer from = phase == ViewPhase.DRAINING ? view.getPreviousGeneration() : view.getActiveGeneration();
            String started = Durations.since(view.getRebuildStartedAt(), now).map(d -> ", started " + d + " ago")
                    .orElse("");
            String trigger = view.getRebuildTrigger() == null ? "" : " (rebuild \"" + view.getRebuildTrigger() + "\")";
            field(lines, "Rebuild", "generation " + generation(from) + " -> " + generation(view.getTargetGeneration())
                    + trigger + ", " + JsonNames.of(phase) + since + started);
            if (phase.rebuilding()) {
                progress(lines, view, phase, now, observedRate);
            }
        }
        if (view.getMessage() != null && !view.getMessage().isBlank()) {
            field(lines, "Message", view.getMessage());
        }
    }

    private static void progress(List<String> lines, ViewStatus view, ViewPhase phase, Instant now,
                                 OptionalDouble observedRate) {
        ViewCopyProgress target = view.getTargetProgress();
        if (target == null) {
            field(lines, "Progress", phase == ViewPhase.SWITCHING || phase == ViewPhase.DRAINING
                    ? "caught up: generation " + generation(view.getTargetGeneration()) + " is available"
                    : "not reported yet");
            return;
        }
        if (target.getState() == ProgressState.UNKNOWN || target.getEventsApplied() == null
                || target.getLag() == null) {
            field(lines, "Progress", "unknown" + (target.getMessage() == null ? "" : ": " + target.getMessage()));
            return;
        }
        long applied = target.getEventsApplied();
        long lag = Math.max(0, target.getLag());
        long end = applied + lag;
        field(lines, "Progress", ProgressBar.of(applied, end, ProgressBar.WIDTH) + " "
                + String.format(Locale.ROOT, "%3d%%  %,d/%,d events", ProgressBar.percent(applied, end), applied, end)
                + (Boolean.TRUE.equals(target.getCaughtUp()) ? ", caught up" : ""));
        OptionalDouble rate = observedRate;
        String basis = "";
        if (rate.isEmpty()) {
            rate = averageSinceStart(view, target, now);
            basis = " (average since the rebuild started)";
        }
        if (rate.isEmpty()) {
            field(lines, "Rate", "not known yet");
            return;
        }
        field(lines, "Rate", String.format(Locale.ROOT, "%,.0f events/s%s, %s", rate.getAsDouble(), basis,
                timeLeft(lag, rate.getAsDouble())));
    }

    private static OptionalDouble averageSinceStart(ViewStatus view, ViewCopyProgress target, Instant now) {
        Optional<Instant> started = Durations.parse(view.getRebuildStartedAt());
        if (started.isEmpty()) {
            return OptionalDouble.empty();
        }
        Instant at = Durations.parse(target.getObservedAt()).orElse(now);
        double seconds = Duration.between(started.get(), at).toMillis() / 1000.0;
        return seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of(target.getEventsApplied() / seconds);
    }

    /** The estimated time left at {@code perSecond}, as text. */
    static String timeLeft(long lag, double perSecond) {
        if (lag <= 0) {
            return "no events left";
        }
        if (perSecond <= 0) {
            return "time left unknown (no progress)";
        }
        return "about " + Durations.format(Duration.ofSeconds((long) Math.ceil(lag / perSecond))) + " left";
    }

    private static String generation(Integer generation) {
        return generation == null ? "?" : generation.toString();
    }

    private static String number(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static void field(List<String> lines, String label, String value) {
        lines.add(String.format(Locale.ROOT, "%-" + INDENT.length() + "s%s", label + ":", value));
    }
}
