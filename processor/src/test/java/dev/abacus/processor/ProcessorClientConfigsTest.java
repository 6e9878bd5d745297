package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProcessorClientConfigsTest {

    private static final ProcessorConfig CONFIG = ProcessorConfig.defaults("c", "e", "o").withInstanceId("p-0");

    @Test
    void aClientPropertiesFileCannotTurnOffWhatExactlyOnceDependsOn() {
        ProcessorClientConfigs clients = new ProcessorClientConfigs(CONFIG, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "someone-elses"));

        assertThat(clients.consumer()).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "p-0");
        assertThat(clients.producer(3)).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, CONFIG.transactionalId(3))
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "abacus-processor-p-0-p3");
    }

    @Test
    void tuningFromTheFileWinsWhereItIsOnlyTuning() {
        ProcessorClientConfigs clients = new ProcessorClientConfigs(CONFIG, Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000,
                ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 16_384));

        assertThat(clients.consumer()).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000);
        assertThat(clients.producer(0)).containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 16_384);
        ProcessorClientConfigs untuned = new ProcessorClientConfigs(CONFIG, Map.of());
        assertThat(untuned.consumer())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) CONFIG.sessionTimeout().toMillis());
        assertThat(untuned.producer(0))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, ProcessorConfig.DEFAULT_PRODUCER_BATCH_BYTES);
    }

    @Test
    void theNewGroupProtocolGetsNoClientSideSessionSettings() {
        Map<String, Object> consumer = new ProcessorClientConfigs(CONFIG,
                Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")).consumer();

        assertThat(consumer).doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }

    @Test
    void theAdminGetsOnlyAdminSettings() {
        Map<String, Object> admin = new ProcessorClientConfigs(CONFIG, Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10)).admin("stall-watch");

        assertThat(admin).containsOnlyKeys(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, AdminClientConfig.CLIENT_ID_CONFIG)
                .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "abacus-processor-p-0-stall-watch");
    }
}
