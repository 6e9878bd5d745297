package dev.abacus.view;

import dev.abacus.support.kafka.EventAdmission;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The read model: value id to its latest {@link StoredValue} ({@link ValueTable}), with the ids also kept
 * sorted for paging. One writer (the projector thread) replaces entries; any number of readers read
 * without locks and never see half an entry.
 */
@Singleton
public final class ValueStore {

    /** Orders ids as their canonical strings sort, so a cursor compares the way a client expects. */
    static final Comparator<UUID> ID_ORDER = (a, b) -> compare(a.getMostSignificantBits(), a.getLeastSignificantBits(),
            b.getMostSignificantBits(), b.getLeastSignificantBits());

    /** What applying one event did. */
    enum Applied { APPLIED, DUPLICATE, REFUSED_JUMP }

    /** One entry of a page, in {@link #ID_ORDER}. */
    record Entry(UUID valueId, StoredValue value) {}

    private final ValueTable values;
    private final SortedIds ids = new SortedIds();

    ValueStore(ViewConfig config) {
        this.values = new ValueTable(config.expectedValues());
    }

    /**
     * Applies an event at {@code version} by the rule the processor folds by ({@link EventAdmission}):
     * version 1 creates, stored + 1 replaces, anything at or below the stored version is a duplicate,
     * and a jump is refused, as the processor never writes one.
     */
    Applied apply(UUID valueId, double value, long version, long updatedAtEpochMilli) {
        return apply(valueId.getMostSignificantBits(), valueId.getLeastSignificantBits(), value, version,
                updatedAtEpochMilli);
    }

    /** The same for the id's two halves, as the projector reads them. */
    Applied apply(long high, long low, double value, long version, long updatedAtEpochMilli) {
        int at = values.find(high, low);
        switch (EventAdmission.succession(at < 0 ? 0 : values.versionAt(at), version)) {
            case REPEAT:
                return Applied.DUPLICATE;
            case JUMP:
                return Applied.REFUSED_JUMP;
            default:
                break;
        }
        if (at >= 0) {
            values.update(at, value, version, updatedAtEpochMilli);
        } else {
            values.insert(high, low, value, version, updatedAtEpochMilli);
            ids.add(high, low);
        }
        return Applied.APPLIED;
    }

    StoredValue get(UUID valueId) {
        return values.get(valueId.getMostSignificantBits(), valueId.getLeastSignificantBits());
    }

    int size() {
        return values.size();
    }

    /**
     * Up to {@code limit} entries with ids after {@code after} (null: from the start), in id order;
     * {@code more} tells whether further ids follow. Costs O((limit + log values) · log values), never a scan.
     */
    Page page(UUID after, int limit) {
        List<UUID> next = ids.after(after, limit + 1);
        int size = Math.min(limit, next.size());
        Entry[] entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            UUID id = next.get(i);
            entries[i] = new Entry(id, get(id));
        }
        return new Page(List.of(entries), next.size() > limit);
    }

    /** Ids the pages have looked at so far, so a test can bound what a page costs. */
    long idsVisitedByPages() {
        return ids.visited.sum();
    }

    /** A slice of the store in id order. */
    record Page(List<Entry> entries, boolean more) {}

    static int compare(long aMost, long aLeast, long bMost, long bLeast) {
        int high = Long.compareUnsigned(aMost, bMost);
        return high != 0 ? high : Long.compareUnsigned(aLeast, bLeast);
    }
}
