package dev.abacus.processor;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The processor's Kafka client settings: the common ones (bootstrap, TLS/SASL, tuning) with what exactly-once and
 * static membership depend on laid over them, so no client properties file can turn those off.
 */
final class ProcessorClientConfigs {

    private final ProcessorConfig config;
    private final Map<String, Object> common;

    ProcessorClientConfigs(ProcessorConfig config, Map<String, Object> common) {
        this.config = config;
        this.common = Map.copyOf(common);
    }

    Map<String, Object> common() {
        return common;
    }

    /** The commands consumer: read_committed, manual commits, this instance's static membership. */
    Map<String, Object> consumer() {
        Map<String, Object> c = new HashMap<>(common);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId("commands"));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // partitions added to commands get an owner within this, not Kafka's default 5 minutes: forwarded
        // commands may already be waiting there
        c.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        // static membership: a restarted instance gets its partitions back without a rebalance or a session wait
        c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        if (!"consumer".equalsIgnoreCase(String.valueOf(c.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
            // the new protocol keeps session timeouts on the broker and refuses these settings
            long session = config.sessionTimeout().toMillis();
            c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
            c.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, session / 4));
            // partitions that stay put keep their producer and state across a rebalance
            c.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        return c;
    }

    /** The transactional producer owning commands partition {@code partition}. */
    Map<String, Object> producer(int partition) {
        Map<String, Object> c = new HashMap<>(common);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId("p" + partition));
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(partition));
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.transactionTimeout().toMillis());
        // a transaction that starts while the last one's markers are still being written is refused with
        // CONCURRENT_TRANSACTIONS and retried after this backoff: the default 100 ms was the write-to-read p99
        c.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        c.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, ProcessorConfig.DEFAULT_PRODUCER_BATCH_BYTES);
        return c;
    }

    /** A consumer outside the group that reads assigned partitions' committed records: events and snapshots. */
    Map<String, Object> reader(String role) {
        Map<String, Object> c = new HashMap<>(common);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId(role));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return c;
    }

    Map<String, Object> admin(String role) {
        Map<String, Object> c = new HashMap<>(common);
        c.keySet().retainAll(AdminClientConfig.configNames());
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId(role));
        return c;
    }
}
