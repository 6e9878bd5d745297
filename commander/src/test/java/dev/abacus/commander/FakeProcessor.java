package dev.abacus.commander;

import static org.awaitility.Awaitility.await;

import dev.abacus.domain.Command;
import dev.abacus.domain.Decision;
import dev.abacus.domain.Event;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueState;
import dev.abacus.domain.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the processor's part against the real broker: reads the commands topic, decides with the
 * domain's decider (or a test's script), and writes outcomes. Keeps every command record it read.
 */
final class FakeProcessor implements AutoCloseable {

    /** A script answers a command: null = decide normally, empty = stay silent, else that outcome. */
    volatile Function<Command, Optional<Outcome>> script = command -> null;

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String outcomes;
    private final Map<UUID, ValueState> states = new ConcurrentHashMap<>();
    private final Map<UUID, Outcome> decided = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    FakeProcessor(String bootstrapServers, String commands, String outcomes, int partitions) {
        this.outcomes = outcomes;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        consumer.assign(java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(commands, p)).toList());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.thread = new Thread(this::run, "fake-processor");
        thread.setDaemon(true);
        thread.start();
    }

    /** The command records read so far with this command id. */
    List<ConsumerRecord<String, byte[]>> recordsOf(UUID commandId) {
        return records.stream()
                .filter(record -> WireCodec.decodeCommand(record.value()).id().equals(commandId))
                .toList();
    }

    ConsumerRecord<String, byte[]> awaitRecord(UUID commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !recordsOf(commandId).isEmpty());
        return recordsOf(commandId).get(0);
    }

    void publish(Outcome outcome) {
        publishRaw(outcome.valueId() == null ? null : outcome.valueId().toString(), WireCodec.encode(outcome));
    }

    void publishRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(outcomes, key, value)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(record);
                    answer(WireCodec.decodeCommand(record.value()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void answer(Command command) {
        Optional<Outcome> scripted = script.apply(command);
        if (scripted != null) {
            scripted.ifPresent(this::publish);
            return;
        }
        Outcome earlier = decided.get(command.id());
        if (earlier instanceof Outcome.Accepted accepted) {
            publish(new Outcome.Accepted(accepted.commandId(), accepted.valueId(), accepted.eventId(),
                    accepted.value(), accepted.version(), true, Instant.now()));
            return;
        }
        Instant now = Instant.now();
        Decision decision = ValueDecider.decide(command, states.get(command.valueId()), now);
        Outcome outcome;
        if (decision instanceof Decision.Accept accept) {
            Event event = accept.event();
            states.put(command.valueId(), ValueDecider.evolve(states.get(command.valueId()), event));
            outcome = new Outcome.Accepted(command.id(), command.valueId(), event.id(), event.value(),
                    event.version(), false, now);
        } else {
            Decision.Reject reject = (Decision.Reject) decision;
            outcome = new Outcome.Rejected(command.id(), command.valueId(), reject.reason(), reject.detail(), now);
        }
        decided.put(command.id(), outcome);
        publish(outcome);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        producer.close(Duration.ofSeconds(2));
    }
}
