package dev.abacus.processor;

import dev.abacus.support.kafka.KafkaClientConfig;
import dev.abacus.support.kafka.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** Runs one {@link CommandProcessor} for the lifetime of the application. */
@Singleton
@Requires(property = "abacus.processor.enabled", notEquals = "false")
public final class ProcessorRunner {

    private final CommandProcessor processor;

    ProcessorRunner(ProcessorSettings settings, TopicNames topics, KafkaClientConfig kafka, MeterRegistry registry) {
        ProcessorConfig config;
        try {
            config = settings.toConfig(topics.commands(), topics.events(), topics.outcomes(), topics.snapshots());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid abacus.processor configuration: " + e.getMessage(), e);
        }
        this.processor = new CommandProcessor(config, kafka.common(), registry);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        processor.start();
    }

    @PreDestroy
    void stop() {
        processor.close();
    }

    public CommandProcessor processor() {
        return processor;
    }
}
