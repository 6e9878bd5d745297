package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.abacus.auth.Http;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.view.ViewRouteWalker.Attempt;
import dev.abacus.view.ViewRouteWalker.Expect;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JWT mode on the view, with an HS256 shared secret, an issuer and an audience to enforce. */
@MicronautTest(environments = "view")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewJwtAuthTest implements TestPropertyProvider {

    private static final String SECRET = "a-shared-secret-of-at-least-256-bits!";
    private static final String OTHER_SECRET = "another-secret-of-at-least-256-bits!!";

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
        properties.put("abacus.auth.mode", "jwt");
        properties.put("abacus.auth.secret", SECRET);
        properties.put("abacus.auth.issuer", TestTokens.ISSUER);
        properties.put("abacus.auth.audience", TestTokens.AUDIENCE);
        return properties;
    }

    @BeforeAll
    void awaitTheKnownValue() {
        http = new Http(server.getURI());
        ViewAuthTest.awaitValue(http, known, bearer(TestTokens.claims("ci", Scopes.VALUES_READ)));
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void anScpClaimGrantsValuesReadToo() {
        String[] scpArray = bearer(TestTokens.claims("alice").claim("scp", List.of(Scopes.VALUES_READ)));
        String[] scpString = bearer(TestTokens.claims("alice").claim("scp", Scopes.COMMANDS_READ));

        assertThat(http.get("/values/" + known, scpArray).status()).isEqualTo(200);
        assertThat(http.get("/values/" + known, scpString).status()).isEqualTo(403);
    }

    @Test
    void everyRouteIsGuardedOpenOnPurposeOrAManagementEndpoint() {
        Instant now = Instant.now();
        List<Attempt> attempts = List.of(
                Attempt.withoutBearer("no token"),
                Attempt.of("a malformed token", Expect.UNAUTHORIZED, TestTokens.bearer("not.a.jwt")),
                Attempt.of("an unsigned JWT", Expect.UNAUTHORIZED, TestTokens.bearer(
                        TestTokens.unsigned(TestTokens.claims("ci", Scopes.VALUES_READ).build()))),
                Attempt.of("a JWT signed with another secret", Expect.UNAUTHORIZED, TestTokens.bearer(
                        TestTokens.hs256(OTHER_SECRET, TestTokens.claims("ci", Scopes.VALUES_READ).build()))),
                Attempt.of("an expired JWT", Expect.UNAUTHORIZED, bearer(TestTokens.claims("ci", Scopes.VALUES_READ)
                        .expirationTime(Date.from(now.minusSeconds(60))))),
                Attempt.of("a JWT of another issuer", Expect.UNAUTHORIZED, bearer(TestTokens.claims("ci", Scopes.VALUES_READ)
                        .issuer("https://elsewhere.test"))),
                Attempt.of("a JWT for another audience", Expect.UNAUTHORIZED, bearer(TestTokens.claims("ci", Scopes.VALUES_READ)
                        .audience("another-service"))),
                Attempt.of("a JWT without a subject", Expect.UNAUTHORIZED, bearer(TestTokens.claims("ci", Scopes.VALUES_READ)
                        .subject(null))),
                Attempt.of("a valid JWT with the commands scopes", Expect.FORBIDDEN,
                        bearer(TestTokens.claims("ci", Scopes.COMMANDS_WRITE, Scopes.COMMANDS_READ))),
                Attempt.of("a valid JWT whose scope only starts like it", Expect.FORBIDDEN,
                        bearer(TestTokens.claims("ci", Scopes.VALUES_READ + "s"))),
                Attempt.of("a valid JWT without scopes", Expect.FORBIDDEN, bearer(TestTokens.claims("ci"))),
                Attempt.of("a valid JWT with values:read only", Expect.ALLOWED,
                        bearer(TestTokens.claims("ci", Scopes.VALUES_READ))));

        ViewRouteWalker.Tally tally = new ViewRouteWalker(http, router, sensitivity)
                .walk(Attempt.of("a valid JWT with all scopes", Expect.ALLOWED,
                        bearer(TestTokens.claims("ci", Scopes.ALL.toArray(String[]::new)))), attempts, known.toString());

        System.out.println("view, jwt (HS256) mode walk: " + tally);
        assertThat(tally.cases()).isEqualTo(tally.guardedSpellings() * (attempts.size() + 1));
        assertThat(tally.byExpectation()).containsOnlyKeys(Expect.values());
    }

    private static String[] bearer(JWTClaimsSet.Builder claims) {
        return TestTokens.bearer(TestTokens.hs256(SECRET, claims.build()));
    }
}
