package dev.abacus.processor;

import dev.abacus.domain.UuidHash;
import dev.abacus.processor.PartitionState.Remembered;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The command ids a partition remembers within its {@link IdempotencyBound}, each with what its event said: a log in
 * the order they were remembered, flat arrays with no object per entry, and an index from command id to place in the
 * log. The bound forgets from two ends: the oldest of the log once its event falls behind the retention horizon, and
 * the oldest of a value once the value has more than its share (each value's entries are chained oldest to newest,
 * from the value's {@link ValueSlots} slot). Forgotten places are dropped when the log is full, by copying what is
 * still remembered to a log with room for as many again: so the memory follows what is remembered, not what was ever
 * decided.
 * Used by one thread.
 */
final class RememberedCommands {

    private static final int NONE = ValueSlots.NONE;
    private static final int MIN_CAPACITY = 16;
    private static final int STRIDE = 9;
    private static final int COMMAND_HIGH = 0;
    private static final int COMMAND_LOW = 1;
    private static final int EVENT_HIGH = 2;
    private static final int EVENT_LOW = 3;
    private static final int VALUE_HIGH = 4;
    private static final int VALUE_LOW = 5;
    private static final int VALUE = 6;
    /** 0 once forgotten: a remembered event's version is at least 1. */
    private static final int VERSION = 7;
    private static final int SECONDS = 8;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE / STRIDE;

    private final IdempotencyBound bound;
    private final ValueSlots values;
    private final long seed = ThreadLocalRandom.current().nextLong();
    private long[] entries;
    private int[] nanos;
    /** The next newer place of the same value, or {@link #NONE}. */
    private int[] newer;
    /** Place + 1 of a command id, 0 when empty; may point at a forgotten place until the next relocation. */
    private int[] index;
    private int capacity;
    private int head;
    private int tail;
    private int live;
    private Instant newest = Instant.MIN;
    /** {@code newest} less the retention, computed again only when {@code newest} moves (null: not yet). */
    private Instant horizon;

    RememberedCommands(IdempotencyBound bound, ValueSlots values) {
        this.bound = bound;
        this.values = values;
        allocate(MIN_CAPACITY);
    }

    private void allocate(int entryCount) {
        capacity = entryCount;
        entries = new long[entryCount * STRIDE];
        nanos = new int[entryCount];
        newer = new int[entryCount];
        index = new int[2 * entryCount];
    }

    int size() {
        return live;
    }

    int capacity() {
        return capacity;
    }

    Instant newest() {
        return newest;
    }

    void restoreNewest(Instant newest) {
        this.newest = newest;
        this.horizon = null;
    }

    /** What the command's event said, or null when the command id is not remembered. */
    Remembered get(UUID commandId) {
        int at = find(commandId.getMostSignificantBits(), commandId.getLeastSignificantBits());
        return at == NONE ? null : remembered(at);
    }

    /**
     * Remembers the command's event unless it is remembered already, then forgets what the bound no longer covers;
     * {@code valueSlot} is the event's value's slot, which the caller just stored.
     */
    void remember(UUID commandId, Remembered event, int valueSlot) {
        long high = commandId.getMostSignificantBits();
        long low = commandId.getLeastSignificantBits();
        int slot = roomFor(high, low);
        if (live(index[slot] - 1)) {
            return;
        }
        if (event.timestamp().isAfter(newest)) {
            newest = event.timestamp();
            horizon = null;
        }
        append(high, low, event, valueSlot, slot);
        if (values.rememberedCount(valueSlot) > bound.commandsPerValue()) {
            forgetOldestOf(valueSlot);
        }
        if (horizon == null) {
            horizon = newest.minus(bound.retention());
        }
        forgetBefore(horizon);
    }

    /** Puts back an entry of another log's {@link #entries()} walk, in that walk's order, forgetting nothing. */
    void restore(UUID commandId, Remembered event) {
        UUID valueId = event.valueId();
        int valueSlot = values.find(valueId.getMostSignificantBits(), valueId.getLeastSignificantBits());
        if (valueSlot == NONE) {
            throw new IllegalArgumentException("a remembered command of value " + valueId + ", which the partition"
                    + " does not hold");
        }
        long high = commandId.getMostSignificantBits();
        long low = commandId.getLeastSignificantBits();
        int slot = roomFor(high, low);
        if (live(index[slot] - 1)) {
            throw new IllegalArgumentException("command id " + commandId + " is remembered twice");
        }
        append(high, low, event, valueSlot, slot);
    }

    /** Every remembered command id with what its event said, oldest first; made one at a time, as a snapshot reads. */
    Iterable<Map.Entry<UUID, Remembered>> entries() {
        return () -> IntStream.range(head, tail).filter(this::live)
                .mapToObj(at -> Map.entry(commandId(at), remembered(at)))
                .iterator();
    }

    private UUID commandId(int at) {
        return new UUID(entries[at * STRIDE + COMMAND_HIGH], entries[at * STRIDE + COMMAND_LOW]);
    }

    private Remembered remembered(int at) {
        int e = at * STRIDE;
        return new Remembered(new UUID(entries[e + EVENT_HIGH], entries[e + EVENT_LOW]),
                new UUID(entries[e + VALUE_HIGH], entries[e + VALUE_LOW]), Double.longBitsToDouble(entries[e + VALUE]),
                entries[e + VERSION], Instant.ofEpochSecond(entries[e + SECONDS], nanos[at]));
    }

    /** Adds the entry at the log's end, which has room, to the index at {@code indexSlot}, and to its value's chain. */
    private void append(long high, long low, Remembered event, int valueSlot, int indexSlot) {
        if (event.version() < 1) {
            throw new IllegalArgumentException("a remembered event's version must be positive, was " + event.version());
        }
        UUID valueId = event.valueId();
        int at = tail++;
        int e = at * STRIDE;
        entries[e + COMMAND_HIGH] = high;
        entries[e + COMMAND_LOW] = low;
        entries[e + EVENT_HIGH] = event.eventId().getMostSignificantBits();
        entries[e + EVENT_LOW] = event.eventId().getLeastSignificantBits();
        entries[e + VALUE_HIGH] = valueId.getMostSignificantBits();
        entries[e + VALUE_LOW] = valueId.getLeastSignificantBits();
        entries[e + VALUE] = Double.doubleToRawLongBits(event.value());
        entries[e + VERSION] = event.version();
        entries[e + SECONDS] = event.timestamp().getEpochSecond();
        nanos[at] = event.timestamp().getNano();
        newer[at] = NONE;
        index[indexSlot] = at + 1;
        live++;
        int count = values.rememberedCount(valueSlot);
        if (count == 0) {
            values.remembered(valueSlot, at, at, 1);
        } else {
            newer[values.newestRemembered(valueSlot)] = at;
            values.remembered(valueSlot, values.oldestRemembered(valueSlot), at, count + 1);
        }
    }

    private void forgetOldestOf(int slot) {
        int oldest = values.oldestRemembered(slot);
        int count = values.rememberedCount(slot) - 1;
        if (count == 0) {
            values.remembered(slot, NONE, NONE, 0);
        } else {
            values.remembered(slot, newer[oldest], values.newestRemembered(slot), count);
        }
        entries[oldest * STRIDE + VERSION] = 0;
        live--;
    }

    /** The oldest remembered entry of the log is also the oldest of its value. */
    private void forgetBefore(Instant horizon) {
        long horizonSeconds = horizon.getEpochSecond();
        int horizonNanos = horizon.getNano();
        while (head < tail) {
            int e = head * STRIDE;
            if (entries[e + VERSION] != 0) {
                long seconds = entries[e + SECONDS];
                if (seconds > horizonSeconds || (seconds == horizonSeconds && nanos[head] >= horizonNanos)) {
                    return;
                }
                forgetOldestOf(values.find(entries[e + VALUE_HIGH], entries[e + VALUE_LOW]));
            }
            head++;
        }
    }

    /** The place of a remembered command id, or {@link #NONE}. */
    private int find(long high, long low) {
        int at = index[probe(high, low)] - 1;
        return live(at) ? at : NONE;
    }

    /** Makes room at the log's end for one more place, then answers {@link #probe} for the id. */
    private int roomFor(long high, long low) {
        if (tail == capacity) {
            relocate();
        }
        return probe(high, low);
    }

    /** A place that is neither {@link #NONE} nor forgotten. */
    private boolean live(int at) {
        return at >= head && entries[at * STRIDE + VERSION] != 0;
    }

    /**
     * The index slot of a command id: the one pointing at a place of that id (perhaps forgotten), else the empty one
     * where the id goes.
     */
    private int probe(long high, long low) {
        int i = UuidHash.home(seed, high, low, index.length);
        while (true) {
            int at = index[i] - 1;
            if (at == NONE
                    || (entries[at * STRIDE + COMMAND_HIGH] == high && entries[at * STRIDE + COMMAND_LOW] == low)) {
                return i;
            }
            if (++i == index.length) {
                i = 0;
            }
        }
    }

    /** As {@link #probe} for an id not in the index yet: it needs no look at the log's entries on its way. */
    private int emptyIndexSlot(long high, long low) {
        int i = UuidHash.home(seed, high, low, index.length);
        while (index[i] != 0) {
            if (++i == index.length) {
                i = 0;
            }
        }
        return i;
    }

    /**
     * Copies the remembered entries, in order, to the start of a log with room for as many again, and rebuilds the
     * index and the values' chains around their new places: the forgotten ones are gone.
     */
    private void relocate() {
        if (2L * live > MAX_CAPACITY) {
            throw new IllegalStateException("the partition remembers " + live + " commands, as many as one log can");
        }
        long[] oldEntries = entries;
        int[] oldNanos = nanos;
        int[] oldNewer = newer;
        int oldHead = head;
        int oldTail = tail;
        int[] moved = new int[oldTail - oldHead];
        allocate(Math.max(MIN_CAPACITY, 2 * live));
        int to = 0;
        for (int from = oldHead; from < oldTail; from++) {
            int e = from * STRIDE;
            if (oldEntries[e + VERSION] == 0) {
                moved[from - oldHead] = NONE;
                continue;
            }
            System.arraycopy(oldEntries, e, entries, to * STRIDE, STRIDE);
            nanos[to] = oldNanos[from];
            newer[to] = oldNewer[from];
            moved[from - oldHead] = to;
            int slot = values.find(oldEntries[e + VALUE_HIGH], oldEntries[e + VALUE_LOW]);
            // a new place is below every old place not yet moved, so the two never meet in a chain's ends
            int oldest = values.oldestRemembered(slot) == from ? to : values.oldestRemembered(slot);
            int newest = values.newestRemembered(slot) == from ? to : values.newestRemembered(slot);
            values.remembered(slot, oldest, newest, values.rememberedCount(slot));
            to++;
        }
        head = 0;
        tail = to;
        for (int at = 0; at < tail; at++) {
            if (newer[at] != NONE) {
                newer[at] = moved[newer[at] - oldHead];
            }
            index[emptyIndexSlot(entries[at * STRIDE + COMMAND_HIGH], entries[at * STRIDE + COMMAND_LOW])] = at + 1;
        }
    }
}
