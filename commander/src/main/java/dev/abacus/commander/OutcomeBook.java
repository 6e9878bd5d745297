package dev.abacus.commander;

import dev.abacus.domain.Outcome;
import io.micrometer.core.instrument.Gauge;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What this instance knows about commands: outcomes read from the outcomes topic, commands it
 * wrote that have none yet, and clients waiting for one. Bounded: the oldest entries are evicted.
 */
@Singleton
final class OutcomeBook {

    /** A command's known state: an outcome, or pending with the value it targets. */
    record Entry(UUID commandId, UUID valueId, Outcome outcome) {}

    private final Map<UUID, Outcome> outcomes;
    private final Map<UUID, UUID> pending;
    private final Map<UUID, List<CompletableFuture<Outcome>>> waiters = new HashMap<>();

    OutcomeBook(CommanderConfig config, CommanderMetrics metrics) {
        int cap = config.outcomeCacheSize();
        this.outcomes = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Outcome> eldest) {
                return size() > cap;
            }
        };
        this.pending = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, UUID> eldest) {
                return size() > cap;
            }
        };
        Gauge.builder("abacus.commander.outcomes.cached", this, OutcomeBook::outcomeCount)
                .description("outcomes held in memory").register(metrics.registry());
        Gauge.builder("abacus.commander.commands.pending", this, OutcomeBook::pendingCount)
                .description("commands written by this instance with no outcome yet").register(metrics.registry());
        Gauge.builder("abacus.commander.waiters", this, OutcomeBook::waiterCount)
                .description("requests waiting for an outcome").register(metrics.registry());
    }

    void record(Outcome outcome) {
        List<CompletableFuture<Outcome>> waiting;
        synchronized (this) {
            outcomes.remove(outcome.commandId());
            outcomes.put(outcome.commandId(), outcome);
            pending.remove(outcome.commandId());
            waiting = waiters.remove(outcome.commandId());
        }
        if (waiting != null) {
            waiting.forEach(waiter -> waiter.complete(outcome));
        }
    }

    /** Marks a command this instance wrote; a no-op if its outcome already arrived. */
    synchronized void markPending(UUID commandId, UUID valueId) {
        if (!outcomes.containsKey(commandId)) {
            pending.put(commandId, valueId);
        }
    }

    synchronized Optional<Entry> find(UUID commandId) {
        Outcome outcome = outcomes.get(commandId);
        if (outcome != null) {
            return Optional.of(new Entry(commandId, outcome.valueId(), outcome));
        }
        UUID valueId = pending.get(commandId);
        return valueId == null ? Optional.empty() : Optional.of(new Entry(commandId, valueId, null));
    }

    /** Completes with the outcome when it arrives, or with null after {@code timeout}. */
    CompletableFuture<Outcome> await(UUID commandId, Duration timeout) {
        CompletableFuture<Outcome> waiter = new CompletableFuture<>();
        synchronized (this) {
            Outcome known = outcomes.get(commandId);
            if (known != null) {
                return CompletableFuture.completedFuture(known);
            }
            waiters.computeIfAbsent(commandId, id -> new ArrayList<>(1)).add(waiter);
        }
        waiter.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiter.whenComplete((outcome, failure) -> forget(commandId, waiter));
        return waiter;
    }

    synchronized int outcomeCount() {
        return outcomes.size();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized int waiterCount() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private synchronized void forget(UUID commandId, CompletableFuture<Outcome> waiter) {
        List<CompletableFuture<Outcome>> list = waiters.get(commandId);
        if (list != null) {
            list.remove(waiter);
            if (list.isEmpty()) {
                waiters.remove(commandId);
            }
        }
    }
}
