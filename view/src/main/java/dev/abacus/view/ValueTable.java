package dev.abacus.view;

import dev.abacus.domain.UuidHash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Value id to (value, version, updated-at) in one {@code long[]}, five longs a slot, linear probing: no
 * object per value and none per applied event, so replay neither allocates nor chases pointers (a
 * {@code ConcurrentHashMap} costs a node, a {@code UUID} and a {@code StoredValue} per value, ~115 bytes,
 * and a miss on each). One writer; readers take no lock.
 *
 * <p>A slot's version doubles as its sequence lock: 0 is an empty slot, a negative version marks a
 * write in progress, and a version only grows, so a reader that sees the same positive version before
 * and after reading the value and time read a whole entry (the protocol of {@code StampedLock}'s
 * optimistic read). The writer publishes a slot's id before its first version, and a grown table
 * whole before it writes to it; a reader still on the old table reads a consistent older entry.
 */
final class ValueTable {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIDE = 5;
    private static final int HIGH = 0;
    private static final int LOW = 1;
    private static final int VERSION = 2;
    private static final int VALUE = 3;
    private static final int MILLIS = 4;
    private static final double MAX_LOAD = 0.75;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE / STRIDE;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private volatile long[] slots;
    private int capacity;
    private int growAt;
    private volatile int size;

    ValueTable(int expected) {
        int wanted = (int) Math.min(MAX_CAPACITY, Math.max(16, (long) Math.ceil(expected / MAX_LOAD)));
        allocate(wanted);
    }

    private void allocate(int slotCount) {
        capacity = slotCount;
        growAt = (int) (slotCount * MAX_LOAD);
        slots = new long[slotCount * STRIDE];
    }

    int size() {
        return size;
    }

    /** The writer's lookup: where the id's entry is, or -1; valid until the next {@link #insert}. */
    int find(long high, long low) {
        long[] s = slots;
        int i = home(high, low, capacity);
        while (true) {
            int at = i * STRIDE;
            if (s[at + VERSION] == 0) {
                return -1;
            }
            if (s[at + HIGH] == high && s[at + LOW] == low) {
                return at;
            }
            if (++i == capacity) {
                i = 0;
            }
        }
    }

    /** The version stored at a place {@link #find} answered. */
    long versionAt(int at) {
        return slots[at + VERSION];
    }

    /** The writer replaces the entry at a place {@link #find} answered. */
    void update(int at, double value, long version, long millis) {
        long[] s = slots;
        SLOTS.setOpaque(s, at + VERSION, -version);
        VarHandle.storeStoreFence();
        s[at + VALUE] = Double.doubleToRawLongBits(value);
        s[at + MILLIS] = millis;
        SLOTS.setRelease(s, at + VERSION, version);
    }

    /** The writer adds an id {@link #find} did not find; {@code version} is positive. */
    void insert(long high, long low, double value, long version, long millis) {
        long[] s = slots;
        if (size >= growAt) {
            grow();
            s = slots;
        }
        int at = emptySlotFor(s, high, low);
        s[at + HIGH] = high;
        s[at + LOW] = low;
        s[at + VALUE] = Double.doubleToRawLongBits(value);
        s[at + MILLIS] = millis;
        SLOTS.setRelease(s, at + VERSION, version);
        size = size + 1;
    }

    /** A whole entry as some moment's write left it, or null when the id is not held. */
    StoredValue get(long high, long low) {
        long[] s = slots;
        int slotCount = s.length / STRIDE;
        int i = home(high, low, slotCount);
        while (true) {
            int at = i * STRIDE;
            long version = (long) SLOTS.getAcquire(s, at + VERSION);
            if (version == 0) {
                return null;
            }
            if (s[at + HIGH] == high && s[at + LOW] == low) {
                return read(s, at, version);
            }
            if (++i == slotCount) {
                i = 0;
            }
        }
    }

    private static StoredValue read(long[] s, int at, long version) {
        while (true) {
            if (version > 0) {
                long value = s[at + VALUE];
                long millis = s[at + MILLIS];
                VarHandle.loadLoadFence();
                if ((long) SLOTS.getOpaque(s, at + VERSION) == version) {
                    return new StoredValue(Double.longBitsToDouble(value), version, millis);
                }
            } else {
                Thread.onSpinWait();
            }
            version = (long) SLOTS.getAcquire(s, at + VERSION);
        }
    }

    private int emptySlotFor(long[] s, long high, long low) {
        int slotCount = s.length / STRIDE;
        int i = home(high, low, slotCount);
        while (s[i * STRIDE + VERSION] != 0) {
            if (++i == slotCount) {
                i = 0;
            }
        }
        return i * STRIDE;
    }

    /** Copies every entry into a table twice the size, then publishes it; the old one is never written again. */
    private void grow() {
        long[] old = slots;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("the view holds " + size + " values, as many as one table can");
        }
        int slotCount = (int) Math.min(MAX_CAPACITY, 2L * capacity);
        long[] grown = new long[slotCount * STRIDE];
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at + VERSION] != 0) {
                int to = emptySlotFor(grown, old[at + HIGH], old[at + LOW]);
                System.arraycopy(old, at, grown, to, STRIDE);
            }
        }
        capacity = slotCount;
        growAt = (int) (slotCount * MAX_LOAD);
        slots = grown;
    }

    private int home(long high, long low, int slotCount) {
        return UuidHash.home(seed, high, low, slotCount);
    }
}
