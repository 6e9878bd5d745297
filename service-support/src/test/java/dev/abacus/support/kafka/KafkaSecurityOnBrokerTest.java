package dev.abacus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.kafka.embedded.SecureListener;
import dev.abacus.kafka.embedded.TlsMaterial;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed TLS and SASL settings, read from files laid out as the operator mounts them, against a real broker's
 * SASL_SSL listener: the right credentials carry records both ways, wrong ones and an untrusted broker fail with
 * Kafka's typed errors.
 */
class KafkaSecurityOnBrokerTest {

    // quotes and backslashes must survive the JAAS line the settings become
    private static final String SCRAM_PASSWORD = "s3cr\"et\\with quotes";
    private static final String PLAIN_PASSWORD = "plain-password";

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static Path certificates;

    @BeforeAll
    static void startBroker() throws Exception {
        TlsMaterial tls = TlsMaterial.selfSigned(dir.resolve("tls"));
        kafka = EmbeddedKafka.startTemporary(new SecureListener(tls, Map.of("carol", PLAIN_PASSWORD), false, Set.of()));
        kafka.upsertScramUser(ScramMechanism.SCRAM_SHA_512, "alice", SCRAM_PASSWORD);
        kafka.createTopics(List.of("secured"), 1, Map.of());
        certificates = Files.createDirectories(dir.resolve("trusted"));
        Files.writeString(certificates.resolve("0-ca.crt"), tls.certificatePem());
        // a mounted Secret keeps its versions in dot directories; they must be skipped
        Files.createDirectories(certificates.resolve("..2026_12_02_data"));
        Files.writeString(certificates.resolve("..2026_12_02_data").resolve("junk.crt"), "not a certificate");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void scramOverTlsCarriesARecordThroughTheBroker() throws Exception {
        KafkaClientConfig config = new KafkaClientConfig(settings(true, certificates, "SCRAM-SHA-512", "alice",
                password("alice", SCRAM_PASSWORD + "\n")));

        assertThat(config.common()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(roundTrip(config, "scram")).isEqualTo("scram");
    }

    @Test
    void plainOverTlsIsAcceptedToo() throws Exception {
        KafkaClientConfig config = new KafkaClientConfig(settings(true, certificates, "plain", "carol",
                password("carol", PLAIN_PASSWORD)));

        assertThat(roundTrip(config, "plain")).isEqualTo("plain");
    }

    @Test
    void aWrongPasswordFailsAuthentication() throws Exception {
        KafkaClientConfig config = new KafkaClientConfig(settings(true, certificates, "SCRAM-SHA-512", "alice",
                password("wrong", "not-the-password")));

        assertThatThrownBy(() -> describeCluster(config))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aBrokerWhoseCertificateIsNotTrustedIsRefused() throws Exception {
        // no trusted certificates: the JVM's own trust store, which does not hold the broker's self-signed one
        KafkaClientConfig config = new KafkaClientConfig(settings(true, null, "SCRAM-SHA-512", "alice",
                password("alice", SCRAM_PASSWORD)));

        assertThatThrownBy(() -> describeCluster(config))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void inconsistentSettingsFailAtStartWithTheSettingNamed() throws Exception {
        Path password = password("any", "x");
        assertThatThrownBy(() -> new KafkaClientConfig(settings(false, certificates, null, null, null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tls-enabled");
        assertThatThrownBy(() -> new KafkaClientConfig(settings(true, null, "SCRAM-SHA-1", "alice", password)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown SASL mechanism");
        assertThatThrownBy(() -> new KafkaClientConfig(settings(true, null, "PLAIN", "alice", null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sasl-password-file");
        assertThatThrownBy(() -> new KafkaClientConfig(settings(true, null, null, "alice", password)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sasl-mechanism");
        assertThatThrownBy(() -> new KafkaClientConfig(settings(true, Files.createDirectories(dir.resolve("empty")),
                null, null, null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("holds no certificate");
    }

    private static KafkaSettings settings(boolean tls, Path trusted, String mechanism, String username, Path password) {
        return new KafkaSettings(kafka.secureBootstrapServers(), null, tls,
                trusted == null ? null : trusted.toString(), mechanism, username,
                password == null ? null : password.toString());
    }

    private static Path password(String name, String value) throws Exception {
        Path file = Files.createDirectories(dir.resolve("sasl-" + name)).resolve("password");
        Files.writeString(file, value);
        return file;
    }

    private static void describeCluster(KafkaClientConfig config) throws Exception {
        try (Admin client = Admin.create(config.common())) {
            client.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        }
    }

    private static String roundTrip(KafkaClientConfig config, String value) throws Exception {
        Map<String, Object> producerConfig = config.common();
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        long offset;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            offset = producer.send(new ProducerRecord<>("secured", value, value)).get(30, TimeUnit.SECONDS).offset();
        }
        Map<String, Object> consumerConfig = config.common();
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        TopicPartition partition = new TopicPartition("secured", 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("the record at offset " + offset + " did not come back within 30 s");
    }
}
