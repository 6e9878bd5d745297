package dev.abacus.operator.kafka;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin clients shared by the pipelines that use the same Kafka connection; a client is closed once no pipeline
 * uses it any more.
 */
public final class KafkaAdmins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAdmins.class);

    private final Duration apiTimeout;
    private final Map<KafkaConnection, Admin> admins = new HashMap<>();
    private final Map<ResourceID, KafkaConnection> users = new HashMap<>();

    public KafkaAdmins(Duration apiTimeout) {
        this.apiTimeout = apiTimeout;
    }

    public synchronized Admin forPipeline(ResourceID pipeline, KafkaConnection connection) {
        KafkaConnection previous = users.put(pipeline, connection);
        if (previous != null && !previous.equals(connection)) {
            closeIfUnused(previous);
        }
        return admins.computeIfAbsent(connection, this::create);
    }

    /**
     * Closes the pipeline's admin client so that its next call starts afresh. A client whose authentication failed
     * only waits for metadata after that, so its calls would time out and read as an unreachable Kafka.
     */
    public synchronized void discard(ResourceID pipeline) {
        KafkaConnection connection = users.get(pipeline);
        Admin admin = connection == null ? null : admins.remove(connection);
        if (admin != null) {
            LOG.info("Closing Kafka admin client for {} after an authentication failure", connection);
            admin.close(Duration.ZERO);
        }
    }

    public synchronized void release(ResourceID pipeline) {
        KafkaConnection previous = users.remove(pipeline);
        if (previous != null) {
            closeIfUnused(previous);
        }
    }

    public Duration apiTimeout() {
        return apiTimeout;
    }

    @Override
    public synchronized void close() {
        admins.values().forEach(admin -> admin.close(Duration.ofSeconds(5)));
        admins.clear();
        users.clear();
    }

    private void closeIfUnused(KafkaConnection connection) {
        if (!users.containsValue(connection)) {
            Admin admin = admins.remove(connection);
            if (admin != null) {
                LOG.info("Closing Kafka admin client for {}", connection);
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    private Admin create(KafkaConnection connection) {
        Map<String, Object> config = new HashMap<>(connection.properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "abacus-operator");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        config.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        LOG.info("Creating Kafka admin client for {}", connection);
        return Admin.create(config);
    }
}
