package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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

    @Inject
    Router router;

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
    void authenticationAnswersBeforeTheBodyIsJudged() {
        assertThat(http.post("/values", "{\"value\": 3}", "Content-Encoding", "gzip").status()).isEqualTo(401);
        assertThat(http.send("POST", "/values", "garbage", "{\"value\": 3}").status()).isEqualTo(401);
        assertThat(http.post("/values", "{\"value\": 3}", "Content-Encoding", "gzip", "Authorization", "Bearer " + CI_TOKEN)
                .status()).isEqualTo(415);
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

    /**
     * Walks every route the router knows that needs a token, in many spellings. A spelling that the
     * router sends to the route (a valid token gets an answer from it) must be refused without one.
     */
    @Test
    void everySpellingOfEveryGuardedRouteNeedsAValidToken() {
        List<UriRouteInfo<?, ?>> guarded = router.uriRoutes()
                .filter(route -> route.getAnnotationMetadata().hasAnnotation(RequiresBearerToken.class))
                .toList();
        assertThat(guarded).extracting(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .contains("POST /values", "PUT /values/{id}", "GET /commands/{id}");
        String[] valid = {"Authorization", "Bearer " + CI_TOKEN};
        String knownCommand = http.post("/values", "{\"value\": 1}", valid).json().get("command_id").asText();
        long commandsBefore = commandsWritten();
        int authorisedWrites = 0;
        int routed = 0;
        int refused = 0;
        for (UriRouteInfo<?, ?> route : guarded) {
            String method = route.getHttpMethodName();
            String id = route.getUriMatchTemplate().toString().startsWith("/commands") ? knownCommand
                    : UUID.randomUUID().toString();
            String path = route.getUriMatchTemplate().expand(Map.of("id", id));
            String body = method.equals("GET") || method.equals("HEAD") ? null
                    : "{\"operation\": \"ADD\", \"value\": 1000}";
            String contentType = body == null ? null : "application/json";
            for (String spelling : spellings(path)) {
                Http.Answer authorised = http.send(method, spelling, contentType, body, valid);
                boolean reachesRoute = authorised.status() != 404 && authorised.status() != 405;
                if (reachesRoute) {
                    routed++;
                    if (body != null && authorised.status() == 202) {
                        authorisedWrites++;
                    }
                }
                for (String[] credentials : List.of(new String[0],
                        new String[] {"Authorization", "Bearer not-" + CI_TOKEN},
                        new String[] {"Authorization", "Basic Y2k6" + CI_TOKEN})) {
                    Http.Answer answer = http.send(method, spelling, contentType, body, credentials);
                    String attempt = method + " " + spelling + " with " + List.of(credentials);
                    if (reachesRoute) {
                        assertThat(answer.status()).as(attempt).isEqualTo(401);
                        refused++;
                    } else {
                        assertThat(answer.status()).as(attempt).isEqualTo(authorised.status());
                    }
                }
            }
        }
        assertThat(routed).as("spellings that reach a guarded route").isGreaterThanOrEqualTo(4 * guarded.size());
        assertThat(refused).isEqualTo(3 * routed);
        assertThat(commandsWritten() - commandsBefore).as("commands written, all by authorised calls")
                .isEqualTo(authorisedWrites);
    }

    private static List<String> spellings(String path) {
        String upperId = path.substring(0, path.lastIndexOf('/') + 1) + path.substring(path.lastIndexOf('/') + 1)
                .toUpperCase(Locale.ROOT);
        return List.of(path, path + "/", path + "//", "/" + path, path + "?wait=1s", path + "/?wait=1s",
                upperId, upperId + "/", path.toUpperCase(Locale.ROOT), path.replace("-", "%2D"),
                "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2), "/." + path,
                path + "%2F", path + ";x=1");
    }

    private long commandsWritten() {
        try (Admin admin = kafka.admin()) {
            TopicPartition commands = new TopicPartition("commands", 0);
            return admin.listOffsets(Map.of(commands, OffsetSpec.latest())).all().get().get(commands).offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void viewRoutesAreNotGuarded() {
        assertThat(http.get("/values").status()).isNotEqualTo(401);
        assertThat(http.get("/values/" + UUID.randomUUID()).status()).isNotEqualTo(401);
    }
}
