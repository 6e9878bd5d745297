package dev.abacus.support.kafka;

import dev.abacus.contract.KafkaSecurity;
import dev.abacus.contract.SaslMechanism;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client settings every producer, consumer and admin client starts from; read once at start-up. */
@Singleton
public final class KafkaClientConfig {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientConfig.class);

    private final Map<String, Object> common;

    public KafkaClientConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        if (present(settings.clientPropertiesFile())) {
            config.putAll(load(Path.of(settings.clientPropertiesFile())));
        }
        KafkaSecurity security = security(settings);
        config.putAll(security.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        this.common = Map.copyOf(config);
        LOG.info("Kafka at {} with {}", settings.bootstrapServers(), security);
    }

    /** A fresh mutable copy of the common settings, for one client to add its own to. */
    public Map<String, Object> common() {
        return new HashMap<>(common);
    }

    public String bootstrapServers() {
        return (String) common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    static KafkaSecurity security(KafkaSettings settings) {
        if (present(settings.tlsTrustedCertificatesDir()) && !settings.tlsEnabled()) {
            throw new ConfigurationException("abacus.kafka.tls-trusted-certificates-dir needs "
                    + "abacus.kafka.tls-enabled=true");
        }
        try {
            String trusted = present(settings.tlsTrustedCertificatesDir())
                    ? KafkaSecurity.readCertificates(Path.of(settings.tlsTrustedCertificatesDir())) : "";
            if (present(settings.tlsTrustedCertificatesDir()) && trusted.isBlank()) {
                throw new ConfigurationException("abacus.kafka.tls-trusted-certificates-dir "
                        + settings.tlsTrustedCertificatesDir() + " holds no certificate");
            }
            return new KafkaSecurity(settings.tlsEnabled(), trusted, sasl(settings));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigurationException("invalid Kafka security settings: " + e.getMessage(), e);
        }
    }

    private static Optional<KafkaSecurity.SaslCredential> sasl(KafkaSettings settings) {
        if (!present(settings.saslMechanism())) {
            if (present(settings.saslUsername()) || present(settings.saslPasswordFile())) {
                throw new ConfigurationException("abacus.kafka.sasl-username and sasl-password-file need "
                        + "abacus.kafka.sasl-mechanism");
            }
            return Optional.empty();
        }
        if (!present(settings.saslPasswordFile())) {
            throw new ConfigurationException("abacus.kafka.sasl-mechanism needs abacus.kafka.sasl-password-file");
        }
        return Optional.of(new KafkaSecurity.SaslCredential(SaslMechanism.of(settings.saslMechanism()),
                settings.saslUsername(), KafkaSecurity.readPassword(Path.of(settings.saslPasswordFile()))));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
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
