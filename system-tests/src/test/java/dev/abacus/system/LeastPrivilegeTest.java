package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.contract.ComponentAcls;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.SecureListener;
import dev.abacus.kafka.embedded.TlsMaterial;
import dev.abacus.processor.CommandProcessor;
import dev.abacus.support.kafka.KafkaClientConfig;
import dev.abacus.support.kafka.KafkaSettings;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services under the ACLs the operator grants ({@link ComponentAcls}), each with its own SCRAM user over TLS,
 * on a broker with Kafka's standard authorizer: the seed's story works end to end, and a forged event written with
 * the commander's or the view's credentials is refused by Kafka itself, so no view ever sees it.
 */
class LeastPrivilegeTest {

    private static final String COMMANDER = "abacus-commander";
    private static final String PROCESSOR = "abacus-processor";
    private static final String VIEW = "abacus-view";

    @TempDir
    Path dir;

    @Test
    void eachComponentDoesItsJobWithItsGrantsAndNoOneButTheProcessorWritesEvents() throws Exception {
        TlsMaterial tls = TlsMaterial.selfSigned(dir.resolve("tls"));
        Path trusted = Files.createDirectories(dir.resolve("trusted"));
        Files.writeString(trusted.resolve("0-ca.crt"), tls.certificatePem());
        try (Pipeline pipeline = Pipeline.start("least", 3, new SecureListener(tls, Map.of(), true, Set.of()))) {
            Map<String, Path> passwords = new HashMap<>();
            for (String user : new String[] {COMMANDER, PROCESSOR, VIEW}) {
                String password = UUID.randomUUID().toString();
                pipeline.kafka.upsertScramUser(ScramMechanism.SCRAM_SHA_512, user, password);
                Path file = Files.createDirectories(dir.resolve(user)).resolve("password");
                Files.writeString(file, password + "\n");
                passwords.put(user, file);
            }
            try (Admin admin = pipeline.kafka.admin()) {
                admin.createAcls(ComponentAcls.of(
                        new ComponentAcls.Pipeline(pipeline.commands, pipeline.events, pipeline.outcomes,
                                pipeline.snapshots, pipeline.group, pipeline.name),
                        new ComponentAcls.Principals("User:" + COMMANDER, "User:" + PROCESSOR, "User:" + VIEW)))
                        .all().get(30, TimeUnit.SECONDS);
            }

            Map<String, Object> processorConfig = secureClient(pipeline, trusted, PROCESSOR, passwords).common();
            processorConfig.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
            // a snapshot after every event: the processor's user must be able to write and read them back
            CommandProcessor processor = pipeline.startProcessor("least-p1", processorConfig,
                    config -> config.withSnapshotMinEvents(1));
            ApplicationContext commander = pipeline.startServices("commander", false,
                    serviceProperties(pipeline, trusted, COMMANDER, passwords));
            ApplicationContext view = pipeline.startServices("view", false,
                    serviceProperties(pipeline, trusted, VIEW, passwords));
            Http commands = new Http(() -> Pipeline.uri(commander), Duration.ofSeconds(30));
            Http reads = new Http(() -> Pipeline.uri(view), Duration.ofSeconds(30));
            pipeline.awaitProcessorsReady(Duration.ofSeconds(60));

            // the commander context also holds view beans, which its user may not feed: wait on the command itself
            Http.Answer created = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> commands.post("/values?wait=10s", "{\"value\": 3}", "Idempotency-Key", "least-1"),
                            answer -> answer.status() == 201);
            String valueId = created.text("value_id");
            Http.Answer multiplied = commands.put("/values/" + valueId + "?wait=20s",
                    "{\"operation\": \"MULTIPLY\", \"value\": 3}");
            assertThat(multiplied.status()).isEqualTo(200);
            assertThat(multiplied.json().get("version").asLong()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(pipeline.registries.get(processor).get("abacus.processor.snapshot.writes").timer().count())
                        .as("snapshots committed under the processor's ACLs").isPositive();
                assertThat(pipeline.registries.get(processor).get("abacus.processor.snapshot.failures").counter()
                        .count()).isZero();
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Http.Answer read = reads.get("/values/" + valueId);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.json().get("value").asDouble()).isEqualTo(9.0);
            });

            byte[] forged = WireCodec.encode(new ValueUpdated(UUID.randomUUID(), UUID.randomUUID(),
                    UUID.fromString(valueId), Operation.ADD, 1, 999_999, 3, Instant.now()));
            assertThat(writes(pipeline, trusted, COMMANDER, passwords, pipeline.events, valueId, forged))
                    .as("the commander's user writes a forged event").isFalse();
            assertThat(writes(pipeline, trusted, VIEW, passwords, pipeline.events, valueId, forged))
                    .as("the view's user writes a forged event").isFalse();
            Http.Answer added = commands.put("/values/" + valueId + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 1}");
            assertThat(added.status()).isEqualTo(200);
            assertThat(added.json().get("version").asLong()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(reads.get("/values/" + valueId).json().get("value").asDouble()).isEqualTo(10.0));
            assertThat(processor.status().ready()).isTrue();
        }
    }

    private static KafkaClientConfig secureClient(Pipeline pipeline, Path trusted, String user,
                                                  Map<String, Path> passwords) {
        return new KafkaClientConfig(new KafkaSettings(pipeline.kafka.secureBootstrapServers(), null, true,
                trusted.toString(), "SCRAM-SHA-512", user, passwords.get(user).toString()));
    }

    private static Map<String, Object> serviceProperties(Pipeline pipeline, Path trusted, String user,
                                                         Map<String, Path> passwords) {
        return Map.of(
                "abacus.kafka.bootstrap-servers", pipeline.kafka.secureBootstrapServers(),
                "abacus.kafka.tls-enabled", true,
                "abacus.kafka.tls-trusted-certificates-dir", trusted.toString(),
                "abacus.kafka.sasl-mechanism", "SCRAM-SHA-512",
                "abacus.kafka.sasl-username", user,
                "abacus.kafka.sasl-password-file", passwords.get(user).toString());
    }

    private static boolean writes(Pipeline pipeline, Path trusted, String user, Map<String, Path> passwords,
                                  String topic, String key, byte[] value) throws Exception {
        Map<String, Object> config = secureClient(pipeline, trusted, user, passwords).common();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | KafkaException e) {
            // refused in the send's future, or from send itself when the producer id was refused first
            if (e.getCause() instanceof AuthorizationException) {
                return false;
            }
            throw e;
        }
    }
}
