package dev.abacus.operator.view;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The blue-green view rebuild as a state machine over {@link ViewStatus}: each call advances at most one step
 * and never waits; time-based transitions are re-checked on the next reconcile.
 */
public final class ViewRebuild {

    private ViewRebuild() {
    }

    /** The next view state; {@code previous} is not modified. */
    public static ViewStatus step(ViewStatus previous, ViewObservation seen, RebuildTiming timing, Instant now) {
        if (previous == null || previous.getActiveGeneration() == null || previous.getPhase() == null) {
            return initial(seen, now);
        }
        ViewStatus next = copy(previous);
        return switch (previous.getPhase()) {
            case STABLE -> stable(next, seen, now);
            case PROVISIONING -> provisioning(next, seen, timing, now);
            case CATCHING_UP -> catchingUp(next, seen, timing, now);
            case SWITCHING -> switching(next, seen, now);
            case DRAINING -> draining(next, timing, now);
            case ABORTED -> aborted(next, seen, now);
        };
    }

    /** Generations that must have a Deployment in this state: the active one plus the one being built or drained. */
    public static Set<Integer> liveGenerations(ViewStatus view) {
        Set<Integer> live = new LinkedHashSet<>();
        live.add(view.getActiveGeneration());
        ViewPhase phase = view.getPhase();
        if ((phase == ViewPhase.PROVISIONING || phase == ViewPhase.CATCHING_UP) && view.getTargetGeneration() != null) {
            live.add(view.getTargetGeneration());
        }
        if ((phase == ViewPhase.SWITCHING || phase == ViewPhase.DRAINING) && view.getPreviousGeneration() != null) {
            live.add(view.getPreviousGeneration());
        }
        return live;
    }

    /** When the next time-based transition is due, if the state is waiting for one. */
    public static Optional<Duration> nextDeadline(ViewStatus view, RebuildTiming timing, Instant now) {
        if (view == null || view.getPhase() == null) {
            return Optional.empty();
        }
        return switch (view.getPhase()) {
            case PROVISIONING, CATCHING_UP -> {
                Instant due = parse(view.getRebuildStartedAt()).plus(timing.deadline());
                Instant stable = view.getTargetAvailableSince() == null ? due
                        : parse(view.getTargetAvailableSince()).plus(timing.stabilisation());
                yield Optional.of(untilEarliest(now, due, stable));
            }
            case DRAINING -> {
                Instant drained = parse(view.getPhaseSince()).plus(timing.drain());
                yield Optional.of(untilEarliest(now, drained, drained));
            }
            case SWITCHING -> Optional.of(Duration.ZERO);
            case STABLE, ABORTED -> Optional.empty();
        };
    }

    private static ViewStatus initial(ViewObservation seen, Instant now) {
        int active = seen.serviceGeneration() > 0 ? seen.serviceGeneration()
                : seen.generations().keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
        int latest = Math.max(active, seen.generations().keySet().stream().mapToInt(Integer::intValue).max().orElse(1));
        ViewStatus status = new ViewStatus();
        status.setActiveGeneration(active);
        status.setActiveTemplateHash(seen.desiredHash());
        status.setLatestGeneration(latest);
        enter(status, ViewPhase.STABLE, now, "generation " + active + " serving");
        return status;
    }

    private static ViewStatus stable(ViewStatus s, ViewObservation seen, Instant now) {
        if (seen.desiredHash().equals(s.getActiveTemplateHash())) {
            s.setMessage("generation " + s.getActiveGeneration() + " serving");
            return s;
        }
        return startRebuild(s, seen, now);
    }

    private static ViewStatus provisioning(ViewStatus s, ViewObservation seen, RebuildTiming timing, Instant now) {
        Optional<ViewStatus> redirected = redirect(s, seen, now);
        if (redirected.isPresent()) {
            return redirected.get();
        }
        if (seen.abortRequested(s.getTargetGeneration())) {
            return abortRequested(s, now);
        }
        if (pastDeadline(s, timing, now)) {
            return abort(s, timing, now);
        }
        if (seen.exists(s.getTargetGeneration())) {
            return enter(s, ViewPhase.CATCHING_UP, now,
                    "generation " + s.getTargetGeneration() + " replaying the event log");
        }
        return s;
    }

