package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.abacus.auth.Http;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.commander.GuardedRouteWalker.Attempt;
import dev.abacus.commander.GuardedRouteWalker.Expect;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JWT mode with an HS256 shared secret, an issuer and an audience to enforce. */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthTest implements TestPropertyProvider {

    private static final String SECRET = "a-shared-secret-of-at-least-256-bits!";
    private static final String OTHER_SECRET = "another-secret-of-at-least-256-bits!!";

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
                "abacus.auth.mode", "jwt",
                "abacus.auth.secret", SECRET,
                "abacus.auth.issuer", TestTokens.ISSUER,
                "abacus.auth.audience", TestTokens.AUDIENCE);
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
    void theJwtSubjectIsThePrincipalOfIdempotencyKeys() {
        String alice = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE).jwtID("1").build());
        String aliceAgain = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE).jwtID("2").build());
        String bob = token(TestTokens.claims("bob", Scopes.COMMANDS_WRITE).build());

        Http.Answer first = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + alice, "Idempotency-Key", "k1");
        Http.Answer retry = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + aliceAgain, "Idempotency-Key", "k1");
        Http.Answer other = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + bob, "Idempotency-Key", "k1");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("command_id").asText())
                .isEqualTo(IdempotencyKeys.commandIdForCreate("alice", "k1").toString())
                .isEqualTo(retry.json().get("command_id").asText())
                .isNotEqualTo(other.json().get("command_id").asText());
    }

    @Test
    void aTokenWithoutTheScopeIs403AndTheChallengeNamesIt() {
        String reader = token(TestTokens.claims("alice", Scopes.COMMANDS_READ, Scopes.VALUES_READ).build());

        Http.Answer answer = http.put("/values/" + UUID.randomUUID(), "not json", "Authorization", "Bearer " + reader);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"abacus:commands:write\"");
        assertThat(answer.json().get("reason").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anScpArrayGrantsScopesToo() {
        String scp = token(TestTokens.claims("alice").claim("scp", List.of(Scopes.COMMANDS_WRITE)).build());
        String scpString = token(TestTokens.claims("alice").claim("scp", Scopes.COMMANDS_READ).build());
        String commandId = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + scp)
                .json().get("command_id").asText();

        assertThat(http.get("/commands/" + commandId, "Authorization", "Bearer " + scpString).status()).isEqualTo(200);
        assertThat(http.get("/commands/" + commandId, "Authorization", "Bearer " + scp).status()).isEqualTo(403);
    }

    @Test
    void theClockSkewForgivesThirtySecondsAndNoMore() {
        Instant now = Instant.now();
        String justExpired = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE)
                .expirationTime(Date.from(now.minusSeconds(10))).build());
        String nearlyValid = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE)
                .notBeforeTime(Date.from(now.plusSeconds(10))).build());
        String longExpired = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE)
                .expirationTime(Date.from(now.minusSeconds(90))).build());
        String notYetValid = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE)
                .notBeforeTime(Date.from(now.plusSeconds(90))).build());

        assertThat(http.post("/values", "{\"value\": 3}", TestTokens.bearer(justExpired)).status()).isEqualTo(202);
        assertThat(http.post("/values", "{\"value\": 3}", TestTokens.bearer(nearlyValid)).status()).isEqualTo(202);
        assertThat(http.post("/values", "{\"value\": 3}", TestTokens.bearer(longExpired)).status()).isEqualTo(401);
        assertThat(http.post("/values", "{\"value\": 3}", TestTokens.bearer(notYetValid)).status()).isEqualTo(401);
    }

    @Test
    void theAudienceMayBeOneOfSeveral() {
        String several = token(TestTokens.claims("alice", Scopes.COMMANDS_WRITE)
                .audience(List.of("another-service", TestTokens.AUDIENCE)).build());

        assertThat(http.post("/values", "{\"value\": 3}", TestTokens.bearer(several)).status()).isEqualTo(202);
    }

    /**
     * Every guarded route, in every spelling, with every way a token can be wrong (401), valid
     * tokens lacking the route's scope (403) and valid tokens granting it (2xx).
     */
    @Test
    void everySpellingOfEveryGuardedRouteNeedsAValidJwtWithItsScope() {
        String[] all = TestTokens.bearer(token(TestTokens.claims("ci", Scopes.ALL.toArray(String[]::new)).build()));
        String knownCommand = http.post("/values", "{\"value\": 1}", all).json().get("command_id").asText();
        long commandsBefore = CommandsWritten.count(kafka);
        Instant now = Instant.now();
        List<Attempt> attempts = List.of(
                Attempt.withoutBearer("no token"),
                Attempt.withoutBearer("basic credentials", "Authorization", "Basic Y2k6Y2k="),
                Attempt.of("a malformed token", Expect.UNAUTHORIZED, scope -> TestTokens.bearer("not-a-jwt")),
                Attempt.of("three dotted parts of nothing", Expect.UNAUTHORIZED, scope -> TestTokens.bearer("e30.e30.e30")),
                Attempt.of("an unsigned JWT", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.unsigned(TestTokens.claims("ci", scope).build()))),
                Attempt.of("a JWT signed with another secret", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.hs256(OTHER_SECRET, TestTokens.claims("ci", scope).build()))),
                Attempt.of("a JWT whose claims were swapped after signing", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.tampered(
                                token(TestTokens.claims("ci").build()), TestTokens.claims("ci", scope).build()))),
                Attempt.of("an expired JWT", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.expirationTime(Date.from(now.minus(Duration.ofMinutes(2)))))),
                Attempt.of("a JWT not valid yet", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(2)))))),
                Attempt.of("a JWT of another issuer", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.issuer("https://elsewhere.test"))),
                Attempt.of("a JWT whose issuer only ends like ours", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.issuer("https://evil." + TestTokens.ISSUER.substring("https://".length())))),
                Attempt.of("a JWT without an issuer", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.issuer(null))),
                Attempt.of("a JWT for another audience", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.audience("another-service"))),
                Attempt.of("a JWT without an audience", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.audience((String) null))),
                Attempt.of("a JWT without a subject", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.subject(null))),
                Attempt.of("a JWT without an expiry", Expect.UNAUTHORIZED, scope -> claimed(scope,
                        claims -> claims.expirationTime(null))),
                Attempt.of("a valid JWT without scopes", Expect.FORBIDDEN,
                        scope -> TestTokens.bearer(token(TestTokens.claims("ci").build()))),
                Attempt.of("a valid JWT with every other scope", Expect.FORBIDDEN, scope -> TestTokens.bearer(token(
                        TestTokens.claims("ci", others(scope)).build()))),
                Attempt.of("a valid JWT whose scope only starts like it", Expect.FORBIDDEN, scope -> TestTokens.bearer(token(
                        TestTokens.claims("ci", scope + "s").build()))),
                Attempt.of("a valid JWT with the scope only", Expect.ALLOWED,
                        scope -> TestTokens.bearer(token(TestTokens.claims("ci", scope).build()))));

        GuardedRouteWalker.Tally tally = new GuardedRouteWalker(http, router)
                .walk(Attempt.of("a valid JWT with all scopes", Expect.ALLOWED, scope -> all), attempts, knownCommand);

        System.out.println("jwt (HS256) mode walk: " + tally);
        assertThat(tally.cases()).isEqualTo(tally.routed() * (attempts.size() + 1));
        assertThat(CommandsWritten.count(kafka) - commandsBefore).as("commands written, all by allowed calls")
                .isEqualTo(tally.writes());
    }

    private static String token(JWTClaimsSet claims) {
        return TestTokens.hs256(SECRET, claims);
    }

    private static String[] claimed(String scope, UnaryOperator<JWTClaimsSet.Builder> change) {
        return TestTokens.bearer(token(change.apply(TestTokens.claims("ci", scope)).build()));
    }

    private static String[] others(String scope) {
        return Scopes.ALL.stream().filter(other -> !other.equals(scope)).toArray(String[]::new);
    }
}
