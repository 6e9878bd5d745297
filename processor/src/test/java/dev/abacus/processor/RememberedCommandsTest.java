package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.UpdateValue;
import dev.abacus.processor.PartitionState.Remembered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The flat log the partition state remembers command ids in, against the bound's plain definition: a map in log
 * order that forgets each value's oldest beyond its share and every entry behind the retention horizon.
 */
class RememberedCommandsTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final List<UUID> VALUES = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
    private static final List<UUID> COMMAND_IDS = IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID()).toList();

    /** One decision: which command id, on which value, and how far the clock moved before it (in seconds). */
    record Step(int commandId, int value, int secondsLater) {}

    @Property(tries = 300)
    void remembersWhatTheBoundsDefinitionRemembers(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 4) int commandsPerValue) {
        IdempotencyBound bound = new IdempotencyBound(Duration.ofMinutes(1), commandsPerValue);
        PartitionState state = new PartitionState(bound);
        Definition expected = new Definition(bound);
        Instant now = START;
        for (Step step : steps) {
            now = now.plusSeconds(step.secondsLater());
            UUID value = VALUES.get(step.value());
            UUID commandId = COMMAND_IDS.get(step.commandId());
            Command command = state.value(value) == null
                    ? new CreateValue(commandId, value, 1, now)
                    : new UpdateValue(commandId, value, Operation.ADD, 1, now);
            PartitionState.Verdict verdict = state.decide(command, now);
            if (verdict.event() != null) {
                expected.remember(commandId, Remembered.of(verdict.event()));
            }
            assertThat(list(state.remembered())).isEqualTo(list(expected.entries.entrySet()));
            assertThat(state.decidedCommandCount()).isEqualTo(expected.entries.size());
            assertThat(state.newest()).isEqualTo(expected.newest);
        }
    }

    @Property(tries = 100)
    void aRestoredStateRemembersAndForgetsAsTheOriginal(@ForAll("steps") List<Step> steps) {
        IdempotencyBound bound = new IdempotencyBound(Duration.ofMinutes(1), 2);
        PartitionState original = new PartitionState(bound);
        int half = steps.size() / 2;
        Instant now = decide(original, steps.subList(0, half), START);
        PartitionState restored = new PartitionState(bound);
        original.values().forEach(restored::restoreValue);
        original.remembered().forEach(entry -> restored.restoreRemembered(entry.getKey(), entry.getValue()));
        restored.restoreNewest(original.newest());

        decide(original, steps.subList(half, steps.size()), now);
        decide(restored, steps.subList(half, steps.size()), now);

        assertThat(list(restored.remembered())).isEqualTo(list(original.remembered()));
        for (UUID value : VALUES) {
            assertThat(restored.value(value)).isEqualTo(original.value(value));
        }
    }

    @Test
    void aValuesForgottenCommandsDoNotHoldMemory() {
        PartitionState state = new PartitionState(new IdempotencyBound(Duration.ofDays(30), 3));
        UUID value = UUID.randomUUID();
        decide(state, new CreateValue(UUID.randomUUID(), value, 0, START), START);
        for (int i = 0; i < 100_000; i++) {
            decide(state, new UpdateValue(UUID.randomUUID(), value, Operation.ADD, 1, START), START);
        }

        assertThat(state.decidedCommandCount()).isEqualTo(3);
        assertThat(state.rememberedCapacity()).as("room in the log, not one place per command ever decided")
                .isLessThanOrEqualTo(16);
        assertThat(state.value(value).version()).isEqualTo(100_001);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> commandIds = Arbitraries.integers().between(0, COMMAND_IDS.size() - 1);
        Arbitrary<Integer> values = Arbitraries.integers().between(0, VALUES.size() - 1);
        Arbitrary<Integer> seconds = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 20)),
                Tuple.of(1, Arbitraries.integers().between(50, 90)));
        return Combinators.combine(commandIds, values, seconds).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(200);
    }

    private static Instant decide(PartitionState state, List<Step> steps, Instant from) {
        Instant now = from;
        for (Step step : steps) {
            now = now.plusSeconds(step.secondsLater());
            UUID value = VALUES.get(step.value());
            UUID commandId = COMMAND_IDS.get(step.commandId());
            decide(state, state.value(value) == null ? new CreateValue(commandId, value, 1, now)
                    : new UpdateValue(commandId, value, Operation.MULTIPLY, 2, now), now);
        }
        return now;
    }

    private static void decide(PartitionState state, Command command, Instant now) {
        state.decide(command, now);
    }

    private static List<Map.Entry<UUID, Remembered>> list(Iterable<Map.Entry<UUID, Remembered>> entries) {
        List<Map.Entry<UUID, Remembered>> all = new ArrayList<>();
        entries.forEach(entry -> all.add(Map.entry(entry.getKey(), entry.getValue())));
        return all;
    }

    /** The bound as IdempotencyBound defines it, in the plainest data structures. */
    private static final class Definition {
        final LinkedHashMap<UUID, Remembered> entries = new LinkedHashMap<>();
        final Map<UUID, ArrayDeque<UUID>> byValue = new HashMap<>();
        final IdempotencyBound bound;
        Instant newest = Instant.MIN;

        Definition(IdempotencyBound bound) {
            this.bound = bound;
        }

        void remember(UUID commandId, Remembered event) {
            if (entries.putIfAbsent(commandId, event) != null) {
                return;
            }
            if (event.timestamp().isAfter(newest)) {
                newest = event.timestamp();
            }
            ArrayDeque<UUID> ofValue = byValue.computeIfAbsent(event.valueId(), id -> new ArrayDeque<>());
            ofValue.addLast(commandId);
            if (ofValue.size() > bound.commandsPerValue()) {
                entries.remove(ofValue.pollFirst());
            }
            Instant horizon = newest.minus(bound.retention());
            Iterator<Map.Entry<UUID, Remembered>> oldest = entries.entrySet().iterator();
            while (oldest.hasNext()) {
                Map.Entry<UUID, Remembered> entry = oldest.next();
                if (!entry.getValue().timestamp().isBefore(horizon)) {
                    break;
                }
                oldest.remove();
                byValue.get(entry.getValue().valueId()).remove(entry.getKey());
            }
        }
    }
}
