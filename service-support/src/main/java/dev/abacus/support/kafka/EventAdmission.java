package dev.abacus.support.kafka;

import java.util.UUID;

/**
 * Whether an event read from the events log may be folded into state: one rule for the processor's
 * state and every view, so that they never disagree about a value. The processor writes each event
 * on its value's home partition, keyed by the value id, one version after the last; an event that is
 * not so was forged or damaged, and is counted and skipped, never applied.
 */
public final class EventAdmission {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EventAdmission() {}

    /** What an event's version means against the version stored for its value (0 for none). */
    public enum Succession {
        /** One after the stored version: apply it. */
        NEXT,
        /** At or below the stored version: already applied, skip it. */
        REPEAT,
        /** Further on than the next version: events are missing or it is forged, refuse it. */
        JUMP
    }

    public static Succession succession(long storedVersion, long version) {
        if (version <= storedVersion) {
            return Succession.REPEAT;
        }
        return version - storedVersion == 1 ? Succession.NEXT : Succession.JUMP;
    }

    /** Null when the record sits where the processor writes it; otherwise why it does not. */
    public static String misplaced(byte[] key, UUID valueId, int partition, int partitions) {
        if (key == null) {
            return "event has no key; the processor keys events by their value id";
        }
        if (!spells(key, valueId)) {
            return "event key is not its value id " + valueId;
        }
        int home = HomePartition.ofKey(key, partitions);
        if (home != partition) {
            return "event of value " + valueId + " is on partition " + partition + " but the value lives on " + home;
        }
        return null;
    }

    /** True when {@code key} is the canonical (lower-case) text of {@code id}; allocates nothing, as replay is hot. */
    private static boolean spells(byte[] key, UUID id) {
        if (key.length != 36) {
            return false;
        }
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        int nibble = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (key[i] != '-') {
                    return false;
                }
                continue;
            }
            long bits = nibble < 16 ? msb >>> (60 - 4 * nibble) : lsb >>> (60 - 4 * (nibble - 16));
            if (key[i] != HEX[(int) (bits & 0xF)]) {
                return false;
            }
            nibble++;
        }
        return true;
    }
}