    private static ViewStatus catchingUp(ViewStatus s, ViewObservation seen, RebuildTiming timing, Instant now) {
        Optional<ViewStatus> redirected = redirect(s, seen, now);
        if (redirected.isPresent()) {
            return redirected.get();
        }
        if (seen.abortRequested(s.getTargetGeneration())) {
            return abortRequested(s, now);
        }
        if (!seen.available(s.getTargetGeneration())) {
            s.setTargetAvailableSince(null);
            if (pastDeadline(s, timing, now)) {
                return abort(s, timing, now);
            }
            s.setMessage("generation " + s.getTargetGeneration() + " replaying the event log");
            return s;
        }
        if (s.getTargetAvailableSince() == null) {
            s.setTargetAvailableSince(format(now));
        }
        Duration stableFor = Duration.between(parse(s.getTargetAvailableSince()), now);
        if (stableFor.compareTo(timing.stabilisation()) < 0) {
            if (pastDeadline(s, timing, now)) {
                return abort(s, timing, now);
            }
            s.setMessage("generation " + s.getTargetGeneration() + " available for " + stableFor.toSeconds()
                    + "s of the " + timing.stabilisation().toSeconds() + "s stabilisation window");
            return s;
        }
        s.setPreviousGeneration(s.getActiveGeneration());
        s.setActiveGeneration(s.getTargetGeneration());
        s.setActiveTemplateHash(s.getTargetTemplateHash());
        s.setTargetAvailableSince(null);
        return enter(s, ViewPhase.SWITCHING, now, "view Service moving to generation " + s.getActiveGeneration());
    }

    private static ViewStatus switching(ViewStatus s, ViewObservation seen, Instant now) {
        if (seen.serviceGeneration() == s.getActiveGeneration()) {
            return enter(s, ViewPhase.DRAINING, now, "generation " + s.getActiveGeneration() + " serving; generation "
                    + s.getPreviousGeneration() + " draining");
        }
        return s;
    }

    private static ViewStatus draining(ViewStatus s, RebuildTiming timing, Instant now) {
        if (Duration.between(parse(s.getPhaseSince()), now).compareTo(timing.drain()) < 0) {
            return s;
        }
        record(s, RebuildOutcome.COMPLETED, "Switched", "generation " + s.getActiveGeneration()
                + " took over from generation " + s.getPreviousGeneration(), now);
        s.setPreviousGeneration(null);
        s.setTargetGeneration(null);
        s.setTargetTemplateHash(null);
        s.setRebuildStartedAt(null);
        s.setRebuildTrigger(null);
        return enter(s, ViewPhase.STABLE, now, "generation " + s.getActiveGeneration() + " serving");
    }

    private static ViewStatus aborted(ViewStatus s, ViewObservation seen, Instant now) {
        if (seen.desiredHash().equals(s.getActiveTemplateHash())) {
            s.setTargetGeneration(null);
            s.setTargetTemplateHash(null);
            s.setRebuildStartedAt(null);
            s.setRebuildTrigger(null);
            return enter(s, ViewPhase.STABLE, now, "generation " + s.getActiveGeneration() + " serving");
        }
        if (!seen.desiredHash().equals(s.getTargetTemplateHash())) {
            return startRebuild(s, seen, now);
        }
        return s;
    }

    /** A spec change during a rebuild: back to the active template cancels, a new template restarts. */
    private static Optional<ViewStatus> redirect(ViewStatus s, ViewObservation seen, Instant now) {
        if (seen.desiredHash().equals(s.getTargetTemplateHash())) {
            return Optional.empty();
        }
        if (seen.desiredHash().equals(s.getActiveTemplateHash())) {
            String message = "rebuild cancelled: spec is back to generation " + s.getActiveGeneration() + "'s template";
            record(s, RebuildOutcome.CANCELLED, "SpecReverted", message, now);
            s.setTargetGeneration(null);
            s.setTargetTemplateHash(null);
            s.setTargetAvailableSince(null);
            s.setRebuildStartedAt(null);
            s.setRebuildTrigger(null);
            return Optional.of(enter(s, ViewPhase.STABLE, now, message));
        }
        record(s, RebuildOutcome.SUPERSEDED, "SpecChanged", "the spec changed again before generation "
                + s.getTargetGeneration() + " took over; a new rebuild replaces it", now);
        return Optional.of(startRebuild(s, seen, now));
    }

