package dev.abacus.processor;

import dev.abacus.domain.UuidHash;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A partition's values by id, linear probing over flat arrays: no object per value, so a state that grows with every
 * value created neither allocates per decision nor gives the young collector millions of small objects to copy
 * (docs/processor.md). Each slot also holds where its value's remembered commands start and end in the
 * {@link RememberedCommands} log, and how many there are. A slot number is valid until the next {@link #insert}.
 * Used by one thread.
 */
final class ValueSlots {

    static final int NONE = -1;

    private static final int STRIDE = 4;
    private static final int HIGH = 0;
    private static final int LOW = 1;
    private static final int VERSION = 2;
    private static final int VALUE = 3;
    private static final int CHAIN_STRIDE = 3;
    private static final int OLDEST = 0;
    private static final int NEWEST = 1;
    private static final int COUNT = 2;
    private static final double MAX_LOAD = 0.75;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE / STRIDE;

    private final long seed = ThreadLocalRandom.current().nextLong();
    private long[] slots;
    private int[] chains;
    private int capacity;
    private int growAt;
    private int size;

    ValueSlots() {
        allocate(16);
    }

    private void allocate(int slotCount) {
        capacity = slotCount;
        growAt = (int) (slotCount * MAX_LOAD);
        slots = new long[slotCount * STRIDE];
        chains = new int[slotCount * CHAIN_STRIDE];
    }

    int size() {
        return size;
    }

    /** The id's slot, or {@link #NONE}. */
    int find(long high, long low) {
        int slot = slotOf(high, low);
        return occupied(slot) ? slot : NONE;
    }

    /** The slot holding the id, else the empty one where it would go. */
    private int slotOf(long high, long low) {
        int i = UuidHash.home(seed, high, low, capacity);
        while (true) {
            int at = i * STRIDE;
            if (slots[at + VERSION] == 0 || slots[at + HIGH] == high && slots[at + LOW] == low) {
                return i;
            }
            if (++i == capacity) {
                i = 0;
            }
        }
    }

    /** Stores the id's value and version, adding the id when it is new; returns its slot. */
    int put(long high, long low, double value, long version) {
        if (version < 1) { // 0 marks an empty slot
            throw new IllegalArgumentException("a value's version must be positive, was " + version);
        }
        int slot = slotOf(high, low);
        if (!occupied(slot)) {
            slot = insert(high, low, slot);
        }
        slots[slot * STRIDE + VALUE] = Double.doubleToRawLongBits(value);
        slots[slot * STRIDE + VERSION] = version;
        return slot;
    }

    /** {@code empty}: where the id goes, unless the table grows first. */
    private int insert(long high, long low, int empty) {
        int slot = empty;
        if (size >= growAt) {
            grow();
            slot = emptySlotFor(high, low);
        }
        slots[slot * STRIDE + HIGH] = high;
        slots[slot * STRIDE + LOW] = low;
        chains[slot * CHAIN_STRIDE + OLDEST] = NONE;
        chains[slot * CHAIN_STRIDE + NEWEST] = NONE;
        size++;
        return slot;
    }

    private int emptySlotFor(long high, long low) {
        int i = UuidHash.home(seed, high, low, capacity);
        while (slots[i * STRIDE + VERSION] != 0) {
            if (++i == capacity) {
                i = 0;
            }
        }
        return i;
    }

    private void grow() {
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("the partition holds " + size + " values, as many as one table can");
        }
        long[] oldSlots = slots;
        int[] oldChains = chains;
        int oldCapacity = capacity;
        allocate((int) Math.min(MAX_CAPACITY, 2L * oldCapacity));
        for (int from = 0; from < oldCapacity; from++) {
            if (oldSlots[from * STRIDE + VERSION] != 0) {
                int to = emptySlotFor(oldSlots[from * STRIDE + HIGH], oldSlots[from * STRIDE + LOW]);
                System.arraycopy(oldSlots, from * STRIDE, slots, to * STRIDE, STRIDE);
                System.arraycopy(oldChains, from * CHAIN_STRIDE, chains, to * CHAIN_STRIDE, CHAIN_STRIDE);
            }
        }
    }

    /** Slots run from 0 to {@code capacity() - 1}; {@link #occupied} says which hold a value. */
    int capacity() {
        return capacity;
    }

    boolean occupied(int slot) {
        return slots[slot * STRIDE + VERSION] != 0;
    }

    long high(int slot) {
        return slots[slot * STRIDE + HIGH];
    }

    long low(int slot) {
        return slots[slot * STRIDE + LOW];
    }

    long version(int slot) {
        return slots[slot * STRIDE + VERSION];
    }

    double value(int slot) {
        return Double.longBitsToDouble(slots[slot * STRIDE + VALUE]);
    }

    int oldestRemembered(int slot) {
        return chains[slot * CHAIN_STRIDE + OLDEST];
    }

    int newestRemembered(int slot) {
        return chains[slot * CHAIN_STRIDE + NEWEST];
    }

    int rememberedCount(int slot) {
        return chains[slot * CHAIN_STRIDE + COUNT];
    }

    void remembered(int slot, int oldest, int newest, int count) {
        chains[slot * CHAIN_STRIDE + OLDEST] = oldest;
        chains[slot * CHAIN_STRIDE + NEWEST] = newest;
        chains[slot * CHAIN_STRIDE + COUNT] = count;
    }
}
