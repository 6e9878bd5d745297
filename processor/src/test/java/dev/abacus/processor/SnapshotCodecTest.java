package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Operation;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.ValueState;
import dev.abacus.processor.SnapshotCodec.Frame;
import dev.abacus.processor.SnapshotCodec.Header;
import dev.abacus.processor.SnapshotCodec.MalformedSnapshotException;
import dev.abacus.processor.SnapshotCodec.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final IdempotencyBound BOUND = new IdempotencyBound(Duration.ofHours(1), 4);
    private static final Header HEADER = new Header(3, 8, Uuid.randomUuid(), 12_345, BOUND);

    /** A decoded snapshot is the state it was taken of, and goes on deciding and forgetting exactly as that state. */
    @Property(tries = 50)
    void aSnapshotRestoresTheStateItWasTakenOf(@ForAll @IntRange(min = 0, max = 400) int commands,
            @ForAll @IntRange(min = 1, max = 300) int chunkBytes, @ForAll long seed) {
        Random random = new Random(seed);
        PartitionState original = decided(commands, random);
        List<byte[]> chunks = new ArrayList<>();
        int count = SnapshotCodec.encode(HEADER, original, 42, chunkBytes, chunks::add);

        Snapshot snapshot = SnapshotCodec.decode(chunks);

        assertThat(count).isEqualTo(chunks.size());
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length).isLessThanOrEqualTo(17 + chunkBytes));
        assertThat(snapshot.header()).isEqualTo(HEADER);
        assertThat(snapshot.entries()).isEqualTo((long) original.valueCount() + original.decidedCommandCount());
        assertSameState(snapshot.state(), original);
        List<UUID> values = original.valueCount() == 0 ? List.of(UUID.randomUUID()) : valueIds(original);
        for (int i = 0; i < 60; i++) {
            Instant at = NOW.plusSeconds(commands * 20L + i * 120L);
            UpdateValue update = new UpdateValue(UUID.randomUUID(), values.get(i % values.size()), Operation.ADD, i, at);
            decide(original, update, at);
            decide(snapshot.state(), update, at);
        }
        assertSameState(snapshot.state(), original);
    }

    @Test
    void eachChunkSaysWhichSnapshotItIsOfAndWhichOneIsLast() {
        List<byte[]> chunks = new ArrayList<>();
        SnapshotCodec.encode(HEADER, decided(50, new Random(1)), 77, 256, chunks::add);

        List<Frame> frames = chunks.stream().map(Frame::of).toList();
        assertThat(frames).hasSizeGreaterThan(2);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i)).isEqualTo(new Frame(77, i, i == frames.size() - 1));
        }
        assertThat(Frame.of(null)).isNull();
        assertThat(Frame.of("not a snapshot chunk".getBytes())).isNull();
    }

    @Test
    void aDamagedOrIncompleteSnapshotIsRefused() {
        List<byte[]> chunks = new ArrayList<>();
        SnapshotCodec.encode(HEADER, decided(50, new Random(2)), 9, 256, chunks::add);

        List<byte[]> flipped = new ArrayList<>(chunks);
        byte[] damaged = flipped.get(1).clone();
        damaged[100] ^= 0x10;
        flipped.set(1, damaged);
        assertThatThrownBy(() -> SnapshotCodec.decode(flipped))
                .isInstanceOf(MalformedSnapshotException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> SnapshotCodec.decode(chunks.subList(0, chunks.size() - 1)))
                .isInstanceOf(MalformedSnapshotException.class);
        List<byte[]> extra = new ArrayList<>(chunks);
        extra.add(chunks.get(1));
        assertThatThrownBy(() -> SnapshotCodec.decode(extra)).isInstanceOf(MalformedSnapshotException.class);
        byte[] future = chunks.get(0).clone();
        future[17] = 99;
        assertThatThrownBy(() -> SnapshotCodec.decode(List.of(future)))
                .isInstanceOf(MalformedSnapshotException.class).hasMessageContaining("format 99");
    }

    /** Creates, updates and retries over a few values, spread over more than the bound's retention. */
    private static PartitionState decided(int commands, Random random) {
        PartitionState state = new PartitionState(BOUND);
        List<UUID> values = new ArrayList<>();
        List<UpdateValue> sent = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            Instant at = NOW.plusSeconds(i * 20L);
            if (values.isEmpty() || random.nextInt(10) == 0) {
                UUID value = UUID.randomUUID();
                values.add(value);
                decide(state, new CreateValue(UUID.randomUUID(), value, random.nextInt(100), at), at);
            } else if (!sent.isEmpty() && random.nextInt(5) == 0) {
                decide(state, sent.get(random.nextInt(sent.size())), at);
            } else {
                UpdateValue update = new UpdateValue(UUID.randomUUID(), values.get(random.nextInt(values.size())),
                        random.nextBoolean() ? Operation.ADD : Operation.MULTIPLY, random.nextInt(7), at);
                sent.add(update);
                decide(state, update, at);
            }
        }
        return state;
    }

    private static void decide(PartitionState state, dev.abacus.domain.Command command, Instant now) {
        state.decide(command, now);
    }

    private static List<UUID> valueIds(PartitionState state) {
        return StreamSupport.stream(state.values().spliterator(), false).map(ValueState::valueId).sorted().toList();
    }

    private static void assertSameState(PartitionState actual, PartitionState expected) {
        assertThat(sortedValues(actual)).isEqualTo(sortedValues(expected));
        assertThat(remembered(actual)).isEqualTo(remembered(expected));
        assertThat(actual.newest()).isEqualTo(expected.newest());
        assertThat(actual.decidedCommandCount()).isEqualTo(expected.decidedCommandCount());
    }

    private static List<ValueState> sortedValues(PartitionState state) {
        return StreamSupport.stream(state.values().spliterator(), false)
                .sorted(Comparator.comparing(ValueState::valueId)).toList();
    }

    private static List<Map.Entry<UUID, PartitionState.Remembered>> remembered(PartitionState state) {
        return StreamSupport.stream(state.remembered().spliterator(), false).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