    private static ViewStatus startRebuild(ViewStatus s, ViewObservation seen, Instant now) {
        int target = Math.max(s.getLatestGeneration() == null ? 0 : s.getLatestGeneration(), s.getActiveGeneration()) + 1;
        s.setLatestGeneration(target);
        s.setTargetGeneration(target);
        s.setTargetTemplateHash(seen.desiredHash());
        s.setTargetAvailableSince(null);
        s.setRebuildStartedAt(format(now));
        s.setRebuildTrigger(seen.rebuildToken());
        return enter(s, ViewPhase.PROVISIONING, now, "creating generation " + target);
    }

    private static ViewStatus abort(ViewStatus s, RebuildTiming timing, Instant now) {
        s.setTargetAvailableSince(null);
        String message = "generation " + s.getTargetGeneration() + " did not become available within "
                + timing.deadline().toSeconds() + "s; generation " + s.getActiveGeneration()
                + " keeps serving. Change spec.view.rebuild to try again.";
        record(s, RebuildOutcome.ABORTED, "DeadlineExceeded", message, now);
        return enter(s, ViewPhase.ABORTED, now, message);
    }

    private static ViewStatus abortRequested(ViewStatus s, Instant now) {
        s.setTargetAvailableSince(null);
        String message = "generation " + s.getTargetGeneration() + " aborted on request (annotation "
                + CalculatorPipeline.ABORT_REBUILD_ANNOTATION + "); generation " + s.getActiveGeneration()
                + " keeps serving. Change spec.view.rebuild to try again.";
        record(s, RebuildOutcome.ABORTED, "AbortRequested", message, now);
        return enter(s, ViewPhase.ABORTED, now, message);
    }

    /** Prepends the ending of the current rebuild to the history, keeping the newest {@link ViewStatus#HISTORY_LIMIT}. */
    private static void record(ViewStatus s, RebuildOutcome outcome, String reason, String message, Instant now) {
        List<RebuildRecord> history = new ArrayList<>();
        history.add(new RebuildRecord(s.getTargetGeneration(), s.getRebuildTrigger(), s.getRebuildStartedAt(),
                format(now), outcome, reason, message));
        Optional.ofNullable(s.getHistory()).ifPresent(history::addAll);
        s.setHistory(List.copyOf(history.subList(0, Math.min(history.size(), ViewStatus.HISTORY_LIMIT))));
    }

    private static boolean pastDeadline(ViewStatus s, RebuildTiming timing, Instant now) {
        return !now.isBefore(parse(s.getRebuildStartedAt()).plus(timing.deadline()));
    }

    private static ViewStatus enter(ViewStatus s, ViewPhase phase, Instant now, String message) {
        s.setPhase(phase);
        s.setPhaseSince(format(now));
        s.setMessage(message);
        return s;
    }

    private static Duration untilEarliest(Instant now, Instant a, Instant b) {
        Instant earliest = a.isBefore(b) ? a : b;
        Duration wait = Duration.between(now, earliest);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Instant parse(String timestamp) {
        return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    }

    static ViewStatus copy(ViewStatus source) {
        ViewStatus copy = new ViewStatus();
        copy.setReplicas(source.getReplicas());
        copy.setAvailableReplicas(source.getAvailableReplicas());
        copy.setRequestedReplicas(source.getRequestedReplicas());
        copy.setImage(source.getImage());
        copy.setActiveGeneration(source.getActiveGeneration());
        copy.setActiveTemplateHash(source.getActiveTemplateHash());
        copy.setTargetGeneration(source.getTargetGeneration());
        copy.setTargetTemplateHash(source.getTargetTemplateHash());
        copy.setPreviousGeneration(source.getPreviousGeneration());
        copy.setLatestGeneration(source.getLatestGeneration());
        copy.setPhase(source.getPhase());
        copy.setPhaseSince(source.getPhaseSince());
        copy.setRebuildStartedAt(source.getRebuildStartedAt());
        copy.setTargetAvailableSince(source.getTargetAvailableSince());
        copy.setMessage(source.getMessage());
        copy.setRebuildTrigger(source.getRebuildTrigger());
        copy.setHistory(source.getHistory());
        return copy;
    }
}
