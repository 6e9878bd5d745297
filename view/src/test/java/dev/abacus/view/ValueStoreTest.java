package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ValueStoreTest {

    private static ValueStore store() {
        return new ValueStore(new ViewConfig("1", 100, Duration.ofSeconds(1), 50, 500, 5000,
                Duration.ofMillis(200), 1 << 20, 1 << 26, 1, Duration.ofMillis(100), 1 << 20, 16, Duration.ofSeconds(30)));
    }

    @Test
    void appliesOnlyTheNextVersionAndSkipsDuplicates() {
        ValueStore store = store();
        UUID id = UUID.randomUUID();
        assertThat(store.apply(id, 3, 1, 10)).isEqualTo(ValueStore.Applied.APPLIED);
        assertThat(store.apply(id, 99, 1, 11)).isEqualTo(ValueStore.Applied.DUPLICATE);
        assertThat(store.apply(id, 9, 2, 12)).isEqualTo(ValueStore.Applied.APPLIED);
        assertThat(store.apply(id, 77, 2, 13)).isEqualTo(ValueStore.Applied.DUPLICATE);
        assertThat(store.get(id)).isEqualTo(new StoredValue(9, 2, 12));
    }

    @Test
    void refusesAJumpAsTheProcessorNeverWritesOne() {
        ValueStore store = store();
        UUID id = UUID.randomUUID();
        store.apply(id, 1, 1, 1);
        assertThat(store.apply(id, 5, 4, 2)).isEqualTo(ValueStore.Applied.REFUSED_JUMP);
        assertThat(store.apply(id, 5, Long.MAX_VALUE, 2)).isEqualTo(ValueStore.Applied.REFUSED_JUMP);
        assertThat(store.get(id)).isEqualTo(new StoredValue(1, 1, 1));
        assertThat(store.apply(id, 6, 2, 3)).isEqualTo(ValueStore.Applied.APPLIED);
        assertThat(store.apply(UUID.randomUUID(), 6, 2, 3)).as("no version 1 before it").isEqualTo(ValueStore.Applied.REFUSED_JUMP);
    }

    @Property(tries = 200)
    void replayingAHistoryWithRedeliveriesEndsAtItsLastVersion(
            @ForAll @IntRange(min = 1, max = 40) int versions, @ForAll long seed) {
        Random random = new Random(seed);
        List<Integer> deliveries = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            deliveries.add(version);
            while (random.nextInt(3) == 0) {
                deliveries.add(1 + random.nextInt(version));
            }
        }
        ValueStore store = store();
        UUID id = UUID.randomUUID();
        long lastSeen = 0;
        for (int version : deliveries) {
            store.apply(id, version * 10.0, version, version);
            long now = store.get(id).version();
            assertThat(now).as("never goes back").isGreaterThanOrEqualTo(lastSeen);
            lastSeen = now;
        }
        assertThat(store.get(id)).isEqualTo(new StoredValue(versions * 10.0, versions, versions));
    }

    @Property(tries = 50)
    void pagesCoverEveryValueOnceInIdOrder(
            @ForAll @IntRange(min = 0, max = 300) int count, @ForAll @IntRange(min = 1, max = 40) int limit) {
        ValueStore store = store();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            store.apply(id, i, 1, i);
        }
        List<UUID> seen = new ArrayList<>();
        UUID after = null;
        int pages = 0;
        while (true) {
            ValueStore.Page page = store.page(after, limit);
            assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
            page.entries().forEach(entry -> seen.add(entry.valueId()));
            pages++;
            if (!page.more()) {
                break;
            }
            after = page.entries().get(page.entries().size() - 1).valueId();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        List<String> asText = seen.stream().map(UUID::toString).toList();
        List<String> sorted = new ArrayList<>(asText);
        Collections.sort(sorted);
        assertThat(asText).as("id order is the order of the ids' text").isEqualTo(sorted);
        assertThat(pages).isEqualTo(Math.max(1, (count + limit - 1) / limit));
    }

    @Property(tries = 30)
    void aPageFromAnyCursorIsTheNextIdsOfASortedCopy(
            @ForAll @IntRange(min = 0, max = 3000) int count, @ForAll @IntRange(min = 1, max = 60) int limit,
            @ForAll long seed) {
        Random random = new Random(seed);
        ValueStore store = store();
        TreeSet<UUID> sorted = new TreeSet<>(ValueStore.ID_ORDER);
        for (int i = 0; i < count; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            sorted.add(id);
            store.apply(id, i, 1, i);
            if (random.nextInt(4) == 0) {
                UUID again = sorted.first();
                store.apply(again, i, store.get(again).version() + 1, i);
            }
        }
        for (int probe = 0; probe < 20; probe++) {
            UUID after;
            if (probe == 0) {
                after = null;
            } else if (sorted.isEmpty() || random.nextBoolean()) {
                after = new UUID(random.nextLong(), random.nextLong());
            } else {
                after = sorted.stream().skip(random.nextInt(sorted.size())).findFirst().orElseThrow();
            }
            List<UUID> expected = (after == null ? sorted : sorted.tailSet(after, false)).stream().limit(limit).toList();
            ValueStore.Page page = store.page(after, limit);
            assertThat(page.entries()).extracting(ValueStore.Entry::valueId).isEqualTo(expected);
            assertThat(page.entries()).allSatisfy(entry -> assertThat(entry.value()).isEqualTo(store.get(entry.valueId())));
            assertThat(page.more()).isEqualTo((after == null ? sorted : sorted.tailSet(after, false)).size() > limit);
        }
    }

    @Test
    void aPageLooksAtAHandfulOfIdsNotTheWholeStore() {
        ValueStore store = store();
        Random random = new Random(16);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids.add(id);
            store.apply(id, i, 1, i);
        }
        List<UUID> cursors = new ArrayList<>();
        cursors.add(null);
        for (int i = 0; i < 20; i++) {
            cursors.add(ids.get(random.nextInt(ids.size())));
        }
        for (UUID after : cursors) {
            long before = store.idsVisitedByPages();
            assertThat(store.page(after, 10).entries()).hasSize(10);
            assertThat(store.idsVisitedByPages() - before).as("ids visited for a page of 10 of 200,000 after %s", after)
                    .isLessThan(1_000);
        }
    }

    @Test
    void pagesTakenWhileValuesArriveAreInOrderAndMissNoValueThatWasThereBefore() throws Exception {
        ValueStore store = store();
        Random random = new Random(5);
        Set<UUID> before = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            before.add(id);
            store.apply(id, i, 1, i);
        }
        Set<UUID> all = ConcurrentHashMap.newKeySet();
        all.addAll(before);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch pagedOnce = new CountDownLatch(1);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread projector = new Thread(() -> {
            try {
                Random writes = new Random(7);
                List<UUID> mine = new ArrayList<>(before);
                started.countDown();
                for (int i = 0; i < 60_000; i++) {
                    if (i == 30_000 && !pagedOnce.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the reader never finished a round");
                    }
                    if (writes.nextInt(3) == 0) {
                        UUID id = mine.get(writes.nextInt(mine.size()));
                        store.apply(id, i, store.get(id).version() + 1, i);
                    } else {
                        UUID id = new UUID(writes.nextLong(), writes.nextLong());
                        all.add(id);
                        mine.add(id);
                        store.apply(id, i, 1, i);
                    }
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        }, "projector");
        projector.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        do {
            List<UUID> seen = allPages(store, random);
            Set<UUID> seenOnce = new HashSet<>(seen);
            assertThat(seen).as("in id order").isSortedAccordingTo(ValueStore.ID_ORDER);
            assertThat(seenOnce).as("no value twice").hasSameSizeAs(seen);
            assertThat(missing(before, seenOnce)).as("values there before the pages began").isEmpty();
            assertThat(missing(seenOnce, all)).as("values never written").isEmpty();
            pagedOnce.countDown();
        } while (projector.isAlive());
        projector.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writerFailure.get()).isNull();

        List<UUID> settled = allPages(store, random);
        assertThat(settled).isSortedAccordingTo(ValueStore.ID_ORDER).hasSize(all.size()).hasSize(store.size());
        assertThat(new HashSet<>(settled)).as("once the writes stop, the pages hold exactly every value").isEqualTo(all);
    }

    private static List<UUID> allPages(ValueStore store, Random random) {
        List<UUID> seen = new ArrayList<>();
        UUID after = null;
        while (true) {
            ValueStore.Page page = store.page(after, 1 + random.nextInt(500));
            page.entries().forEach(entry -> {
                assertThat(entry.value()).isNotNull();
                seen.add(entry.valueId());
            });
            if (!page.more()) {
                return seen;
            }
            after = page.entries().get(page.entries().size() - 1).valueId();
        }
    }

    private static Set<UUID> missing(Set<UUID> expected, Set<UUID> actual) {
        Set<UUID> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
