package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerAuthTest implements TestPropertyProvider {

    private static final String CI_TOKEN = "ci-token-0123456789";
    private static final String OPS_TOKEN = "ops-token-9876543210";

    private EmbeddedKafka kafka;
    private Http http;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), 1, Map.of());
        return Map.of(
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.commander.auth.tokens", "ci:" + CI_TOKEN + "," + OPS_TOKEN);
    }

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void missingTokenIs401WithAChallenge() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrongTokenIs401EvenWithABadBody() {
        Http.Answer answer = http.put("/values/" + UUID.randomUUID(), "not json", "Authorization", "Bearer nope");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(http.get("/commands/" + UUID.randomUUID(), "Authorization", "Basic Zm9vOmJhcg==").status())
                .isEqualTo(401);
    }

    @Test
    void rightTokenIsAccepted() {
        Http.Answer named = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + CI_TOKEN);
        Http.Answer bare = http.post("/values", "{\"value\": 3}", "Authorization", "bearer " + OPS_TOKEN);

        assertThat(named.status()).isEqualTo(202);
        assertThat(bare.status()).isEqualTo(202);
        String commandId = named.json().get("command_id").asText();
        assertThat(http.get("/commands/" + commandId, "Authorization", "Bearer " + CI_TOKEN).status())
                .isEqualTo(200);
    }

    @Test
    void idempotencyKeysAreScopedToThePrincipal() {
        Http.Answer ci = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + CI_TOKEN, "Idempotency-Key", "k1");
        Http.Answer ops = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + OPS_TOKEN, "Idempotency-Key", "k1");

        assertThat(ci.json().get("command_id")).isNotEqualTo(ops.json().get("command_id"));
        assertThat(ci.json().get("value_id")).isNotEqualTo(ops.json().get("value_id"));
    }

    @Test
    void viewRoutesAreNotGuarded() {
        assertThat(http.get("/values").status()).isNotEqualTo(401);
        assertThat(http.get("/values/" + UUID.randomUUID()).status()).isNotEqualTo(401);
    }
}
