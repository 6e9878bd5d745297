package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.auth.Http;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.view.ViewRouteWalker.Attempt;
import dev.abacus.view.ViewRouteWalker.Expect;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Static mode on the view: values need a token granting {@code abacus:values:read}; the status stays open. */
@MicronautTest(environments = "view")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewAuthTest implements TestPropertyProvider {

    private static final String ALL_TOKEN = "all-token-0123456789";
    private static final String VIEWER_TOKEN = "viewer-token-0123456789";
    private static final String COMMANDS_TOKEN = "commands-token-0123456789";

    private final UUID known = UUID.randomUUID();
    private EmbeddedKafka kafka;
    private Http http;

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Inject
    EndpointSensitivityProcessor sensitivity;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        Map<String, String> properties = ViewAuthTest.view(kafka, known);
        properties.put("abacus.auth.tokens", String.join(",",
                "all:" + ALL_TOKEN,
                "viewer:" + VIEWER_TOKEN + " " + Scopes.VALUES_READ,
                "commands:" + COMMANDS_TOKEN + " " + Scopes.COMMANDS_WRITE + " " + Scopes.COMMANDS_READ));
        return properties;
    }

    @BeforeAll
    void awaitTheKnownValue() {
        http = new Http(server.getURI());
        awaitValue(http, known, TestTokens.bearer(ALL_TOKEN));
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void aValueNeedsATokenGrantingValuesRead() {
        Http.Answer anonymous = http.get("/values/" + known);
        Http.Answer commands = http.get("/values/" + known, TestTokens.bearer(COMMANDS_TOKEN));
        Http.Answer viewer = http.get("/values/" + known, TestTokens.bearer(VIEWER_TOKEN));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"abacus\"");
        assertThat(anonymous.json().get("reason").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(anonymous.header(GenerationHeaderFilter.HEADER)).isEqualTo("auth-test");
        assertThat(commands.status()).isEqualTo(403);
        assertThat(commands.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"abacus:values:read\"");
        assertThat(commands.json().get("detail").asText()).contains(Scopes.VALUES_READ);
        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.json().get("value").asDouble()).isEqualTo(3.0);
    }

    @Test
    void aPageOfValuesNeedsTheScopeToo() {
        assertThat(http.get("/values?limit=5").status()).isEqualTo(401);
        assertThat(http.get("/values?limit=5", TestTokens.bearer(COMMANDS_TOKEN)).status()).isEqualTo(403);
        Http.Answer page = http.get("/values?limit=5", TestTokens.bearer(VIEWER_TOKEN));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items").get(0).get("value_id").asText()).isEqualTo(known.toString());
    }

    /** The operator's rebuild probe reads the status without credentials. */
    @Test
    void theStatusStaysOpen() {
        Http.Answer status = http.get(ServiceEndpoints.VIEW_STATUS_PATH);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("generation").asText()).isEqualTo("auth-test");
        assertThat(status.json().get("values").asLong()).isEqualTo(1);
    }

    @Test
    void securityServesNoEndpointsOfItsOwnAndUnknownPathsStay404() {
        assertThat(router.uriRoutes().map(route -> route.getUriMatchTemplate().toString()))
                .noneMatch(path -> path.startsWith("/token_info") || path.startsWith("/keys")
                        || path.startsWith("/login") || path.startsWith("/logout") || path.startsWith("/oauth"));
        for (String path : List.of("/keys", "/token_info", "/nothing-here", "/values/" + known + "/more")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(404);
            assertThat(http.get(path, TestTokens.bearer(ALL_TOKEN)).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void everyRouteIsGuardedOpenOnPurposeOrAManagementEndpoint() {
        List<Attempt> attempts = List.of(
                Attempt.withoutBearer("no token"),
                Attempt.withoutBearer("basic credentials", "Authorization", "Basic dmlld2VyOg=="),
                Attempt.of("an unknown token", Expect.UNAUTHORIZED, TestTokens.bearer("not-" + VIEWER_TOKEN)),
                Attempt.of("an unsigned JWT", Expect.UNAUTHORIZED, TestTokens.bearer(
                        TestTokens.unsigned(TestTokens.claims("viewer", Scopes.VALUES_READ).build()))),
                Attempt.of("a signed JWT, static mode takes none", Expect.UNAUTHORIZED, TestTokens.bearer(
                        TestTokens.hs256("x".repeat(32), TestTokens.claims("viewer", Scopes.VALUES_READ).build()))),
                Attempt.of("a token with the commands scopes", Expect.FORBIDDEN, TestTokens.bearer(COMMANDS_TOKEN)),
                Attempt.of("a token with values:read only", Expect.ALLOWED, TestTokens.bearer(VIEWER_TOKEN)));

        ViewRouteWalker.Tally tally = new ViewRouteWalker(http, router, sensitivity)
                .walk(Attempt.of("a token listing no scopes, so all", Expect.ALLOWED, TestTokens.bearer(ALL_TOKEN)),
                        attempts, known.toString());

        System.out.println("view, static mode walk: " + tally);
        assertThat(tally.cases()).isEqualTo(tally.guardedSpellings() * (attempts.size() + 1));
        assertThat(tally.byExpectation()).containsOnlyKeys(Expect.values());
    }

    /** The view's settings for a one-partition events topic holding one value, {@code known} = 3. */
    static Map<String, String> view(EmbeddedKafka kafka, UUID known) {
        kafka.createTopics(List.of("events"), 1, Map.of());
        try (EventLog log = new EventLog(kafka.bootstrapServers(), "events")) {
            log.send(EventLog.created(known, 3.0));
            log.flush();
        }
        Map<String, String> properties = new HashMap<>(PipelineTopics.properties("commands", "events", "outcomes"));
        properties.put("micronaut.server.port", "-1");
        properties.put("abacus.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("abacus.view.generation", "auth-test");
        return properties;
    }

    static void awaitValue(Http http, UUID known, String... authorization) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("/values/" + known, authorization).status() == 200);
    }
}
