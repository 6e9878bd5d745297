package dev.abacus.commander;

import dev.abacus.support.kafka.KafkaClientMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** The commander's meters, under {@code abacus.commander.*}. */
@Singleton
final class CommanderMetrics {

    private final MeterRegistry registry;
    private final KafkaClientMeters kafkaClients;
    private final Counter written;
    private final Counter writeFailed;
    private final Counter unavailable;
    private final Counter malformedOutcomes;
    private final Counter outcomesRead;

    CommanderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.kafkaClients = new KafkaClientMeters(registry, "commander");
        this.written = Counter.builder("abacus.commander.commands.written")
                .description("commands acknowledged by Kafka").register(registry);
        this.writeFailed = Counter.builder("abacus.commander.commands.failed")
                .description("commands Kafka did not acknowledge in time").register(registry);
        this.unavailable = Counter.builder("abacus.commander.unavailable")
                .description("503 answers because Kafka could not take a command").register(registry);
        this.malformedOutcomes = Counter.builder("abacus.commander.outcomes.malformed")
                .description("outcome records skipped because they could not be read").register(registry);
        this.outcomesRead = Counter.builder("abacus.commander.outcomes.read")
                .description("outcome records read").register(registry);
    }

    /** The client's own Kafka meters, kept while the client lives. */
    KafkaClientMeters.Bound bind(Producer<?, ?> producer) {
        return kafkaClients.bind(producer);
    }

    KafkaClientMeters.Bound bind(Consumer<?, ?> consumer) {
        return kafkaClients.bind(consumer);
    }

    @PreDestroy
    void close() {
        kafkaClients.close();
    }

    void received(String action) {
        registry.counter("abacus.commander.commands.received", "action", action).increment();
    }

    void written() {
        written.increment();
    }

    void writeFailed() {
        writeFailed.increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    void waited(String result) {
        registry.counter("abacus.commander.wait", "result", result).increment();
    }

    void outcomeRead() {
        outcomesRead.increment();
    }

    void malformedOutcome() {
        malformedOutcomes.increment();
    }

    double malformedOutcomes() {
        return malformedOutcomes.count();
    }

    MeterRegistry registry() {
        return registry;
    }
}
