package dev.abacus.processor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions of one commands partition, on its own transactional producer: a batch's records and the
 * consumed offset commit together or not at all, and how a transaction ended comes back as a
 * {@link TransactionOutcome} instead of Kafka's exceptions. Used by one thread at a time.
 */
final class PartitionTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionTransactions.class);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicPartition commands;

    PartitionTransactions(KafkaProducer<String, byte[]> producer, TopicPartition commands) {
        this.producer = producer;
        this.commands = commands;
    }

    /** Bumps the epoch of the partition's transactional id: its previous owner is fenced and its open transaction aborted. */
    void fencePreviousOwner() {
        producer.initTransactions();
    }

    /** Sends a record inside the transaction that {@link #begin} or {@link #runAlone} has open. */
    Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /**
     * Begins a transaction for {@link #send} and {@link #commit}. When a send or the commit fails, the transaction is
     * left open, and closing the producer leaves it to the next {@code initTransactions} of this id, which aborts it.
     */
    void begin() {
        producer.beginTransaction();
    }

    /**
     * Commits the transaction {@link #begin} opened with offset {@code next} for the consumer group; safe from
     * another thread than the loop's, as the group's metadata is taken on the loop thread beforehand.
     */
    TransactionOutcome commit(long next, ConsumerGroupMetadata groupMetadata) {
        try {
            producer.sendOffsetsToTransaction(Map.of(commands, new OffsetAndMetadata(next)), groupMetadata);
            producer.commitTransaction();
            return TransactionOutcome.COMMITTED;
        } catch (RuntimeException e) {
            return outcomeOf(e);
        }
    }

    /** How a transaction that threw {@code e} ended. */
    static TransactionOutcome outcomeOf(RuntimeException e) {
        if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof CommitFailedException || e instanceof FencedInstanceIdException) {
            return new TransactionOutcome.Fenced((KafkaException) e);
        }
        return new TransactionOutcome.Failed(e);
    }

    /**
     * Begins a transaction of records that consume nothing (a snapshot), lets {@code records} send them and commits.
     * A failure is aborted, so the partition's next batch can begin; only when the abort fails too is the producer
     * unusable.
     */
    TransactionOutcome runAlone(Runnable records) {
        try {
            producer.beginTransaction();
            records.run();
            producer.commitTransaction();
            return TransactionOutcome.COMMITTED;
        } catch (RuntimeException e) {
            TransactionOutcome ended = outcomeOf(e);
            if (ended instanceof TransactionOutcome.Fenced) {
                return ended;
            }
            try {
                producer.abortTransaction();
                return new TransactionOutcome.Aborted(e);
            } catch (RuntimeException abortFailed) {
                TransactionOutcome abortEnded = outcomeOf(abortFailed);
                if (abortEnded instanceof TransactionOutcome.Fenced) {
                    return abortEnded;
                }
                e.addSuppressed(abortFailed);
                return new TransactionOutcome.Failed(e);
            }
        }
    }

    /** Closes the producer; with {@link Duration#ZERO} an open transaction is left for the next owner to abort. */
    void close(Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("closing a producer", e);
        }
    }

    /** How a partition's transaction ended. */
    sealed interface TransactionOutcome {

        TransactionOutcome COMMITTED = new Committed();

        /** The batch's records and offset are visible to read_committed readers. */
        record Committed() implements TransactionOutcome {}

        /** Another owner took the partition's transactional id, or the group moved to a newer generation. */
        record Fenced(KafkaException cause) implements TransactionOutcome {}

        /** It failed and was aborted: nothing of it is visible and the producer can begin the next. */
        record Aborted(RuntimeException cause) implements TransactionOutcome {}

        /** Anything else, including an exception thrown by the batch: nothing of the transaction is visible. */
        record Failed(RuntimeException cause) implements TransactionOutcome {}
    }
}
