package dev.abacus.view;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Health of the view copy: readiness is the contract the operator cuts traffic over on. */
final class ViewHealthIndicators {

    private ViewHealthIndicators() {}

    /** UP once the copy has replayed the log end seen at start-up and stayed caught up; then stays UP. */
    @Singleton
    @Readiness
    static final class CaughtUp implements HealthIndicator {

        private final EventProjector projector;
        private final ViewConfig config;

        CaughtUp(EventProjector projector, ViewConfig config) {
            this.projector = projector;
            this.config = config;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            Progress progress = projector.progress();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("generation", config.generation());
            details.put("caught_up", projector.caughtUp());
            details.put("lag", progress.lag());
            details.put("events_applied", projector.applied());
            HealthStatus status = projector.ready() ? HealthStatus.UP : HealthStatus.DOWN;
            return Publishers.just(HealthResult.builder("abacus-view-caught-up", status).details(details).build());
        }
    }

    /** DOWN only when the consumer loop has died, so a restart is the cure. */
    @Singleton
    @Liveness
    static final class ProjectorAlive implements HealthIndicator {

        private final EventProjector projector;

        ProjectorAlive(EventProjector projector) {
            this.projector = projector;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            HealthStatus status = projector.alive() ? HealthStatus.UP : HealthStatus.DOWN;
            return Publishers.just(HealthResult.builder("abacus-view-projector", status).build());
        }
    }
}
