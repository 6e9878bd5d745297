package dev.abacus.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    /** A producer may write the moment createTopics returns: no partition of the new topics is still unopened. */
    @Test
    void createdTopicsHaveALogForEveryPartitionOnReturn(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, Map.of()); Admin admin = kafka.admin()) {
            kafka.createTopics(List.of("a", "b"), 6, Map.of());

            Set<TopicPartition> logs = new HashSet<>();
            admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1).values()
                    .forEach(logDir -> logs.addAll(logDir.replicaInfos().keySet()));
            assertThat(logs).containsAll(IntStream.range(0, 6)
                    .boxed()
                    .flatMap(p -> Stream.of(new TopicPartition("a", p), new TopicPartition("b", p)))
                    .toList());
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, Map.of())) {
            kafka.createTopics(List.of("t"), 2, Map.of());
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "before restart")).get();
            }
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();

            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "g",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("t"));
                List<String> seen = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        seen.add(record.value());
                    }
                }
                assertThat(seen).containsExactly("before restart");
            }
        }
    }

    @Test
    void aTemporaryBrokerRemovesItsDataWhenClosedAndAGivenDirectoryIsKept(@TempDir Path given) {
        EmbeddedKafka temporary = EmbeddedKafka.startTemporary();
        temporary.createTopics(List.of("t"), 1, Map.of());
        Path data = temporary.dataDir();
        assertThat(data).isDirectory();
        temporary.close();
        assertThat(data).doesNotExist();

        EmbeddedKafka kept = EmbeddedKafka.start(given, 0, Map.of());
        kept.close();
        assertThat(given.resolve("metadata").resolve("meta.properties")).isRegularFile();
    }
}
