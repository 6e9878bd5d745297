package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ValueDeciderPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final UUID VALUE = UUID.fromString("d35e95f5-2a7a-4c31-8d28-2eb92643a154");

    /** A command stream over one value, with a model computed independently of the decider. */
    @Property(tries = 500)
    void foldedEventsMatchAModelOfTheAcceptedCommands(@ForAll("commandStreams") List<Command> commands) {
        ValueState state = null;
        Double model = null;
        long expectedVersion = 0;
        List<Event> events = new ArrayList<>();
        for (Command command : commands) {
            Decision decision = ValueDecider.decide(command, state, NOW);
            Double next = modelNext(model, command);
            if (next == null) {
                assertThat(decision).isInstanceOf(Decision.Reject.class);
                continue;
            }
            assertThat(decision).isInstanceOf(Decision.Accept.class);
            Event event = ((Decision.Accept) decision).event();
            events.add(event);
            state = ValueDecider.evolve(state, event);
            model = next;
            expectedVersion++;
            assertThat(event.version()).isEqualTo(expectedVersion);
            assertThat(event.parentId()).isEqualTo(command.id());
            assertThat(state.value()).isEqualTo(model);
        }
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> assertThat(Double.isFinite(event.value())).isTrue());
    }

    /** Null means the model says the command must be rejected. */
    private static Double modelNext(Double current, Command command) {
        if (command instanceof CreateValue create) {
            return current == null && Double.isFinite(create.value()) ? create.value() : null;
        }
        UpdateValue update = (UpdateValue) command;
        if (current == null) {
            return null;
        }
        double result = update.operation() == Operation.ADD ? current + update.value() : current * update.value();
        return Double.isFinite(result) ? result : null;
    }

    @Provide
    Arbitrary<List<Command>> commandStreams() {
        Arbitrary<Double> numbers = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, 1e308, -1e308, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY));
        Arbitrary<Command> create = numbers.map(v -> new CreateValue(UUID.randomUUID(), VALUE, v, NOW));
        Arbitrary<Command> update = Combinators.combine(Arbitraries.of(Operation.class), numbers)
                .as((op, v) -> new UpdateValue(UUID.randomUUID(), VALUE, op, v, NOW));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, create), net.jqwik.api.Tuple.of(4, update))
                .list()
                .ofMaxSize(40);
    }
}
