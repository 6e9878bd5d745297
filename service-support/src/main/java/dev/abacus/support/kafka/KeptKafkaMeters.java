package dev.abacus.support.kafka;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.inject.Singleton;

/**
 * {@link KafkaClientMeters#ONLY_KEPT} as a bean, so Micronaut applies it when it creates the registry, before any
 * meter exists (a filter added later is not applied to meters already there, and Micrometer warns about it).
 */
@Singleton
final class KeptKafkaMeters implements MeterFilter {

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return KafkaClientMeters.ONLY_KEPT.accept(id);
    }
}
