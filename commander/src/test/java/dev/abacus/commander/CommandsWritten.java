package dev.abacus.commander;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records the single-partition commands topic holds: what the commander really wrote. */
final class CommandsWritten {

    private CommandsWritten() {}

    static long count(EmbeddedKafka kafka) {
        try (Admin admin = kafka.admin()) {
            TopicPartition commands = new TopicPartition("commands", 0);
            return admin.listOffsets(Map.of(commands, OffsetSpec.latest())).all().get().get(commands).offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
