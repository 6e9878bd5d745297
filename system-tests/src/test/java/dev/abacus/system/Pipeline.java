package dev.abacus.system;

import static org.awaitility.Awaitility.await;

import dev.abacus.contract.PipelineTopics;
import dev.abacus.domain.Command;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.kafka.embedded.SecureListener;
import dev.abacus.processor.CommandProcessor;
import dev.abacus.processor.ProcessorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One pipeline on a real in-JVM broker: its three topics, processor instances run as plain
 * {@link CommandProcessor}s (so they can be killed abruptly), and Micronaut service contexts
 * (commander and view; every context holds all beans on the classpath, the role says which routes a
 * test uses). The broker is owned by the pipeline and can be stopped and started.
 */
final class Pipeline implements AutoCloseable {

    final EmbeddedKafka kafka;
    final String name;
    final String commands;
    final String events;
    final String outcomes;
    final String snapshots;
    final String group;
    final int partitions;
    private final List<CommandProcessor> processors = new CopyOnWriteArrayList<>();
    private final List<ApplicationContext> contexts = new CopyOnWriteArrayList<>();
    static final long SNAPSHOT_MIN_EVENTS = 100;

    final Map<CommandProcessor, SimpleMeterRegistry> registries = new java.util.concurrent.ConcurrentHashMap<>();
    private KafkaProducer<String, byte[]> producer;
    private int instances;

    private Pipeline(EmbeddedKafka kafka, String name, int partitions) {
        this.kafka = kafka;
        this.name = name;
        this.commands = name + "-commands";
        this.events = name + "-events";
        this.outcomes = name + "-outcomes";
        this.snapshots = name + "-snapshots";
        this.group = name + "-processor";
        this.partitions = partitions;
    }

    static Pipeline start(String name, int partitions) {
        return start(EmbeddedKafka.startTemporary(), name, partitions);
    }

    /** As {@link #start(String, int)}, on a broker that also has a SASL_SSL listener. */
    static Pipeline start(String name, int partitions, SecureListener secure) {
        return start(EmbeddedKafka.startTemporary(secure), name, partitions);
    }

    private static Pipeline start(EmbeddedKafka kafka, String name, int partitions) {
        Pipeline pipeline = new Pipeline(kafka, name, partitions);
        kafka.createTopics(List.of(pipeline.events), partitions, Map.of("retention.ms", "-1"));
        kafka.createTopics(List.of(pipeline.commands, pipeline.outcomes), partitions, Map.of());
        kafka.createTopics(List.of(pipeline.snapshots), partitions, PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
        return pipeline;
    }

    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        // a crashed member is noticed within seconds, not the default 45 s
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return config;
    }

    /** Starts one more processor instance in the pipeline's group. */
    synchronized CommandProcessor startProcessor() {
        return startProcessor(name + "-p" + (++instances), clientConfig());
    }

    /** Starts a processor under a dead one's instance id, as a restarted container keeps its pod name. */
    CommandProcessor restart(CommandProcessor dead) {
        return startProcessor(dead.config().instanceId(), clientConfig());
    }

    CommandProcessor startProcessor(String instanceId, Map<String, Object> clientConfig) {
        return startProcessor(instanceId, clientConfig, UnaryOperator.identity());
    }

    synchronized CommandProcessor startProcessor(
            String instanceId, Map<String, Object> clientConfig, UnaryOperator<ProcessorConfig> tuning) {
        // snapshots on, as the operator deploys it, and often: every takeover here starts from one
        ProcessorConfig config = tuning.apply(ProcessorConfig.defaults(commands, events, outcomes)
                .withGroupId(group)
                .withTransactionalIdPrefix(name)
                .withInstanceId(instanceId)
                .withSnapshots(snapshots)
                .withSnapshotMinEvents(SNAPSHOT_MIN_EVENTS));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommandProcessor processor = new CommandProcessor(config, clientConfig, registry);
        registries.put(processor, registry);
        processor.start();
        processors.add(processor);
        return processor;
    }

    /** Partitions opened from a snapshot and the events after it, by every processor this pipeline started. */
    long partitionsRestoredFromSnapshots() {
        return registries.values().stream()
                .mapToLong(registry -> (long) registry.get("abacus.processor.snapshot.restored").counter().count())
                .sum();
    }

