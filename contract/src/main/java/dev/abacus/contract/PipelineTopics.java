package dev.abacus.contract;

import java.util.Map;
import java.util.Set;

/**
 * A pipeline's topics as every component names them: commands, events and outcomes, plus the processor's snapshots,
 * and the settings that make {@code events} the permanent source of truth. Services have no default names: a
 * misspelt key fails at start instead of pointing at a stranger's topic. The snapshots topic is optional; without it
 * a processor taking over a partition replays that partition's whole events log.
 */
public final class PipelineTopics {

    public static final String CONFIG_PREFIX = "abacus.topics";
    public static final String COMMANDS_ENV = "ABACUS_TOPICS_COMMANDS";
    public static final String EVENTS_ENV = "ABACUS_TOPICS_EVENTS";
    public static final String OUTCOMES_ENV = "ABACUS_TOPICS_OUTCOMES";
    public static final String SNAPSHOTS_ENV = "ABACUS_TOPICS_SNAPSHOTS";
    public static final Set<String> ALL_ENV = Set.of(COMMANDS_ENV, EVENTS_ENV, OUTCOMES_ENV, SNAPSHOTS_ENV);

    /** Infinite retention and no compaction: a folded state is only as good as the whole log behind it. */
    public static final Map<String, String> EVENTS_FIXED_CONFIG = Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "cleanup.policy", "delete");

    /**
     * Compacted, so each partition keeps its latest snapshot's chunks (keyed by chunk index) once the cleaner has run.
     * A snapshot is derived data: losing the topic costs one full replay, never a decision.
     */
    public static final Map<String, String> SNAPSHOTS_FIXED_CONFIG = Map.of(
            "cleanup.policy", "compact",
            "segment.bytes", String.valueOf(64 * 1024 * 1024),
            "max.message.bytes", String.valueOf(2 * 1024 * 1024));

    private PipelineTopics() {
    }

    /** The config keys a service reads its topic names from, keyed by the same names as its environment. */
    public static Map<String, String> properties(String commands, String events, String outcomes) {
        return Map.of(CONFIG_PREFIX + ".commands", commands, CONFIG_PREFIX + ".events", events,
                CONFIG_PREFIX + ".outcomes", outcomes);
    }

    /** As {@link #properties(String, String, String)}, with the processor's snapshots topic. */
    public static Map<String, String> properties(String commands, String events, String outcomes, String snapshots) {
        return Map.of(CONFIG_PREFIX + ".commands", commands, CONFIG_PREFIX + ".events", events,
                CONFIG_PREFIX + ".outcomes", outcomes, CONFIG_PREFIX + ".snapshots", snapshots);
    }
}
