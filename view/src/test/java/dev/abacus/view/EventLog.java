package dev.abacus.view;

import dev.abacus.domain.Event;
import dev.abacus.domain.Operation;
import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events (and deliberate garbage) to an events topic the way the processor would. */
final class EventLog implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    EventLog(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    static ValueCreated created(UUID valueId, double value) {
        return new ValueCreated(UUID.randomUUID(), UUID.randomUUID(), valueId, value, 1, Instant.now());
    }

    static ValueUpdated added(UUID valueId, double operand, double result, long version) {
        return new ValueUpdated(UUID.randomUUID(), UUID.randomUUID(), valueId, Operation.ADD, operand, result, version,
                Instant.now());
    }

    void send(Event event) {
        raw(event.valueId().toString(), WireCodec.encode(event));
    }

    void raw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    /** Writes {@code event} in a transaction that commits or aborts; a read-committed reader sees only the former. */
    static void transactionalWrite(String bootstrapServers, String topic, Event event, boolean commit) {
        try (KafkaProducer<String, byte[]> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "view-test-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topic, event.valueId().toString(), WireCodec.encode(event))).get();
            if (commit) {
                transactional.commitTransaction();
            } else {
                transactional.abortTransaction();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
