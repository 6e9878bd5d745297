package dev.abacus.support.kafka;

import static dev.abacus.support.kafka.EventAdmission.Succession.JUMP;
import static dev.abacus.support.kafka.EventAdmission.Succession.NEXT;
import static dev.abacus.support.kafka.EventAdmission.Succession.REPEAT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventAdmissionTest {

    @Test
    void onlyTheNextVersionIsApplied() {
        assertThat(EventAdmission.succession(0, 1)).isEqualTo(NEXT);
        assertThat(EventAdmission.succession(4, 5)).isEqualTo(NEXT);
        assertThat(EventAdmission.succession(4, 4)).isEqualTo(REPEAT);
        assertThat(EventAdmission.succession(4, -3)).isEqualTo(REPEAT);
        assertThat(EventAdmission.succession(0, 2)).isEqualTo(JUMP);
        assertThat(EventAdmission.succession(1, 999_999)).isEqualTo(JUMP);
        assertThat(EventAdmission.succession(1, Long.MAX_VALUE)).isEqualTo(JUMP);
        assertThat(EventAdmission.succession(-5, Long.MAX_VALUE)).as("no overflow into NEXT").isEqualTo(JUMP);
        assertThat(EventAdmission.succession(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(REPEAT);
    }

    @Test
    void anEventBelongsOnItsValuesHomePartitionUnderItsCanonicalId() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            UUID valueId = new UUID(random.nextLong(), random.nextLong());
            byte[] key = valueId.toString().getBytes(StandardCharsets.US_ASCII);
            int home = HomePartition.of(valueId, 6);
            assertThat(EventAdmission.misplaced(key, valueId, home, 6)).isNull();
            assertThat(EventAdmission.misplaced(key, valueId, (home + 1) % 6, 6)).contains("lives on " + home);
            byte[] upper = valueId.toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (!java.util.Arrays.equals(upper, key)) {
                assertThat(EventAdmission.misplaced(upper, valueId, home, 6)).contains("key is not its value id");
            }
        }
        UUID valueId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        assertThat(EventAdmission.misplaced(other.toString().getBytes(StandardCharsets.US_ASCII), valueId, 0, 1))
                .contains("key is not");
        assertThat(EventAdmission.misplaced(null, valueId, 0, 1)).contains("no key");
        assertThat(EventAdmission.misplaced("short".getBytes(StandardCharsets.US_ASCII), valueId, 0, 1)).contains("key is not");
    }
}
