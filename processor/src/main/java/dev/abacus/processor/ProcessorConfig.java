package dev.abacus.processor;

import dev.abacus.contract.ProcessorIdentity;
import io.micronaut.core.annotation.Nullable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** Everything a {@link CommandProcessor} needs besides the Kafka client settings; validated on construction. */
public record ProcessorConfig(
        String commandsTopic,
        String eventsTopic,
        String outcomesTopic,
        String groupId,
        String instanceId,
        String transactionalIdPrefix,
        Duration pollTimeout,
        int maxPollRecords,
        Duration transactionTimeout,
        Duration sessionTimeout,
        Duration stallTimeout,
        IdempotencyBound idempotency,
        @Nullable String snapshotsTopic,
        long snapshotMinEvents,
        Duration commitInterval,
        Duration commitLinger) {

    public static final String DEFAULT_GROUP_ID = ProcessorIdentity.DEFAULT_GROUP_ID;
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = ProcessorIdentity.DEFAULT_TRANSACTIONAL_ID_PREFIX;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_POLL_RECORDS = 2000;
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_SNAPSHOT_MIN_EVENTS = 10_000;
    /** Kafka Streams' commit interval under exactly-once. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_COMMIT_LINGER = Duration.ofMillis(10);
    /**
     * The transactional producers' {@code batch.size} unless the client settings choose one. Kafka's 16 KB filled
     * at about 100 records under load; 128 KB took the processor from 141 k to 180 k decisions/s (docs/benchmarks.md).
     * A batch waits for {@code linger.ms} only, never to fill, so a quiet partition's latency is unchanged.
     */
    public static final int DEFAULT_PRODUCER_BATCH_BYTES = 128 * 1024;
    private static final long MAX_SNAPSHOT_MIN_EVENTS = 100_000_000;

    public ProcessorConfig {
        requireName(commandsTopic, "commands topic");
        requireName(eventsTopic, "events topic");
        requireName(outcomesTopic, "outcomes topic");
        requireName(groupId, "group id");
        requireName(instanceId, "instance id");
        requireName(transactionalIdPrefix, "transactional id prefix");
        if (commandsTopic.equals(eventsTopic) || commandsTopic.equals(outcomesTopic) || eventsTopic.equals(outcomesTopic)) {
            throw new IllegalArgumentException("commands, events and outcomes must be three different topics");
        }
        requireBetween(pollTimeout, Duration.ofMillis(1), Duration.ofSeconds(30), "poll timeout");
        if (maxPollRecords < 1 || maxPollRecords > 100_000) {
            throw new IllegalArgumentException("max poll records must be in 1..100000, was " + maxPollRecords);
        }
        // the broker refuses more than transaction.max.timeout.ms (15 min by default)
        requireBetween(transactionTimeout, Duration.ofSeconds(1), Duration.ofMinutes(15), "transaction timeout");
        // the broker refuses less than group.min.session.timeout.ms (6 s by default)
        requireBetween(sessionTimeout, Duration.ofSeconds(6), Duration.ofMinutes(5), "session timeout");
        requireBetween(stallTimeout, Duration.ofSeconds(1), Duration.ofMinutes(15), "stall timeout");
        Objects.requireNonNull(idempotency, "idempotency bound");
        if (snapshotsTopic != null) {
            requireName(snapshotsTopic, "snapshots topic");
            if (snapshotsTopic.equals(commandsTopic) || snapshotsTopic.equals(eventsTopic)
                    || snapshotsTopic.equals(outcomesTopic)) {
                throw new IllegalArgumentException("the snapshots topic must differ from commands, events and outcomes");
            }
        }
        if (snapshotMinEvents < 1 || snapshotMinEvents > MAX_SNAPSHOT_MIN_EVENTS) {
            throw new IllegalArgumentException("snapshot min events must be in 1.." + MAX_SNAPSHOT_MIN_EVENTS
                    + ", was " + snapshotMinEvents);
        }
        // a transaction must commit well inside its timeout, or the coordinator aborts it
        requireBetween(commitInterval, Duration.ZERO, transactionTimeout.dividedBy(2), "commit interval");
        requireBetween(commitLinger, Duration.ZERO, transactionTimeout.dividedBy(2), "commit linger");
    }

    /** Without snapshots: a partition's owner replays its whole events partition. */
    public ProcessorConfig(String commandsTopic, String eventsTopic, String outcomesTopic, String groupId,
            String instanceId, String transactionalIdPrefix, Duration pollTimeout, int maxPollRecords,
            Duration transactionTimeout, Duration sessionTimeout, Duration stallTimeout, IdempotencyBound idempotency) {
        this(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId, transactionalIdPrefix, pollTimeout,
                maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout, idempotency, null,
                DEFAULT_SNAPSHOT_MIN_EVENTS, DEFAULT_COMMIT_INTERVAL, DEFAULT_COMMIT_LINGER);
    }

    /** Whether partition state is snapshotted to {@link #snapshotsTopic()} and restored from it. */
    public boolean snapshots() {
        return snapshotsTopic != null;
    }

    /** The defaults, on the given topics. */
    public static ProcessorConfig defaults(String commandsTopic, String eventsTopic, String outcomesTopic) {
        return new ProcessorConfig(
                commandsTopic,
                eventsTopic,
                outcomesTopic,
                DEFAULT_GROUP_ID,
                defaultInstanceId(),
                DEFAULT_TRANSACTIONAL_ID_PREFIX,
                DEFAULT_POLL_TIMEOUT,
                DEFAULT_MAX_POLL_RECORDS,
                DEFAULT_TRANSACTION_TIMEOUT,
                DEFAULT_SESSION_TIMEOUT,
                DEFAULT_STALL_TIMEOUT,
                IdempotencyBound.DEFAULT);
    }

    public ProcessorConfig withGroupId(String groupId) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withInstanceId(String instanceId) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withTransactionalIdPrefix(String transactionalIdPrefix) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withStallTimeout(Duration stallTimeout) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withIdempotency(IdempotencyBound idempotency) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    /** Snapshots partition state to {@code snapshotsTopic} (compacted, co-partitioned with commands); null turns them off. */
    public ProcessorConfig withSnapshots(String snapshotsTopic) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withSnapshotMinEvents(long snapshotMinEvents) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    public ProcessorConfig withMaxPollRecords(int maxPollRecords) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    /** How long a partition's transaction may span polls while the processor is behind; zero commits every poll. */
    public ProcessorConfig withCommitInterval(Duration commitInterval) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    /**
     * While commits follow each other within this, a caught-up transaction stays open until this old (bounded by the
     * commit interval); zero commits every short poll at once.
     */
    public ProcessorConfig withCommitLinger(Duration commitLinger) {
        return new ProcessorConfig(commandsTopic, eventsTopic, outcomesTopic, groupId, instanceId,
                transactionalIdPrefix, pollTimeout, maxPollRecords, transactionTimeout, sessionTimeout, stallTimeout,
                idempotency, snapshotsTopic, snapshotMinEvents, commitInterval, commitLinger);
    }

    /** The Kafka client id of this instance's client for {@code role} ({@code commands}, {@code p<partition>}, ...). */
    public String clientId(String role) {
        return "abacus-processor-" + instanceId + "-" + role;
    }

    /** The transactional id owning commands partition {@code partition}: stable, so its next owner fences the last. */
    public String transactionalId(int partition) {
        return ProcessorIdentity.transactionalId(transactionalIdPrefix, commandsTopic, partition);
    }

    /** ABACUS_PROCESSOR_INSTANCE_ID, else the host name, else a random id. */
    public static String defaultInstanceId() {
        String fromEnv = System.getenv(ProcessorIdentity.INSTANCE_ID_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return UUID.randomUUID().toString();
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (!value.matches("[A-Za-z0-9._\\-]+")) {
            throw new IllegalArgumentException(what + " '" + value + "' may only contain letters, digits, '.', '_' and '-'");
        }
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String what) {
        Objects.requireNonNull(value, what);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
