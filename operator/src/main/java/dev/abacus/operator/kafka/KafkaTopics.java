package dev.abacus.operator.kafka;

import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.TopicStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Brings a pipeline's topics in line with their declaration through the Kafka Admin API. */
public final class KafkaTopics {

    private final KafkaCalls calls;

    public KafkaTopics(Duration apiTimeout) {
        this.calls = new KafkaCalls(apiTimeout);
    }

    /** Creates, grows and re-configures topics as declared; never throws for Kafka failures. */
    public TopicsOutcome reconcile(Admin admin, List<DesiredTopic> desired, boolean allowPartitionIncrease) {
        try {
            // a refused login surfaces here as itself; the topic calls would only time out waiting for metadata
            await(admin.describeCluster().clusterId());
            Map<String, ObservedTopic> observed = describe(admin, desired.stream().map(DesiredTopic::name).toList());
            List<TopicChange> changes = desired.stream()
                    .map(d -> TopicChange.plan(d, observed.get(d.name()), allowPartitionIncrease))
                    .toList();
            List<String> actions = apply(admin, changes);
            List<TopicStatus> facts = changes.stream()
                    .map(c -> new TopicStatus(c.desired().role().id(), c.desired().name(), c.resultingPartitions(),
                            c.resultingReplicationFactor()))
                    .toList();
            Optional<Problem> problem = mostSevere(changes.stream().flatMap(c -> c.problems().stream()).toList());
            return new TopicsOutcome(facts, problem, actions, false);
        } catch (KafkaCallException e) {
            return TopicsOutcome.failed(e.problem(), e.retrySoon());
        }
    }

    /** Deletes the given topics; absent ones are fine. */
    public Optional<Problem> delete(Admin admin, Collection<String> names) {
        try {
            Map<String, KafkaFuture<Void>> results = admin.deleteTopics(names).topicNameValues();
            for (KafkaFuture<Void> future : results.values()) {
                try {
                    await(future);
                } catch (KafkaCallException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            return Optional.empty();
        } catch (KafkaCallException e) {
            return Optional.of(e.problem());
        }
    }

    private Map<String, ObservedTopic> describe(Admin admin, List<String> names) throws KafkaCallException {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry
                : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                descriptions.put(entry.getKey(), await(entry.getValue()));
            } catch (KafkaCallException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<String, ObservedTopic> observed = new HashMap<>();
        if (descriptions.isEmpty()) {
            return observed;
        }
        List<ConfigResource> resources = descriptions.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        descriptions.forEach((name, description) -> {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            Map<String, String> overrides = config == null ? Map.of() : config.entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
            int replicationFactor = description.partitions().isEmpty() ? 0
                    : description.partitions().get(0).replicas().size();
            observed.put(name, new ObservedTopic(name, description.partitions().size(), replicationFactor, overrides));
        });
        return observed;
    }

    private List<String> apply(Admin admin, List<TopicChange> changes) throws KafkaCallException {
        List<String> actions = new ArrayList<>();
        List<NewTopic> creations = changes.stream().filter(TopicChange::create)
                .map(c -> new NewTopic(c.desired().name(), c.desired().partitions(),
                        (short) c.desired().replicationFactor()).configs(c.desired().config()))
                .toList();
        if (!creations.isEmpty()) {
            for (Map.Entry<String, KafkaFuture<Void>> entry : admin.createTopics(creations).values().entrySet()) {
                try {
                    await(entry.getValue());
                    actions.add("created topic " + entry.getKey());
                } catch (KafkaCallException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        Map<String, NewPartitions> increases = new HashMap<>();
        changes.forEach(c -> c.increasePartitionsTo()
                .ifPresent(n -> increases.put(c.desired().name(), NewPartitions.increaseTo(n))));
        if (!increases.isEmpty()) {
            await(admin.createPartitions(increases).all());
            increases.forEach((name, partitions) ->
                    actions.add("increased partitions of " + name + " to " + partitions.totalCount()));
        }
        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new HashMap<>();
        for (TopicChange change : changes) {
            if (!change.changesConfig()) {
                continue;
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            change.setConfig().forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
            change.deleteConfig().forEach(k -> ops.add(new AlterConfigOp(new ConfigEntry(k, null), AlterConfigOp.OpType.DELETE)));
            alterations.put(new ConfigResource(ConfigResource.Type.TOPIC, change.desired().name()), ops);
            actions.add("corrected config of " + change.desired().name() + ": set " + change.setConfig().keySet()
                    + ", removed " + change.deleteConfig());
        }
        if (!alterations.isEmpty()) {
            await(admin.incrementalAlterConfigs(alterations).all());
        }
        return actions;
    }

    private static Optional<Problem> mostSevere(List<Problem> problems) {
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        ConditionReason worst = problems.stream().map(Problem::reason)
                .min(Comparator.comparingInt(KafkaTopics::severityRank)).orElseThrow();
        String message = problems.stream().filter(p -> p.reason() == worst).map(Problem::message)
                .collect(Collectors.joining("; "));
        return Optional.of(new Problem(worst, message));
    }

    private static int severityRank(ConditionReason reason) {
        return reason == ConditionReason.NOT_SUPPORTED ? 0 : 1;
    }

    private <T> T await(KafkaFuture<T> future) throws KafkaCallException {
        return calls.await(future);
    }
}
