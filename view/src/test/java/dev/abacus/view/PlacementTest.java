package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.domain.ValueCreated;
import dev.abacus.domain.WireCodec;
import dev.abacus.support.kafka.EventAdmission;
import dev.abacus.support.kafka.HomePartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The view's key and partition check answers what {@link EventAdmission#misplaced} answers, word for word. */
class PlacementTest {

    @Property(tries = 3000)
    void answersWhatTheAdmissionRuleAnswers(@ForAll long high, @ForAll long low,
            @ForAll @IntRange(min = 0, max = 8) int keyKind, @ForAll boolean upperCaseRecord,
            @ForAll @IntRange(min = 1, max = 8) int partitions, @ForAll @IntRange(min = -1, max = 7) int partitionPick) {
        UUID id = new UUID(high, low);
        String json = new String(WireCodec.encode(new ValueCreated(UUID.randomUUID(), UUID.randomUUID(), id, 1, 1,
                Instant.parse("2026-01-01T00:00:00Z"))), StandardCharsets.UTF_8);
        if (upperCaseRecord) {
            json = json.replace(id.toString(), id.toString().toUpperCase(Locale.ROOT));
        }
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        String canonical = id.toString();
        byte[] key = switch (keyKind) {
            case 0 -> null;
            case 1 -> canonical.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            case 2 -> UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            case 3 -> (canonical + " ").getBytes(StandardCharsets.UTF_8);
            case 4 -> canonical.replace('-', '_').getBytes(StandardCharsets.UTF_8);
            case 5 -> canonical.substring(0, 35).concat("g").getBytes(StandardCharsets.UTF_8);
            case 6 -> (canonical.substring(0, 9) + "\u00e9" + canonical.substring(11)).getBytes(StandardCharsets.ISO_8859_1);
            default -> canonical.getBytes(StandardCharsets.UTF_8);
        };
        int home = HomePartition.of(id, partitions);
        int partition = partitionPick < 0 || partitionPick >= partitions ? home : partitionPick;
        EventDecoder.Decoded decoded = new EventDecoder.Decoded();
        EventDecoder.read(ByteBuffer.wrap(value), decoded);
        assertThat(Placement.misplaced(key, decoded, partition, partitions))
                .isEqualTo(EventAdmission.misplaced(key, id, partition, partitions));
    }
}
