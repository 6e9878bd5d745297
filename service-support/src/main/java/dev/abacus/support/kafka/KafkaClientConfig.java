package dev.abacus.support.kafka;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/** The client settings every producer, consumer and admin client starts from; read once at start-up. */
@Singleton
public final class KafkaClientConfig {

    private final Map<String, Object> common;

    public KafkaClientConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        if (settings.clientPropertiesFile() != null && !settings.clientPropertiesFile().isBlank()) {
            config.putAll(load(Path.of(settings.clientPropertiesFile())));
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        this.common = Map.copyOf(config);
    }

    /** A fresh mutable copy of the common settings, for one client to add its own to. */
    public Map<String, Object> common() {
        return new HashMap<>(common);
    }

    public String bootstrapServers() {
        return (String) common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    private static Map<String, Object> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read abacus.kafka.client-properties-file " + file + ": " + e, e);
        }
        Map<String, Object> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
