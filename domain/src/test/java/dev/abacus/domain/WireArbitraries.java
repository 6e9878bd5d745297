package dev.abacus.domain;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/** Every message the wire format can carry, the awkward numbers and instants often: for the codec's properties. */
final class WireArbitraries {

    private WireArbitraries() {}

    /** For {@code @ForAll(supplier = ...)}, so no property class repeats a provider. */
    static final class Commands implements ArbitrarySupplier<Command> {
        @Override
        public Arbitrary<Command> get() {
            return commands();
        }
    }

    static final class Events implements ArbitrarySupplier<Event> {
        @Override
        public Arbitrary<Event> get() {
            return events();
        }
    }

    static final class Outcomes implements ArbitrarySupplier<Outcome> {
        @Override
        public Arbitrary<Outcome> get() {
            return outcomes();
        }
    }

    static final class Instants implements ArbitrarySupplier<Instant> {
        @Override
        public Arbitrary<Instant> get() {
            return times();
        }
    }

    static Arbitrary<Command> commands() {
        return Arbitraries.oneOf(
                Combinators.combine(ids(), ids(), numbers(), times()).as(CreateValue::new),
                Combinators.combine(ids(), ids(), Arbitraries.of(Operation.class), numbers(), times())
                        .as(UpdateValue::new));
    }

    static Arbitrary<Event> events() {
        Arbitrary<Long> versions = Arbitraries.longs().between(1, Long.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(ids(), ids(), ids(), numbers(), versions, times()).as(ValueCreated::new),
                Combinators.combine(ids(), ids(), ids(), Arbitraries.of(Operation.class), numbers(), numbers(), versions,
                        times()).as(ValueUpdated::new));
    }

    static Arbitrary<Outcome> outcomes() {
        Arbitrary<UUID> maybeValue = ids().injectNull(0.1);
        Arbitrary<Outcome> accepted = Combinators.combine(ids(), maybeValue, ids(), numbers(),
                Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(true, false), times())
                .as(Outcome.Accepted::new);
        Arbitrary<Outcome> rejected = Combinators.combine(ids(), maybeValue, Arbitraries.of(RejectionReason.class),
                Arbitraries.strings().ofMaxLength(40), times()).as(Outcome.Rejected::new);
        return Arbitraries.oneOf(accepted, accepted, rejected);
    }

    static Arbitrary<UUID> ids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    /** Every double, the special ones (non-finite, -0.0, subnormal) and whole ones around 10^7 often. */
    static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.longs().between(-20_000_000, 20_000_000).map(Long::doubleValue),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e7, -1e7, 1e-3, 0.001, 9.999999e6,
                        9_999_999.0, -9_999_999.0, 1.0, -1.0, 0x1p53, (double) Long.MAX_VALUE, (double) Long.MIN_VALUE,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Years 0 to 9999 and beyond, with whole seconds, millis, micros and nanos. */
    static Arbitrary<Instant> times() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs().between(0, 4_102_444_800L),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
