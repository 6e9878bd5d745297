package dev.abacus.commander;

import dev.abacus.support.concurrent.DaemonThreads;
import dev.abacus.domain.Command;
import dev.abacus.domain.WireCodec;
import dev.abacus.support.kafka.KafkaClientConfig;
import dev.abacus.support.kafka.KafkaClientMeters;
import dev.abacus.support.kafka.TopicNames;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes commands to the commands topic with an idempotent, {@code acks=all} producer. The future
 * completes only once Kafka acknowledged the record, and always completes within
 * {@code send-timeout + max-block}: {@code send()} may block on metadata or buffer space, so it
 * runs on a small bounded pool, never on an event-loop thread.
 */
@Singleton
final class CommandWriter {

    private static final int SEND_QUEUE = 1024;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration overallTimeout;
    private final ThreadPoolExecutor sender;
    private final CommanderMetrics metrics;
    private final KafkaClientMeters.Bound producerMeters;
    private final AtomicReference<SendResult> lastSend = new AtomicReference<>();

    record SendResult(Instant at, boolean succeeded, String error) {}

    CommandWriter(KafkaClientConfig kafka, TopicNames topics, CommanderConfig config, CommanderMetrics metrics) {
        this.topic = topics.commands();
        this.metrics = metrics;
        this.overallTimeout = config.sendTimeout().plus(config.maxBlock()).plusSeconds(1);
        long deliveryMs = config.sendTimeout().toMillis();
        Map<String, Object> props = kafka.common();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "abacus-commander");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, deliveryMs / 2));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, config.producerBufferBytes());
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.producerMeters = metrics.bind(producer);
        this.sender = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(SEND_QUEUE), DaemonThreads.factory("abacus-commander-send"));
    }

    /** Completes with the record's position once acknowledged by all in-sync replicas, or fails. */
    CompletableFuture<RecordMetadata> write(Command command) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, command.valueId().toString(), WireCodec.encode(command));
        try {
            sender.execute(() -> send(record, acked));
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(new TimeoutException("too many commands waiting to be sent"));
        }
        return acked.orTimeout(overallTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((metadata, failure) -> record(failure));
    }

    SendResult lastSend() {
        return lastSend.get();
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<RecordMetadata> acked) {
        if (acked.isDone()) {
            return; // the client already got its 503; writing now would contradict it
        }
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
    }

    private void record(Throwable failure) {
        if (failure == null) {
            metrics.written();
            lastSend.set(new SendResult(Instant.now(), true, null));
        } else {
            metrics.writeFailed();
            lastSend.set(new SendResult(Instant.now(), false, failure.toString()));
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        producerMeters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
