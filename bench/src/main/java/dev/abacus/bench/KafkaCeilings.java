package dev.abacus.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The raw Kafka figures the services are measured against, in the manner of kafka-*-perf-test. */
final class KafkaCeilings {

    private KafkaCeilings() {}

    /** Records per second and per-record send→ack latency of one producer thread sending as fast as it can. */
    record ProducerResult(long records, double seconds, Latencies latencies) {
        double perSecond() {
            return records / seconds;
        }
    }

    /**
     * Like kafka-producer-perf-test: one thread sends {@code count} records (or until {@code maxMillis})
     * with the commander's producer settings (idempotent, acks=all, linger.ms=2).
     */
    static ProducerResult produce(String bootstrap, String topic, int count, long maxMillis,
            IntFunction<String> key, IntFunction<byte[]> value) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        Latencies latencies = new Latencies(count);
        long sent = 0;
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
                long sendAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, key.apply(i), value.apply(i)), (metadata, e) -> {
                    if (e == null) {
                        latencies.add(System.nanoTime() - sendAt);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new ProducerResult(latencies.count(), seconds, latencies);
    }

    /** Loads a topic quickly (bulk settings); not a measurement. */
    static void load(String bootstrap, String topic, long count, java.util.function.LongFunction<ProducerRecord<String, byte[]>> record) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        LostSends lost = new LostSends();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                producer.send(record.apply(i), lost);
            }
            producer.flush();
        }
        lost.throwIfAny("loading " + topic);
    }

    /** Events per second of a raw read_committed consumer reading {@code expected} records from the start. */
    static double consume(String bootstrap, String topic, long expected, Map<String, Object> tuning, long maxMillis) {
        Map<String, Object> props = new HashMap<>(tuning);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long bytes = 0;
            long started = System.nanoTime();
            long deadline = started + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.value().length;
                    read++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (read < expected) {
                throw new IllegalStateException("raw consumer read " + read + " of " + expected + " in time");
            }
            return read / seconds;
        }
    }

    /**
     * The processor's ceiling: a plain consume→produce loop without transactions (group consumer,
     * idempotent acks=all producer), forwarding every command record's bytes as one event record and
     * one outcome record to the same partition numbers, committing offsets once per poll. Returns
     * records consumed per second from the first fetched batch to the last acknowledged send.
     */
    static double plainLoop(String bootstrap, String commands, String events, String outcomes, long expected,
            int maxPollRecords, String group, long maxMillis, Map<String, Object> producerSettings) {
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.putAll(producerSettings); // what the measured processor is given, so a tuning moves both
        try (KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(commands));
            LostSends lost = new LostSends();
            long read = 0;
            long first = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
            while (read < expected && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    producer.send(new ProducerRecord<>(events, record.partition(), record.key(), record.value()), lost);
                    producer.send(new ProducerRecord<>(outcomes, record.partition(), record.key(), record.value()), lost);
                    read++;
                }
                consumer.commitAsync();
            }
            producer.flush();
            consumer.commitSync();
            double seconds = (System.nanoTime() - first) / 1e9;
            if (read < expected) {
                throw new IllegalStateException("plain loop read " + read + " of " + expected + " in time");
            }
            lost.throwIfAny("the plain loop into " + events);
            return read / seconds;
        }
    }

    /**
     * Counts sends Kafka did not acknowledge. A ceiling that lost records measured less work than the figure beside
     * it: an idempotent producer's first request to a new partition was refused out of order until its delivery
     * timeout (KAFKA-15591, which {@code EmbeddedKafka.createTopics} now waits out; docs/benchmarks.md).
     */
    static final class LostSends implements Callback {
        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                count.incrementAndGet();
                first.compareAndSet(null, exception);
            }
        }

        void throwIfAny(String what) {
            if (count.get() > 0) {
                throw new IllegalStateException(what + " lost " + count.get() + " records, first: " + first.get());
            }
        }
    }
}
