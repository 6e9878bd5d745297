package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ValueTableTest {

    @Property(tries = 50)
    void holdsWhatWasLastWrittenForEveryIdWhileItGrows(@ForAll @IntRange(min = 0, max = 5000) int count,
            @ForAll @IntRange(min = 1, max = 100) int expected, @ForAll long seed) {
        Random random = new Random(seed);
        ValueTable table = new ValueTable(expected);
        Map<List<Long>, StoredValue> model = new HashMap<>();
        List<List<Long>> ids = new ArrayList<>();
        ids.add(List.of(0L, 0L));
        ids.add(List.of(0L, 1L));
        ids.add(List.of(-1L, -1L));
        for (int i = 0; i < count; i++) {
            List<Long> id = random.nextInt(3) == 0 && !ids.isEmpty()
                    ? ids.get(random.nextInt(ids.size()))
                    : List.of(random.nextLong(), random.nextInt(4) == 0 ? 0L : random.nextLong());
            ids.add(id);
            int at = table.find(id.get(0), id.get(1));
            StoredValue before = model.get(id);
            assertThat(at < 0).isEqualTo(before == null);
            long version = before == null ? 1 : table.versionAt(at) + 1;
            StoredValue next = new StoredValue(random.nextDouble(), version, random.nextLong());
            if (at < 0) {
                table.insert(id.get(0), id.get(1), next.value(), version, next.updatedAtEpochMilli());
            } else {
                table.update(at, next.value(), version, next.updatedAtEpochMilli());
            }
            model.put(id, next);
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (List<Long> id : ids) {
            assertThat(table.get(id.get(0), id.get(1))).isEqualTo(model.get(id));
        }
        assertThat(table.get(random.nextLong(), random.nextLong())).isNull();
    }

    @Test
    void aReaderNeverSeesHalfAnEntryNorAVersionGoingBack() throws Exception {
        ValueTable table = new ValueTable(16);
        int hot = 64;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                long[] seen = new long[hot];
                Random random = new Random();
                try {
                    while (writing.get()) {
                        int id = random.nextInt(hot);
                        StoredValue value = table.get(id, ~id);
                        if (value != null) {
                            assertThat(value.value()).isEqualTo(value.version() * 3.0);
                            assertThat(value.updatedAtEpochMilli()).isEqualTo(value.version() * 7 + id);
                            assertThat(value.version()).isGreaterThanOrEqualTo(seen[id]);
                            seen[id] = value.version();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "reader-" + r);
            reader.start();
            readers.add(reader);
        }
        Random random = new Random(3);
        for (int i = 0; i < 2_000_000 && failure.get() == null; i++) {
            if (i % 50 == 0) {
                table.insert(random.nextLong() | 1L << 40, random.nextLong(), 1, 1, 1); // grows the table now and then
            }
            int id = random.nextInt(hot);
            int at = table.find(id, ~id);
            long version = at < 0 ? 1 : table.versionAt(at) + 1;
            if (at < 0) {
                table.insert(id, ~id, version * 3.0, version, version * 7 + id);
            } else {
                table.update(at, version * 3.0, version, version * 7 + id);
            }
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
    }
}
