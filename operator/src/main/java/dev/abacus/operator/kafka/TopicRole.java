package dev.abacus.operator.kafka;

import java.util.Locale;

/** The four topics of a pipeline. */
public enum TopicRole {
    COMMANDS,
    EVENTS,
    OUTCOMES,
    SNAPSHOTS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
