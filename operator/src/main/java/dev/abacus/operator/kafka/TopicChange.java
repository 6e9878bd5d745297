package dev.abacus.operator.kafka;

import dev.abacus.operator.api.ConditionReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must happen to one topic to match its declaration, and what cannot. Pure: computed from the declared and
 * observed topic only.
 */
public record TopicChange(DesiredTopic desired, Optional<ObservedTopic> observed, boolean create,
                          OptionalInt increasePartitionsTo, Map<String, String> setConfig, Set<String> deleteConfig,
                          List<Problem> problems) {

    public static TopicChange plan(DesiredTopic desired, ObservedTopic observed, boolean allowPartitionIncrease) {
        if (observed == null) {
            return new TopicChange(desired, Optional.empty(), true, OptionalInt.empty(), Map.of(), Set.of(), List.of());
        }
        List<Problem> problems = new ArrayList<>();
        OptionalInt increase = OptionalInt.empty();
        if (observed.partitions() > desired.partitions()) {
            problems.add(new Problem(ConditionReason.NOT_SUPPORTED, "topic " + desired.name() + " has "
                    + observed.partitions() + " partitions and spec asks for " + desired.partitions()
                    + ": Kafka cannot decrease partitions"));
        } else if (observed.partitions() < desired.partitions()) {
            if (allowPartitionIncrease) {
                increase = OptionalInt.of(desired.partitions());
            } else {
                problems.add(new Problem(ConditionReason.PARTITION_INCREASE_NOT_ALLOWED, "topic " + desired.name()
                        + " has " + observed.partitions() + " partitions and spec asks for " + desired.partitions()
                        + ": adding partitions re-maps value ids, set spec.topics.allowPartitionIncrease to proceed"));
            }
        }
        if (observed.replicationFactor() != desired.replicationFactor()) {
            problems.add(new Problem(ConditionReason.NOT_SUPPORTED, "topic " + desired.name()
                    + " has replication factor " + observed.replicationFactor() + " and spec asks for "
                    + desired.replicationFactor() + ": changing it needs a partition reassignment, which the "
                    + "operator does not do"));
        }
        Map<String, String> set = new LinkedHashMap<>();
        desired.config().forEach((key, value) -> {
            if (!value.equals(observed.overrides().get(key))) {
                set.put(key, value);
            }
        });
        Set<String> delete = new TreeSet<>(observed.overrides().keySet());
        delete.removeAll(desired.config().keySet());
        return new TopicChange(desired, Optional.of(observed), false, increase, set, delete, problems);
    }

    public boolean changesConfig() {
        return !setConfig.isEmpty() || !deleteConfig.isEmpty();
    }

    /** Partition count once this change is applied. */
    public int resultingPartitions() {
        if (create) {
            return desired.partitions();
        }
        return increasePartitionsTo.orElse(observed.orElseThrow().partitions());
    }

    public int resultingReplicationFactor() {
        return create ? desired.replicationFactor() : observed.orElseThrow().replicationFactor();
    }
}
