package dev.abacus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaClientMetersTest {

    private EmbeddedKafka kafka;

    @BeforeAll
    void start() {
        kafka = EmbeddedKafka.startTemporary();
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    @Test
    void realClientsExportTheKeptMetersOnlyAndRemoveThemOnClose() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(KafkaClientMeters.ONLY_KEPT);
        String topic = "meters-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaClientMeters meters = new KafkaClientMeters(registry, "test");
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "meters-tx"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "meters"), new StringDeserializer(), new StringDeserializer())) {
            KafkaClientMeters.Bound producerMeters = meters.bind(producer);
            KafkaClientMeters.Bound consumerMeters = meters.bind(consumer);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            producer.commitTransaction();

            assertThat(names(registry)).contains("kafka.producer.record.send.total", "kafka.producer.record.error.total",
                    "kafka.producer.txn.commit.time.ns.total", "kafka.consumer.fetch.manager.records.lag.max");
            assertThat(names(registry)).filteredOn(name -> name.startsWith("kafka."))
                    .allMatch(KafkaClientMeters.KEPT::contains);
            assertThat(registry.get("kafka.producer.record.send.total").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("kafka.producer.txn.commit.time.ns.total").meters()).isNotEmpty();

            producerMeters.close();
            assertThat(names(registry)).noneMatch(name -> name.startsWith("kafka.producer."));
            assertThat(names(registry)).contains("kafka.consumer.fetch.manager.records.lag.max");
            consumerMeters.close();
            assertThat(names(registry)).noneMatch(name -> name.startsWith("kafka."));
        }
    }

    private static List<String> names(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).distinct().toList();
    }
}
