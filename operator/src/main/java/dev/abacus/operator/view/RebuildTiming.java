package dev.abacus.operator.view;

import dev.abacus.operator.api.RebuildPolicy;
import java.time.Duration;
import java.util.Optional;

/** Windows and deadline of a rebuild, resolved from {@link RebuildPolicy}. */
public record RebuildTiming(Duration stabilisation, Duration drain, Duration deadline) {

    public static RebuildTiming of(RebuildPolicy policy) {
        RebuildPolicy p = Optional.ofNullable(policy).orElseGet(RebuildPolicy::new);
        return new RebuildTiming(
                Duration.ofSeconds(Math.max(0, Optional.ofNullable(p.getStabilisationSeconds())
                        .orElse(RebuildPolicy.DEFAULT_STABILISATION_SECONDS))),
                Duration.ofSeconds(Math.max(0, Optional.ofNullable(p.getDrainSeconds())
                        .orElse(RebuildPolicy.DEFAULT_DRAIN_SECONDS))),
                Duration.ofSeconds(Math.max(1, Optional.ofNullable(p.getDeadlineSeconds())
                        .orElse(RebuildPolicy.DEFAULT_DEADLINE_SECONDS))));
    }
}
