package dev.abacus.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ids in {@link ValueStore#ID_ORDER} as sorted runs: new ids gather in a small batch, a full batch is sorted
 * into a run, and two runs of one size merge into one of twice the size. An id costs 16 bytes and is
 * copied O(log n) times, sequentially; a skip list's node per id and cache-missing inserts cost the
 * applier several times more. A page binary-searches each of the O(log n) runs. Readers take an
 * immutable snapshot.
 */
final class SortedIds {

    private static final int BATCH = 128;

    /** {@code runs[level]} is null or ~{@code BATCH << level} ids as sorted (most, least) pairs. */
    private record Snapshot(long[][] runs, long[] batch, int batched) {}

    private volatile Snapshot snapshot = new Snapshot(new long[0][], new long[2 * BATCH], 0);
    final LongAdder visited = new LongAdder();

    /** The writer's only call; a reader of an older snapshot never reads past its own {@code batched}. */
    void add(long most, long least) {
        Snapshot current = snapshot;
        current.batch[2 * current.batched] = most;
        current.batch[2 * current.batched + 1] = least;
        int batched = current.batched + 1;
        snapshot = batched < BATCH
                ? new Snapshot(current.runs, current.batch, batched)
                : new Snapshot(carry(current.runs, sorted(current.batch, BATCH)), new long[2 * BATCH], 0);
    }

    /** Up to {@code count} ids after {@code after} (null: from the start), in order. */
    List<UUID> after(UUID after, int count) {
        Snapshot current = snapshot;
        int sources = 0;
        long[][] source = new long[current.runs.length + 1][];
        int[] at = new int[source.length];
        int looked = 0;
        for (long[] run : current.runs) {
            if (run != null) {
                source[sources] = run;
                if (after != null) {
                    at[sources] = firstAfter(run, after);
                    looked += 32 - Integer.numberOfLeadingZeros(run.length / 2);
                }
                sources++;
            }
        }
        source[sources++] = batchedAfter(current, after);
        looked += current.batched;
        List<UUID> ids = new ArrayList<>(Math.min(count, 1024));
        while (ids.size() < count) {
            int least = -1;
            for (int s = 0; s < sources; s++) {
                if (at[s] < source[s].length && (least < 0 || precedes(source[s], at[s], source[least], at[least]))) {
                    least = s;
                }
            }
            looked += sources;
            if (least < 0) {
                break;
            }
            ids.add(new UUID(source[least][at[least]], source[least][at[least] + 1]));
            at[least] += 2;
        }
        visited.add(looked);
        return ids;
    }

    private static long[] batchedAfter(Snapshot snapshot, UUID after) {
        long[] later = new long[2 * snapshot.batched];
        int count = 0;
        for (int i = 0; i < snapshot.batched; i++) {
            long most = snapshot.batch[2 * i];
            long least = snapshot.batch[2 * i + 1];
            if (after == null
                    || ValueStore.compare(most, least, after.getMostSignificantBits(), after.getLeastSignificantBits()) > 0) {
                later[2 * count] = most;
                later[2 * count + 1] = least;
                count++;
            }
        }
        return sorted(later, count);
    }

    /** The first {@code count} (most, least) pairs of {@code ids}, sorted and without repeats (binary insertion). */
    private static long[] sorted(long[] ids, int count) {
        long[] run = new long[2 * count];
        int length = 0;
        for (int i = 0; i < count; i++) {
            long most = ids[2 * i];
            long least = ids[2 * i + 1];
            int low = 0;
            int high = length / 2;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (ValueStore.compare(run[2 * mid], run[2 * mid + 1], most, least) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            int at = 2 * low;
            if (at < length && run[at] == most && run[at + 1] == least) {
                continue;
            }
            System.arraycopy(run, at, run, at + 2, length - at);
            run[at] = most;
            run[at + 1] = least;
            length += 2;
        }
        return length == run.length ? run : Arrays.copyOf(run, length);
    }

    private static long[][] carry(long[][] runs, long[] run) {
        long[][] next = Arrays.copyOf(runs, runs.length + 1);
        int level = 0;
        while (next[level] != null) {
            run = merge(next[level], run);
            next[level] = null;
            level++;
        }
        next[level] = run;
        return next[next.length - 1] == null ? Arrays.copyOf(next, next.length - 1) : next;
    }

    private static long[] merge(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            int order = ValueStore.compare(a[i], a[i + 1], b[j], b[j + 1]);
            if (order <= 0) {
                merged[k++] = a[i++];
                merged[k++] = a[i++];
                if (order == 0) {
                    j += 2;
                }
            } else {
                merged[k++] = b[j++];
                merged[k++] = b[j++];
            }
        }
        System.arraycopy(a, i, merged, k, a.length - i);
        k += a.length - i;
        System.arraycopy(b, j, merged, k, b.length - j);
        k += b.length - j;
        return k == merged.length ? merged : Arrays.copyOf(merged, k);
    }

    private static boolean precedes(long[] a, int i, long[] b, int j) {
        return ValueStore.compare(a[i], a[i + 1], b[j], b[j + 1]) < 0;
    }

    /** The index in {@code run} of the first pair after {@code after}. */
    private static int firstAfter(long[] run, UUID after) {
        long most = after.getMostSignificantBits();
        long least = after.getLeastSignificantBits();
        int low = 0;
        int high = run.length / 2;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ValueStore.compare(run[2 * mid], run[2 * mid + 1], most, least) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return 2 * low;
    }
}
