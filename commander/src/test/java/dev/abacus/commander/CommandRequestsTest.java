package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.support.http.ProblemException;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class CommandRequestsTest {

    @Property
    void everyFiniteNumberIsAcceptedAsIs(@ForAll double value) {
        JsonNode body = JsonNode.createObjectNode(Map.of("value", JsonNode.createNumberNode(value)));
        if (Double.isFinite(value)) {
            assertThat(CommandRequests.create(body).value()).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> CommandRequests.create(body)).isInstanceOf(ProblemException.class);
        }
    }

    @Property
    void idempotencyKeysAreDeterministicPerPrincipalAndTarget(
            @ForAll @StringLength(min = 1, max = 200) String key, @ForAll("principals") String principal) {
        UUID valueId = UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(IdempotencyKeys.commandIdForCreate(principal, key))
                .isEqualTo(IdempotencyKeys.commandIdForCreate(principal, key))
                .isNotEqualTo(IdempotencyKeys.commandIdForCreate(principal + "x", key))
                .isNotEqualTo(IdempotencyKeys.commandIdForUpdate(principal, valueId, key));
        assertThat(IdempotencyKeys.valueIdForCreate(principal, key))
                .isNotEqualTo(IdempotencyKeys.commandIdForCreate(principal, key));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> principals() {
        return net.jqwik.api.Arbitraries.of("anonymous", "ci", "ops");
    }

    @net.jqwik.api.Example
    void configOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofHours(1), 1000, Duration.ofSeconds(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofMinutes(2)))
                .hasMessageContaining("max-wait");
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofSeconds(30), 1000, Duration.ofMillis(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofMinutes(2)))
                .hasMessageContaining("send-timeout");
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofSeconds(30), 1000, Duration.ofSeconds(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("outcome-reader-stall-timeout");
    }
}
