package dev.abacus.domain;

/**
 * Where a UUID starts its probe in an open-addressing table: a seeded mix of both halves, so ids a client chose to
 * collide cannot be prepared in advance (value and command ids are the client's choice).
 */
public final class UuidHash {

    private UuidHash() {}

    /** The first slot of {@code high}/{@code low} among {@code slotCount}, under a table's own {@code seed}. */
    public static int home(long seed, long high, long low, int slotCount) {
        long h = mix(mix(high ^ seed) + low);
        return (int) (((h >>> 32) * slotCount) >>> 32);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
