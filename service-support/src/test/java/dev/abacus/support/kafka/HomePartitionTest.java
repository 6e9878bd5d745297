package dev.abacus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class HomePartitionTest {

    @Test
    void isWhereTheJavaProducerPutsTheValueIdKey() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            UUID valueId = new UUID(random.nextLong(), random.nextLong());
            int partitions = 1 + random.nextInt(64);
            byte[] key = valueId.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(HomePartition.of(valueId, partitions))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
        }
    }

    @Test
    void ignoresHowTheIdWasSpelt() {
        UUID lower = UUID.fromString("d35e95f5-0b6a-4c4e-9d7e-6c1f2a3b4c5d");
        UUID upper = UUID.fromString("D35E95F5-0B6A-4C4E-9D7E-6C1F2A3B4C5D");
        assertThat(HomePartition.of(upper, 12)).isEqualTo(HomePartition.of(lower, 12));
        assertThatThrownBy(() -> HomePartition.of(lower, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