    /** Snapshots {@code processor} has committed. */
    long snapshotsWritten(CommandProcessor processor) {
        SimpleMeterRegistry registry = registries.get(processor);
        return registry == null ? 0 : registry.get("abacus.processor.snapshot.writes").timer().count();
    }

    List<CommandProcessor> processors() {
        return List.copyOf(processors);
    }

    /** A crash: the processor's open transaction is left for the next owner of its partitions to abort. */
    void kill(CommandProcessor processor) {
        processors.remove(processor);
        processor.closeAbruptly();
    }

    /** A clean stop: the batch in hand is finished and the instance leaves the group. */
    void stopProcessor(CommandProcessor processor) {
        processors.remove(processor);
        processor.close();
    }

    void stopProcessors() {
        for (CommandProcessor processor : processors()) {
            processors.remove(processor);
            processor.close();
        }
    }

    /**
     * Starts a Micronaut context with the HTTP server on a free port: commander and view beans (they
     * cannot be separated on one classpath), the Micronaut processor off unless {@code withProcessor}.
     */
    ApplicationContext startServices(String role, boolean withProcessor, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("abacus.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("abacus.topics.commands", commands);
        properties.put("abacus.topics.events", events);
        properties.put("abacus.topics.outcomes", outcomes);
        properties.put("abacus.processor.enabled", withProcessor);
        properties.put("abacus.processor.group-id", group);
        properties.put("abacus.processor.instance-id", name + "-" + role);
        properties.put("abacus.processor.transactional-id-prefix", name);
        properties.put("abacus.view.generation", role);
        properties.put("abacus.view.ready-sustain", "200ms");
        properties.put("abacus.view.partition-check-interval", "2s");
        properties.put("abacus.commander.send-timeout", "3s");
        properties.put("abacus.commander.max-block", "1s");
        properties.put("abacus.commander.retry-after", "1s");
        properties.putAll(extra);
        ApplicationContext context = Micronaut.build(new String[0])
                .banner(false)
                .environments("commander", "processor", "view")
                .properties(properties)
                .start();
        contexts.add(context);
        return context;
    }

    void stop(ApplicationContext context) {
        contexts.remove(context);
        if (context.isRunning()) {
            context.close();
        }
    }

    static URI uri(ApplicationContext context) {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    static void awaitReady(Http http, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/health/readiness").status() == 200);
    }

    void awaitProcessorsReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<CommandProcessor> running = processors();
            return !running.isEmpty() && running.stream().allMatch(p -> p.status().ready());
        });
    }

    synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    RecordMetadata produceCommand(Command command) {
        return produce(commands, command.valueId().toString(), WireCodec.encode(command));
    }

    RecordMetadata produce(String topic, String key, byte[] value) {
        return produce(topic, null, key, value);
    }

    RecordMetadata produce(String topic, Integer partition, String key, byte[] value) {
        Future<RecordMetadata> sent = producer().send(new ProducerRecord<>(topic, partition, key, value));
        try {
            return sent.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every committed record of {@code topic}, per partition in offset order (read_committed). */
    Map<Integer, List<ConsumerRecord<String, byte[]>>> readAll(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
                byPartition.put(p, new ArrayList<>());
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + ends);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.get(record.partition()).add(record);
                }
            }
        }
        return byPartition;
    }

    /** True when the processors' group has committed every commands partition up to its end. */
    boolean allCommandsDecided() {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(commands, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                long at = done == null ? 0 : done.offset();
                return at >= end.getValue().offset();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return false;
        }
    }

    /** The value id the commander derives for a create under {@code key} by the anonymous principal. */
    static UUID valueIdForCreate(String key) {
        return derive("abacus-value", "create", key);
    }

    static UUID commandIdForCreate(String key) {
        return derive("abacus-command", "create", key);
    }

    static UUID commandIdForUpdate(UUID valueId, String key) {
        return derive("abacus-command", "update:" + valueId, key);
    }

    private static UUID derive(String namespace, String target, String key) {
        String name = namespace + '\u0000' + "anonymous" + '\u0000' + target + '\u0000' + key;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        for (ApplicationContext context : List.copyOf(contexts)) {
            try {
                stop(context);
            } catch (RuntimeException e) {
                // closing the rest matters more
            }
        }
        for (CommandProcessor processor : processors()) {
            processors.remove(processor);
            processor.closeAbruptly();
        }
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        kafka.close();
    }
}
