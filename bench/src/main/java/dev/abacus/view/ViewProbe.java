package dev.abacus.view;

import io.micronaut.context.ApplicationContext;
import java.util.UUID;

/** The benchmark's window into a view copy in the same JVM: replay time, store size, visibility of a value. */
public final class ViewProbe {

    private final ValueStore store;
    private final EventProjector projector;

    public ViewProbe(ApplicationContext context) {
        this.store = context.getBean(ValueStore.class);
        this.projector = context.getBean(EventProjector.class);
    }

    public boolean visible(UUID valueId) {
        return store.get(valueId) != null;
    }

    /** The timestamp of the event the view holds for the value (the processor's decision time), or -1 if none. */
    public long decidedAtEpochMilli(UUID valueId) {
        StoredValue stored = store.get(valueId);
        return stored == null ? -1 : stored.updatedAtEpochMilli();
    }

    /** Milliseconds the replay up to the startup log end took; -1 until done. */
    public long replayMillis() {
        return projector.replayMillis();
    }

    public long applied() {
        return projector.applied();
    }

    public int values() {
        return store.size();
    }

    public boolean ready() {
        return projector.ready();
    }
}
