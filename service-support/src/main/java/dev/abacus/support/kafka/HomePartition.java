package dev.abacus.support.kafka;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a value lives on: where its commands are decided and its events are written. It is
 * what Kafka's Java producer picks for the key {@code valueId.toString()} (murmur2 of the canonical,
 * lower-case form), so the commander's records are home already; records another partitioner placed
 * elsewhere (librdkafka's CRC32, an upper-case key, a custom one) are forwarded home by the processor.
 */
public final class HomePartition {

    private HomePartition() {}

    public static int of(UUID valueId, int partitions) {
        return ofKey(valueId.toString().getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** The same for a key already known to be the canonical text of a value id; allocates nothing. */
    public static int ofKey(byte[] canonicalKey, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(canonicalKey)) % partitions;
    }
}
