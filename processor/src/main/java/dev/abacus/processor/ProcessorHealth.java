package dev.abacus.processor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** Health of the command loop: liveness says the loop thread runs, readiness that every assigned partition is rebuilt. */
final class ProcessorHealth {

    private ProcessorHealth() {}

    @Singleton
    @Liveness
    @Requires(bean = ProcessorRunner.class)
    static final class Loop implements HealthIndicator {
        private final ProcessorRunner runner;

        Loop(ProcessorRunner runner) {
            this.runner = runner;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            ProcessorStatus status = runner.processor().status();
            return Publishers.just(HealthResult.builder("processor-loop", status.alive() ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(status.alive() ? "running" : status.problem())
                    .build());
        }
    }

    @Singleton
    @Readiness
    @Requires(bean = ProcessorRunner.class)
    static final class Partitions implements HealthIndicator {
        private final ProcessorRunner runner;

        Partitions(ProcessorRunner runner) {
            this.runner = runner;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            ProcessorStatus status = runner.processor().status();
            return Publishers.just(HealthResult.builder("processor", status.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(status)
                    .build());
        }
    }
}
