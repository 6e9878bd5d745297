package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.CreateValue;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.WireCodec;
import dev.abacus.processor.CommandProcessor;
import dev.abacus.processor.ProcessorStatus;
import dev.abacus.processor.ProcessorStatus.Phase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Someone's open transaction on {@code commands} holds the processor's read_committed position at
 * the last stable offset. The processor must say so (status, readiness, a metric, a warning) instead
 * of looking healthy, and decide everything once the transaction ends.
 */
class OpenTransactionStallTest {

    @Test
    void anOpenTransactionOnCommandsIsReportedAsAStallAndClearsWhenItEnds() {
        try (Pipeline pipeline = Pipeline.start("stall", 3);
                LogCapture log = new LogCapture("dev.abacus.support.kafka.StallWatch")) {
            CommandProcessor processor = pipeline.startProcessor("stall-p1", pipeline.clientConfig(),
                    config -> config.withStallTimeout(Duration.ofSeconds(2)));
            pipeline.awaitProcessorsReady(Duration.ofSeconds(60));
            UUID valueId = UUID.randomUUID();
            int partition = pipeline.produceCommand(new CreateValue(UUID.randomUUID(), valueId, 1, Instant.now())).partition();
            await().atMost(Duration.ofSeconds(30)).until(pipeline::allCommandsDecided);

            try (KafkaProducer<String, byte[]> intruder = intruder(pipeline)) {
                intruder.initTransactions();
                intruder.beginTransaction();
                intruder.send(new ProducerRecord<>(pipeline.commands, partition, valueId.toString(),
                        WireCodec.encode(new UpdateValue(UUID.randomUUID(), valueId, Operation.ADD, 1, Instant.now()))));
                intruder.flush();
                for (int i = 0; i < 20; i++) {
                    pipeline.produceCommand(new UpdateValue(UUID.randomUUID(), valueId, Operation.ADD, 1, Instant.now()));
                }

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        phaseOf(processor.status(), partition) == Phase.STALLED);
                ProcessorStatus stalled = processor.status();
                assertThat(stalled.ready()).isFalse();
                assertThat(stalled.problem()).contains("partition " + partition + " of stall-commands stalled")
                        .contains("open transaction");
                assertThat(stalledGauge(pipeline.registries.get(processor))).isEqualTo(1.0);
                assertThat(log.warnings()).anyMatch(w -> w.startsWith("stall-commands-" + partition + " stalled"));
                assertThat(pipeline.allCommandsDecided()).isFalse();

                intruder.abortTransaction();
            }

            // the abort marker is an offset no consumer commits past, so count the decisions instead of offsets
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    processor.status().ready() && outcomesFor(pipeline, valueId) == 21);
            assertThat(phaseOf(processor.status(), partition)).isEqualTo(Phase.READY);
            await().atMost(Duration.ofSeconds(30)).until(() -> stalledGauge(pipeline.registries.get(processor)) == 0.0);
        }
    }

    private static KafkaProducer<String, byte[]> intruder(Pipeline pipeline) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "intruder-" + UUID.randomUUID(),
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000), new StringSerializer(), new ByteArraySerializer());
    }

    private static long outcomesFor(Pipeline pipeline, UUID valueId) {
        return pipeline.readAll(pipeline.outcomes).values().stream().flatMap(List::stream)
                .map(record -> WireCodec.decodeOutcome(record.value()))
                .filter(outcome -> valueId.equals(outcome.valueId()) && outcome instanceof Outcome.Accepted)
                .count();
    }

    private static Phase phaseOf(ProcessorStatus status, int partition) {
        return status.partitions().stream().filter(p -> p.partition() == partition)
                .map(ProcessorStatus.PartitionStatus::phase).findFirst().orElse(null);
    }

    private static double stalledGauge(MeterRegistry registry) {
        return registry.get("abacus.processor.stalled.partitions").gauge().value();
    }
}
