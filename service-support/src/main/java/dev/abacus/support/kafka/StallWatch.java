package dev.abacus.support.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices partitions whose read_committed position stands still below the log end. A consumer that
 * reads committed data stops at the last stable offset, so one producer's open transaction holds it
 * there until that producer commits, aborts or times out, while the partition looks healthy.
 *
 * <p>{@link #check} is cheap and never blocks: it asks the log ends at most once per interval, and the
 * answer is evaluated on the admin client's thread. {@link #stalls()} is safe from any thread.
 */
public final class StallWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatch.class);

    /** A partition whose position has stood at {@code position} since {@code since} while its log end is further on. */
    public record Stall(int partition, long position, long logEnd, Instant since) {
        public String describe(Instant now) {
            return "position " + position + " has not moved for " + Duration.between(since, now).toSeconds()
                    + " s while the log end is " + logEnd
                    + " (an open transaction holds the last stable offset until it commits, aborts or times out)";
        }
    }

    private record Still(long position, Instant since) {}

    private final String topic;
    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private final Supplier<Admin> admins;
    private final AtomicBoolean asking = new AtomicBoolean();
    private final Map<Integer, Still> still = new HashMap<>();
    private Admin admin;
    private Instant askedAt = Instant.MIN;
    private volatile Map<Integer, Stall> stalls = Map.of();

    /** @param timeout how long a position may stand still below the log end before it is a stall */
    public StallWatch(String topic, Duration timeout, Clock clock, Supplier<Admin> admins) {
        this.topic = topic;
        this.timeout = timeout;
        this.interval = min(timeout.dividedBy(4), Duration.ofSeconds(5));
        this.clock = clock;
        this.admins = admins;
    }

    /**
     * Called as often as the owner likes; {@code positions} (of the partitions that should be moving;
     * those left out are not watched) is read only when a check is due.
     */
    public void check(Supplier<Map<Integer, Long>> positions) {
        Instant now = clock.instant();
        if (now.isBefore(askedAt.plus(interval)) || !asking.compareAndSet(false, true)) {
            return;
        }
        askedAt = now;
        Map<Integer, Long> asked = Map.copyOf(positions.get());
        if (asked.isEmpty()) {
            stalls = Map.of();
            asking.set(false);
            return;
        }
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        asked.keySet().forEach(p -> ends.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        try {
            ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED);
            options.timeoutMs((int) interval.toMillis());
            admin().listOffsets(ends, options).all().whenComplete((answer, error) -> {
                try {
                    if (error != null) {
                        LOG.debug("cannot read the log ends of {}: {}", topic, error.toString());
                    } else {
                        evaluate(asked, answer, clock.instant());
                    }
                } finally {
                    asking.set(false);
                }
            });
        } catch (RuntimeException e) {
            asking.set(false);
            LOG.debug("cannot ask the log ends of {}: {}", topic, e.toString());
        }
    }

    /** The partitions stalled at the last check. */
    public Map<Integer, Stall> stalls() {
        return stalls;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    private synchronized void evaluate(Map<Integer, Long> positions, Map<TopicPartition, ListOffsetsResultInfo> ends, Instant at) {
        still.keySet().retainAll(positions.keySet());
        Map<Integer, Stall> found = new HashMap<>();
        positions.forEach((partition, position) -> {
            ListOffsetsResultInfo end = ends.get(new TopicPartition(topic, partition));
            if (end == null || position >= end.offset()) {
                still.remove(partition);
                return;
            }
            Still last = still.get(partition);
            if (last == null || last.position() != position) {
                still.put(partition, new Still(position, at));
            } else if (Duration.between(last.since(), at).compareTo(timeout) >= 0) {
                found.put(partition, new Stall(partition, position, end.offset(), last.since()));
            }
        });
        Map<Integer, Stall> before = stalls;
        found.forEach((partition, stall) -> {
            if (!before.containsKey(partition)) {
                LOG.warn("{}-{} stalled: {}", topic, partition, stall.describe(at));
            }
        });
        before.keySet().stream().filter(p -> !found.containsKey(p) && positions.containsKey(p))
                .forEach(p -> LOG.info("{}-{} moves again", topic, p));
        stalls = Map.copyOf(found);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
