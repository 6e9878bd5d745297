package dev.abacus.view;

import dev.abacus.domain.Swar;
import dev.abacus.support.kafka.EventAdmission;
import dev.abacus.support.kafka.HomePartition;

/**
 * {@link EventAdmission#misplaced} for a decoded event: the same answer, word for word, without
 * building the id's text when the key is the canonical text of the id, as the processor writes it.
 */
final class Placement {

    private Placement() {}

    /** Null when the record sits where the processor writes it; otherwise why it does not. */
    static String misplaced(byte[] key, EventDecoder.Decoded event, int partition, int partitions) {
        if (spells(key, event.idHigh, event.idLow) && HomePartition.ofKey(key, partitions) == partition) {
            return null;
        }
        return EventAdmission.misplaced(key, event.valueId(), partition, partitions);
    }

    /** Whether {@code key} is the canonical (lower-case) text of the id {@code high}, {@code low}. */
    private static boolean spells(byte[] key, long high, long low) {
        if (key == null || key.length != 36 || key[8] != '-' || key[13] != '-' || key[18] != '-' || key[23] != '-') {
            return false;
        }
        long a = Swar.hex8(key, 0, true);
        long b = Swar.hex4(key, 9, true);
        long c = Swar.hex4(key, 14, true);
        long d = Swar.hex4(key, 19, true);
        long e = Swar.hex8(key, 24, true);
        long f = Swar.hex4(key, 32, true);
        return (a | b | c | d | e | f) >= 0 && (a << 32 | b << 16 | c) == high && (d << 48 | e << 16 | f) == low;
    }
}
