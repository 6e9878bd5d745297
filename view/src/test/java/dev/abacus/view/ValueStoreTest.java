package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
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
    void appliesAGapBecauseTheLogIsTheTruth() {
        ValueStore store = store();
        UUID id = UUID.randomUUID();
        store.apply(id, 1, 1, 1);
        assertThat(store.apply(id, 5, 4, 2)).isEqualTo(ValueStore.Applied.GAP_APPLIED);
        assertThat(store.get(id).version()).isEqualTo(4);
        assertThat(store.apply(id, 6, 3, 3)).isEqualTo(ValueStore.Applied.DUPLICATE);
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
}
