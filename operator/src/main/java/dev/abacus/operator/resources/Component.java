package dev.abacus.operator.resources;

import java.util.Locale;

/** The three services of a pipeline. */
public enum Component {
    COMMANDER,
    PROCESSOR,
    VIEW;

    /** Lower-case id used in names, labels and default images. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
