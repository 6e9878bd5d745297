package dev.abacus.commander;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** The commander's health: ready while Kafka answers and the outcomes are read; live while the reader makes progress. */
final class CommanderHealth {

    private static final Duration BROKER_CONTACT_STALE = Duration.ofSeconds(10);

    private CommanderHealth() {}

    /** Ready: the outcome reader caught up and reached the broker recently. */
    @Readiness
    @Singleton
    static final class Ready implements HealthIndicator {
        private final OutcomeReader reader;
        private final CommandWriter writer;
        private final OutcomeBook book;
        private final CommanderMetrics metrics;

        Ready(OutcomeReader reader, CommandWriter writer, OutcomeBook book, CommanderMetrics metrics) {
            this.reader = reader;
            this.writer = writer;
            this.book = book;
            this.metrics = metrics;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            Instant contact = reader.lastBrokerContact();
            boolean kafkaReachable = contact != null
                    && contact.isAfter(Instant.now().minus(BROKER_CONTACT_STALE));
            boolean ready = reader.alive() && reader.partitions() > 0 && reader.caughtUp() && kafkaReachable;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("kafkaReachable", kafkaReachable);
            details.put("lastBrokerContact", String.valueOf(contact));
            details.put("outcomePartitions", reader.partitions());
            details.put("outcomesCaughtUp", reader.caughtUp());
            details.put("outcomesCached", book.outcomeCount());
            details.put("pendingCommands", book.pendingCount());
            details.put("malformedOutcomes", (long) metrics.malformedOutcomes());
            CommandWriter.SendResult last = writer.lastSend();
            if (last != null) {
                details.put("lastSend", last.succeeded() ? "ok at " + last.at() : "failed at " + last.at() + ": " + last.error());
            }
            return Publishers.just(HealthResult.builder("commander", ready ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(details)
                    .build());
        }
    }

    /**
     * Live unless the outcome reader died or has not polled all its partitions for its stall timeout:
     * it retries by itself, so what outlasts that is left to a restart.
     */
    @Liveness
    @Singleton
    static final class Live implements HealthIndicator {
        private final OutcomeReader reader;

        Live(OutcomeReader reader) {
            this.reader = reader;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(HealthResult.builder("commanderOutcomeReader",
                            reader.progressing() ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(Map.of("alive", reader.alive(), "lastProgress", String.valueOf(reader.lastProgress())))
                    .build());
        }
    }
}
