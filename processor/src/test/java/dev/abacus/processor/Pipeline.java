package dev.abacus.processor;

import static org.awaitility.Awaitility.await;

import dev.abacus.contract.PipelineTopics;
import dev.abacus.domain.Command;
import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
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

/** One test's topics and group on a shared broker, a plain command producer, and read_committed readers. */
final class Pipeline implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    final EmbeddedKafka kafka;
    final String name;
    final String commands;
    final String events;
    final String outcomes;
    final String snapshots;
    final String group;
    private final KafkaProducer<String, byte[]> producer;
    private final List<CommandProcessor> processors = new ArrayList<>();
    final Map<CommandProcessor, SimpleMeterRegistry> registries = new HashMap<>();

    private Pipeline(EmbeddedKafka kafka, String name) {
        this.kafka = kafka;
        this.name = name;
        this.commands = name + "-commands";
        this.events = name + "-events";
        this.outcomes = name + "-outcomes";
        this.snapshots = name + "-snapshots";
        this.group = name + "-processor";
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
    }

    static Pipeline create(EmbeddedKafka kafka, String name, int commandPartitions, int eventPartitions) {
        kafka.createTopics(List.of(name + "-commands"), commandPartitions, Map.of());
        kafka.createTopics(List.of(name + "-events", name + "-outcomes"), eventPartitions, Map.of());
        kafka.createTopics(List.of(name + "-snapshots"), commandPartitions, PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
        return new Pipeline(kafka, name);
    }

    static Pipeline create(EmbeddedKafka kafka, String name, int partitions) {
        return create(kafka, name, partitions, partitions);
    }

    Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        // a crashed member is noticed within seconds, not the default 45 s
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return config;
    }

    ProcessorConfig processorConfig(String instanceId) {
        return ProcessorConfig.defaults(commands, events, outcomes)
                .withGroupId(group)
                .withInstanceId(instanceId)
                .withTransactionalIdPrefix(name);
    }

    CommandProcessor start(String instanceId) {
        return start(instanceId, UnaryOperator.identity());
    }

    /** Snapshotting to this pipeline's snapshots topic once {@code minEvents} events were folded since the last. */
    CommandProcessor startWithSnapshots(String instanceId, long minEvents) {
        return start(instanceId, config -> config.withSnapshots(snapshots).withSnapshotMinEvents(minEvents));
    }

    CommandProcessor start(String instanceId, UnaryOperator<ProcessorConfig> tuning) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommandProcessor processor = new CommandProcessor(tuning.apply(processorConfig(instanceId)), clientConfig(),
                registry);
        processors.add(processor);
        registries.put(processor, registry);
        processor.start();
        return processor;
    }

    static void awaitReady(CommandProcessor... processors) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (CommandProcessor processor : processors) {
                ProcessorStatus status = processor.status();
                if (!status.ready()) {
                    throw new AssertionError(status.instanceId() + " not ready: " + status.problem());
                }
            }
        });
    }

    RecordMetadata send(Command command) {
        return sendRaw(command.valueId().toString(), WireCodec.encode(command));
    }

    RecordMetadata sendRaw(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(commands, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot send to " + commands, e);
        }
    }

    void sendAsync(Command command) {
        producer.send(new ProducerRecord<>(commands, command.valueId().toString(), WireCodec.encode(command)));
    }

    void flush() {
        producer.flush();
    }

    /** Waits until the group committed every command record, so every outcome and event is committed too. */
    void awaitAllDecided() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, Long> ends = endOffsets(commands);
            try (Admin admin = kafka.admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() == end.getValue()));
            }
        });
    }

    List<Outcome> outcomes() {
        return readAll(outcomes).stream().map(r -> WireCodec.decodeOutcome(r.value())).toList();
    }

    List<ConsumerRecord<String, byte[]>> eventRecords() {
        return readAll(events);
    }

    List<Event> events() {
        return eventRecords().stream().map(r -> WireCodec.decodeEvent(r.value())).toList();
    }

    Map<UUID, List<Outcome>> outcomesByCommand() {
        return outcomes().stream().collect(Collectors.groupingBy(Outcome::commandId));
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Every committed record of {@code topic}, up to its last stable offset. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        processors.forEach(CommandProcessor::closeAbruptly);
        producer.close(Duration.ofSeconds(5));
    }
}
