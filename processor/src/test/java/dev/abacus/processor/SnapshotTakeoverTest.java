package dev.abacus.processor;

import static dev.abacus.processor.CommandProcessorTest.assertDecidedExactlyOnce;
import static dev.abacus.processor.CommandProcessorTest.update;
import static dev.abacus.processor.CommandProcessorTest.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.domain.Command;
import dev.abacus.domain.Event;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueState;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.processor.ProcessorStatus.PartitionStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A new owner rebuilds from the newest snapshot and the events after it, and from the whole log when it must. */
class SnapshotTakeoverTest {

    private static final int PARTITIONS = 2;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startTemporary();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aNewOwnerReadsTheSnapshotReplaysOnlyTheEventsAfterItAndStillAnswersRetries() {
        try (Pipeline pipeline = Pipeline.create(kafka, "takeover", PARTITIONS)) {
            CommandProcessor first = pipeline.startWithSnapshots("takeover-1", 20);
            List<Command> early = workload(10, 20);
            early.forEach(pipeline::sendAsync);
            pipeline.flush();
            pipeline.awaitAllDecided();
            await().atMost(Duration.ofSeconds(60)).until(() -> snapshotOnEveryPartition(pipeline));
            List<Command> late = new ArrayList<>();
            for (Command command : early.subList(0, 10)) {
                late.add(update(command.valueId(), Operation.ADD, 1));
            }
            late.forEach(pipeline::sendAsync);
            pipeline.flush();
            pipeline.awaitAllDecided();
            first.closeAbruptly();

            CommandProcessor second = pipeline.startWithSnapshots("takeover-2", 1_000_000);
            Pipeline.awaitReady(second);

            assertThat(pipeline.registries.get(second).get("abacus.processor.snapshot.restored").counter().count())
                    .isEqualTo(PARTITIONS);
            long replayed = second.status().partitions().stream().mapToLong(PartitionStatus::eventsReplayed).sum();
            assertThat(replayed).as("only events after the snapshots are replayed")
                    .isPositive().isLessThan(pipeline.events().size());
            List<Command> sent = new ArrayList<>(early);
            sent.addAll(late);
            assertDecidedExactlyOnce(pipeline, sent);

            early.forEach(pipeline::sendAsync);
            List<Command> next = new ArrayList<>();
            for (Command command : early.subList(0, 10)) {
                next.add(update(command.valueId(), Operation.MULTIPLY, 3));
            }
            next.forEach(pipeline::sendAsync);
            pipeline.flush();
            pipeline.awaitAllDecided();

            Map<UUID, List<Outcome>> outcomes = pipeline.outcomesByCommand();
            assertThat(early).allSatisfy(retried -> assertThat(outcomes.get(retried.id())).hasSize(2).last()
                    .isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
                        assertThat(accepted.duplicate()).isTrue();
                        assertThat(accepted.eventId()).isEqualTo(ValueDecider.eventIdFor(retried.id()));
                    }));
            Map<UUID, ValueState> folded = foldedByValue(pipeline.events());
            assertThat(next).allSatisfy(update -> assertThat(outcomes.get(update.id())).singleElement()
                    .isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
                        assertThat(accepted.duplicate()).isFalse();
                        assertThat(accepted.version()).isEqualTo(folded.get(update.valueId()).version());
                        assertThat(accepted.value()).isEqualTo(folded.get(update.valueId()).value());
                        assertThat(accepted.version()).isEqualTo(1 + 20 + 1 + 1);
                    }));
        }
    }

    @Test
    void aSnapshotOfAnotherLogOrAnUnreadableOneIsIgnoredForAWholeReplay() {
        try (Pipeline other = Pipeline.create(kafka, "foreign", PARTITIONS);
                Pipeline pipeline = Pipeline.create(kafka, "refused", PARTITIONS)) {
            CommandProcessor elsewhere = other.startWithSnapshots("foreign-1", 10);
            // 11 events a value: a partition that got a single value of the ten still folds the 10 a snapshot waits for
            workload(10, 10).forEach(other::sendAsync);
            other.flush();
            other.awaitAllDecided();
            await().atMost(Duration.ofSeconds(60)).until(() -> snapshotOnEveryPartition(other));
            elsewhere.close();

            CommandProcessor first = pipeline.start("refused-1");
            List<Command> sent = workload(10, 5);
            sent.forEach(pipeline::sendAsync);
            pipeline.flush();
            pipeline.awaitAllDecided();
            first.close();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (ConsumerRecord<String, byte[]> chunk : other.readAll(other.snapshots)) {
                    if (chunk.partition() == 0) {
                        producer.send(new ProducerRecord<>(pipeline.snapshots, 0, chunk.key(), chunk.value()));
                    }
                }
                byte[] garbage = ByteBuffer.allocate(64).putInt(0x4142534e).putLong(7).putInt(0).put((byte) 1).array();
                producer.send(new ProducerRecord<>(pipeline.snapshots, 1, "chunk-0", garbage));
            }

            CommandProcessor second = pipeline.startWithSnapshots("refused-2", 1_000_000);
            Pipeline.awaitReady(second);

            assertThat(pipeline.registries.get(second).get("abacus.processor.snapshot.restored").counter().count())
                    .isZero();
            long replayed = second.status().partitions().stream().mapToLong(PartitionStatus::eventsReplayed).sum();
            assertThat(replayed).isEqualTo(pipeline.events().size());
            UpdateValue after = update(sent.get(0).valueId(), Operation.ADD, 1);
            pipeline.send(after);
            pipeline.awaitAllDecided();
            assertThat(pipeline.outcomesByCommand().get(after.id())).singleElement()
                    .isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> assertThat(accepted.version())
                            .isEqualTo(1 + 5 + 1));
        }
    }

    /** Whether every partition of the pipeline's snapshots topic holds the last chunk of a snapshot. */
    private static boolean snapshotOnEveryPartition(Pipeline pipeline) {
        return pipeline.readAll(pipeline.snapshots).stream()
                .filter(record -> {
                    SnapshotCodec.Frame frame = SnapshotCodec.Frame.of(record.value());
                    return frame != null && frame.last();
                })
                .map(ConsumerRecord::partition)
                .distinct()
                .count() == PARTITIONS;
    }

    private static Map<UUID, ValueState> foldedByValue(List<Event> events) {
        Map<UUID, ValueState> folded = new HashMap<>();
        for (Event event : events) {
            folded.put(event.valueId(), ValueDecider.evolve(folded.get(event.valueId()), event));
        }
        return folded;
    }
}
