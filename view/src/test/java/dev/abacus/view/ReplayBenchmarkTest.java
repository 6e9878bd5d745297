package dev.abacus.view;

import static org.awaitility.Awaitility.await;

import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Compares a fresh view copy's replay rate with a raw consumer reading the same topic, and the
 * heap the store takes per value. Run with {@code -Dabacus.benchmark=true [-Dabacus.benchmark.values=N]}.
 */
@EnabledIfSystemProperty(named = "abacus.benchmark", matches = "true")
class ReplayBenchmarkTest {

    private static final String TOPIC = "bench-events";

    @Test
    void replayRateComparedWithARawConsumer() {
        int values = Integer.getInteger("abacus.benchmark.values", 200_000);
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            kafka.createTopics(List.of(TOPIC), 3, Map.of());
            long events = produce(kafka.bootstrapServers(), values);
            for (int round = 1; round <= 2; round++) {
                double raw = rawRate(kafka.bootstrapServers(), events);
                double view = viewRate(kafka.bootstrapServers(), events, values);
                System.out.printf("round %d: raw consumer %.0f events/s, view %.0f events/s, ratio %.2f%n",
                        round, raw, view, view / raw);
            }
        }
    }

    private static long produce(String bootstrap, int values) {
        long events = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values; i++) {
                UUID id = UUID.randomUUID();
                String key = id.toString();
                producer.send(new ProducerRecord<>(TOPIC, key, WireCodec.encode(EventLog.created(id, i))));
                producer.send(new ProducerRecord<>(TOPIC, key, WireCodec.encode(EventLog.added(id, 1, i + 1, 2))));
                producer.send(new ProducerRecord<>(TOPIC, key, WireCodec.encode(EventLog.added(id, 1, i + 2, 3))));
                events += 3;
            }
            producer.flush();
        }
        return events;
    }

    private static double rawRate(String bootstrap, long events) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long bytes = 0;
            long started = System.nanoTime();
            while (read < events) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.value().length;
                    read++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("raw consumer read %d events (%d MB) in %.2f s%n", read, bytes >> 20, seconds);
            return read / seconds;
        }
    }

    private static double viewRate(String bootstrap, long events, int values) {
        System.gc();
        long heapBefore = usedHeap();
        try (ApplicationContext context = ApplicationContext.builder()
                .environments("view")
                .properties(Map.of(
                        "abacus.kafka.bootstrap-servers", bootstrap,
                        "abacus.topics.events", TOPIC,
                        "abacus.view.expected-values", values,
                        "micronaut.server.port", -1))
                .start()) {
            EventProjector projector = context.getBean(EventProjector.class);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> projector.replayMillis() >= 0);
            System.gc();
            long heapAfter = usedHeap();
            System.out.printf("view replayed %d events in %d ms; heap grew %d MB for %d values (%.0f bytes/value)%n",
                    projector.applied(), projector.replayMillis(), (heapAfter - heapBefore) >> 20,
                    context.getBean(ValueStore.class).size(), (heapAfter - heapBefore) / (double) values);
            return events / (projector.replayMillis() / 1000.0);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
