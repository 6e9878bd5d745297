package dev.abacus.view;

import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model: value id to its latest {@link StoredValue}. One writer (the projector thread)
 * replaces entries; any number of readers read without locks.
 */
@Singleton
public final class ValueStore {

    /** Orders ids as their canonical strings sort, so a cursor compares the way a client expects. */
    static final Comparator<UUID> ID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** What applying one event did. */
    enum Applied { APPLIED, DUPLICATE, GAP_APPLIED }

    /** One entry of a page, in {@link #ID_ORDER}. */
    record Entry(UUID valueId, StoredValue value) {}

    private final Map<UUID, StoredValue> values;

    ValueStore(ViewConfig config) {
        this.values = new ConcurrentHashMap<>(config.expectedValues());
    }

    /**
     * Applies an event at {@code version}: version 1 creates, stored + 1 replaces, anything at or
     * below the stored version is a duplicate, and a jump is applied anyway because the log is the truth.
     */
    Applied apply(UUID valueId, double value, long version, long updatedAtEpochMilli) {
        StoredValue current = values.get(valueId);
        long expected = current == null ? 1 : current.version() + 1;
        if (version < expected) {
            return Applied.DUPLICATE;
        }
        values.put(valueId, new StoredValue(value, version, updatedAtEpochMilli));
        return version == expected ? Applied.APPLIED : Applied.GAP_APPLIED;
    }

    StoredValue get(UUID valueId) {
        return values.get(valueId);
    }

    int size() {
        return values.size();
    }

    /**
     * Up to {@code limit} entries with ids after {@code after} (null: from the start), in id order;
     * {@code more} tells whether further ids follow. A scan of the whole store, so a page costs
     * O(values): fine for a listing, not for a hot path.
     */
    Page page(UUID after, int limit) {
        PriorityQueue<UUID> smallest = new PriorityQueue<>(limit + 1, ID_ORDER.reversed());
        int candidates = 0;
        for (UUID id : values.keySet()) {
            if (after != null && ID_ORDER.compare(id, after) <= 0) {
                continue;
            }
            candidates++;
            if (smallest.size() < limit) {
                smallest.add(id);
            } else if (ID_ORDER.compare(id, smallest.peek()) < 0) {
                smallest.poll();
                smallest.add(id);
            }
        }
        Entry[] entries = new Entry[smallest.size()];
        for (int i = entries.length - 1; i >= 0; i--) {
            UUID id = smallest.poll();
            entries[i] = new Entry(id, values.get(id));
        }
        return new Page(List.of(entries), candidates > limit);
    }

    /** A slice of the store in id order. */
    record Page(List<Entry> entries, boolean more) {}
}
