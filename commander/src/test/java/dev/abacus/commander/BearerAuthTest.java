package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.auth.Http;
import dev.abacus.auth.PathSpellings;
import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.commander.GuardedRouteWalker.Attempt;
import dev.abacus.commander.GuardedRouteWalker.Expect;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Static mode: tokens listed in the config, each with its scopes or, listing none, all of them. */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerAuthTest implements TestPropertyProvider {

    private static final String CI_TOKEN = "ci-token-0123456789";
    private static final String OPS_TOKEN = "ops-token-9876543210";
    private static final Map<String, String> SCOPED_TOKENS = Map.of(
            Scopes.COMMANDS_WRITE, "writer-token-0123456789",
            Scopes.COMMANDS_READ, "reader-token-0123456789",
            Scopes.VALUES_READ, "viewer-token-0123456789");

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
                "micronaut.server.port", "-1",
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.auth.tokens", String.join(",",
                        "ci:" + CI_TOKEN,
                        OPS_TOKEN,
                        "writer:" + SCOPED_TOKENS.get(Scopes.COMMANDS_WRITE) + " " + Scopes.COMMANDS_WRITE,
                        "reader:" + SCOPED_TOKENS.get(Scopes.COMMANDS_READ) + " " + Scopes.COMMANDS_READ,
                        "viewer:" + SCOPED_TOKENS.get(Scopes.VALUES_READ) + "  " + Scopes.VALUES_READ));
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
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"abacus\"");
        assertThat(answer.json().get("reason").asText()).isEqualTo("UNAUTHORIZED");
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
        assertThat(http.put("/values/" + UUID.randomUUID(), "not json",
                "Authorization", "Bearer " + SCOPED_TOKENS.get(Scopes.COMMANDS_READ)).status()).isEqualTo(403);
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
    void aTokenWithoutTheRoutesScopeIs403NamingTheScope() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + SCOPED_TOKENS.get(Scopes.COMMANDS_READ));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"abacus:commands:write\"");
        assertThat(answer.json().get("reason").asText()).isEqualTo("FORBIDDEN");
        assertThat(answer.json().get("detail").asText()).contains("abacus:commands:write");
    }

    @Test
    void idempotencyKeysAreScopedToThePrincipal() {
        Http.Answer ci = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + CI_TOKEN, "Idempotency-Key", "k1");
        Http.Answer ops = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + OPS_TOKEN, "Idempotency-Key", "k1");
        Http.Answer writer = http.post("/values", "{\"value\": 3}",
                "Authorization", "Bearer " + SCOPED_TOKENS.get(Scopes.COMMANDS_WRITE), "Idempotency-Key", "k1");

        assertThat(ci.json().get("command_id")).isNotEqualTo(ops.json().get("command_id"));
        assertThat(ci.json().get("value_id")).isNotEqualTo(ops.json().get("value_id"));
        assertThat(ci.json().get("command_id").asText())
                .isEqualTo(IdempotencyKeys.commandIdForCreate("ci", "k1").toString());
        assertThat(writer.json().get("command_id").asText())
                .isEqualTo(IdempotencyKeys.commandIdForCreate("writer", "k1").toString());
    }

    /**
     * Every guarded route, in every spelling, with no token, wrong credentials, a token lacking
     * the route's scope and tokens granting it; a refused request never writes a command.
     */
    @Test
    void everySpellingOfEveryGuardedRouteNeedsATokenWithItsScope() {
        String[] all = {"Authorization", "Bearer " + CI_TOKEN};
        String knownCommand = http.post("/values", "{\"value\": 1}", all).json().get("command_id").asText();
        long commandsBefore = CommandsWritten.count(kafka);
        List<Attempt> attempts = List.of(
                Attempt.withoutBearer("no token"),
                Attempt.withoutBearer("basic credentials", "Authorization", "Basic Y2k6" + CI_TOKEN),
                Attempt.of("an unknown token", Expect.UNAUTHORIZED, scope -> TestTokens.bearer("not-" + CI_TOKEN)),
                Attempt.of("an unsigned JWT", Expect.UNAUTHORIZED, scope -> TestTokens.bearer(
                        TestTokens.unsigned(TestTokens.claims("ci", scope).build()))),
                Attempt.of("a signed JWT, static mode takes none", Expect.UNAUTHORIZED, scope -> TestTokens.bearer(
                        TestTokens.hs256("x".repeat(32), TestTokens.claims("ci", scope).build()))),
                Attempt.of("a token with another scope", Expect.FORBIDDEN, scope -> TestTokens.bearer(
                        SCOPED_TOKENS.get(scope.equals(Scopes.COMMANDS_WRITE) ? Scopes.COMMANDS_READ : Scopes.COMMANDS_WRITE))),
                Attempt.of("a token with values:read only", Expect.FORBIDDEN,
                        scope -> TestTokens.bearer(SCOPED_TOKENS.get(Scopes.VALUES_READ))),
                Attempt.of("a token with the scope only", Expect.ALLOWED,
                        scope -> TestTokens.bearer(SCOPED_TOKENS.get(scope))));

        GuardedRouteWalker.Tally tally = new GuardedRouteWalker(http, router)
                .walk(Attempt.of("a token with all scopes", Expect.ALLOWED, scope -> all), attempts, knownCommand);

        System.out.println("static mode walk: " + tally);
        assertThat(tally.cases()).isEqualTo(tally.routed() * (attempts.size() + 1));
        assertThat(CommandsWritten.count(kafka) - commandsBefore).as("commands written, all by allowed calls")
                .isEqualTo(tally.writes());
    }

    /**
     * A route needs a token, is listed open on purpose ({@link GuardedRouteWalker#OPEN}) or is a management endpoint, so
     * a new route cannot slip out unguarded; an open route answers alike in every spelling to every caller.
     */
    @Test
    void everyRouteIsGuardedOpenOnPurposeOrAManagementEndpoint() {
        Set<String> open = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            String name = route.getHttpMethodName() + " " + route.getUriMatchTemplate();
            if (GuardedRouteWalker.OPEN.containsKey(name)) {
                open.add(name);
            } else if (!route.getAnnotationMetadata().hasAnnotation(RequiresBearerToken.class)) {
                assertThat(route.getAnnotationMetadata().hasStereotype(Endpoint.class))
                        .as("%s needs no token and is not listed open on purpose", name).isTrue();
            }
        });
        assertThat(open).isEqualTo(GuardedRouteWalker.OPEN.keySet());

        int reached = 0;
        for (String route : open) {
            String method = route.substring(0, route.indexOf(' '));
            for (String spelling : PathSpellings.of(route.substring(route.indexOf(' ') + 1))) {
                int anonymous = http.send(method, spelling, null, null).status();
                reached += anonymous == 200 ? 1 : 0;
                for (String[] credentials : List.of(TestTokens.bearer(CI_TOKEN), TestTokens.bearer("not-" + CI_TOKEN),
                        TestTokens.bearer(SCOPED_TOKENS.get(Scopes.VALUES_READ)))) {
                    assertThat(http.send(method, spelling, null, null, credentials).status())
                            .as("%s %s (open: %s)", method, spelling, GuardedRouteWalker.OPEN.get(route))
                            .isEqualTo(anonymous).isNotIn(401, 403);
                }
            }
        }
        assertThat(reached).as("spellings that reach an open route").isGreaterThanOrEqualTo(4 * open.size());
    }

    /** The view guards its reads; the commander's guard belongs to its own routes, not to their paths. */
    @Test
    void readsTheCommanderDoesNotServeAreNotItsToGuard() {
        assertThat(http.get("/values").status()).isEqualTo(405);
        assertThat(http.get("/values/" + UUID.randomUUID()).status()).isEqualTo(405);
    }

    @Test
    void securityServesNoEndpointsOfItsOwn() {
        assertThat(router.uriRoutes().map(route -> route.getUriMatchTemplate().toString()))
                .noneMatch(path -> path.startsWith("/token_info") || path.startsWith("/keys")
                        || path.startsWith("/login") || path.startsWith("/logout") || path.startsWith("/oauth"));
        assertThat(http.post("/token_info", "token=" + CI_TOKEN, "Authorization", "Bearer " + CI_TOKEN).status())
                .isEqualTo(404);
        assertThat(http.get("/health").status()).isNotIn(401, 403);
    }

    /** Sensitive management endpoints stay shut to everyone, as without Micronaut Security. */
    @Test
    void sensitiveEndpointsStayShutEvenToATokenWithAllScopes() {
        for (String endpoint : List.of("GET /beans", "GET /routes", "GET /threaddump", "POST /refresh")) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            String body = method.equals("POST") ? "{}" : null;
            String type = body == null ? null : "application/json";

            assertThat(http.send(method, path, type, body).status()).as(endpoint).isEqualTo(401);
            assertThat(http.send(method, path, type, body, "Authorization", "Bearer " + CI_TOKEN).status())
                    .as(endpoint).isEqualTo(403);
        }
    }
}
