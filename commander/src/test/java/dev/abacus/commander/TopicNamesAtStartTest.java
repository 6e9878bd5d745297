package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A topic name the commander cannot find stops it at start; it never falls back to a name of its own. */
class TopicNamesAtStartTest {

    @Test
    void aMisspeltTopicKeyStopsTheCommanderAtStart() {
        assertThatThrownBy(() -> ApplicationContext.builder()
                        .deduceEnvironment(false)
                        .environments("commander")
                        .properties(Map.of(
                                "micronaut.server.port", -1,
                                "abacus.kafka.bootstrap-servers", "127.0.0.1:9",
                                "abacus.topics.commands", "commands",
                                "abacus.topics.event", "events",
                                "abacus.topics.outcomes", "outcomes"))
                        .start()
                        .close())
                .hasStackTraceContaining("Error resolving property value [abacus.topics.events]");
    }
}
