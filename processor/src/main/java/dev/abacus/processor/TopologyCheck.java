package dev.abacus.processor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether commands and events (and snapshots, when on) are co-partitioned, or the state rebuilt for a partition would not be that partition's.
 * Asked before partitions are opened; a failed or refused check is repeated at most every {@link #RECHECK}. Used by the
 * loop thread only; {@link #problem()} may be read from any thread.
 */
final class TopologyCheck {

    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TopologyCheck.class);

    private final ProcessorConfig config;
    private final ProcessorClientConfigs clients;
    private final Clock clock;
    private volatile String problem = "partition counts of the topics not checked yet";
    private int commandPartitions;
    private Uuid eventsTopicId;
    private Instant checkedAt = Instant.MIN;

    TopologyCheck(ProcessorConfig config, ProcessorClientConfigs clients, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.clock = clock;
    }

    /** Why the processor will not decide, or null when the topics are fine. */
    String problem() {
        return problem;
    }

    /** The commands topic's partition count as last checked. */
    int commandPartitions() {
        return commandPartitions;
    }

    /** The events topic's id as last checked: a snapshot folds one topic's events, not another's of the same name. */
    Uuid eventsTopicId() {
        return eventsTopicId;
    }

    /** Checks again when {@code force}d (after a rebalance) or when the last check failed and is due again. */
    boolean ok(boolean force) {
        Instant now = clock.instant();
        if (!force && problem == null) {
            return true;
        }
        if (!force && now.isBefore(checkedAt.plus(RECHECK))) {
            return false;
        }
        checkedAt = now;
        List<String> names = new ArrayList<>(List.of(config.commandsTopic(), config.eventsTopic(), config.outcomesTopic()));
        if (config.snapshots()) {
            names.add(config.snapshotsTopic());
        }
        int commands;
        int events;
        int snapshots;
        Uuid eventsId;
        try (Admin admin = Admin.create(clients.admin("admin"))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names)
                    .allTopicNames()
                    .get(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            commands = topics.get(config.commandsTopic()).partitions().size();
            events = topics.get(config.eventsTopic()).partitions().size();
            eventsId = topics.get(config.eventsTopic()).topicId();
            snapshots = config.snapshots() ? topics.get(config.snapshotsTopic()).partitions().size() : commands;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            problem = "cannot describe topics " + String.join(", ", names) + ": " + cause;
            LOG.warn("processor {}: {}", config.instanceId(), problem);
            return false;
        }
        String found = null;
        if (commands != events) {
            found = "commands topic " + config.commandsTopic() + " has " + commands + " partitions but events topic "
                    + config.eventsTopic() + " has " + events + "; they must be co-partitioned";
        } else if (commands != snapshots) {
            found = "commands topic " + config.commandsTopic() + " has " + commands + " partitions but snapshots topic "
                    + config.snapshotsTopic() + " has " + snapshots + "; they must be co-partitioned";
        }
        if (found != null && !found.equals(problem)) {
            LOG.error("processor {} will not decide: {}", config.instanceId(), found);
        } else if (found == null && problem != null) {
            LOG.info("processor {}: {} and {} are co-partitioned ({} partitions)", config.instanceId(),
                    config.commandsTopic(), config.eventsTopic(), commands);
        }
        problem = found;
        if (found == null) {
            commandPartitions = commands;
            eventsTopicId = eventsId;
        }
        return found == null;
    }
}
