package dev.abacus.operator.kafka;

import java.util.Locale;

/** The three topics of a pipeline. */
public enum TopicRole {
    COMMANDS,
    EVENTS,
    OUTCOMES;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
