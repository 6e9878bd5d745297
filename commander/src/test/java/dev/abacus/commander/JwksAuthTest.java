package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JWT mode with the issuer's keys fetched from a JWKS URL, here a JDK HttpServer; tokens are RS256. */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksAuthTest implements TestPropertyProvider {

    private final RSAKey issuerKey = TestTokens.rsaKey("key-1");
    private final RSAKey impostorKey = TestTokens.rsaKey("key-1");
    private final RSAKey unknownKey = TestTokens.rsaKey("key-2");
    private final AtomicInteger fetches = new AtomicInteger();
    private EmbeddedKafka kafka;
    private HttpServer jwks;
    private Http http;

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        jwks = jwksServer(new JWKSet(issuerKey.toPublicJWK()));
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(List.of("commands", "events", "outcomes"), 1, Map.of());
        return Map.of(
                "micronaut.server.port", "-1",
                "abacus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "abacus.auth.mode", "JWT",
                "abacus.auth.jwks-url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json",
                "abacus.auth.issuer", TestTokens.ISSUER);
    }

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    @AfterAll
    void stop() {
        kafka.close();
        jwks.stop(0);
    }

    @Test
    void anRs256TokenSignedByAKeyOfTheJwksIsAccepted() {
        Http.Answer answer = http.post("/values", "{\"value\": 3}", "Authorization", "Bearer " + token(
                TestTokens.claims("alice", Scopes.COMMANDS_WRITE).build()), "Idempotency-Key", "k1");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("command_id").asText())
                .isEqualTo(IdempotencyKeys.commandIdForCreate("alice", "k1").toString());
        assertThat(fetches.get()).as("JWKS fetches").isPositive();
    }

    @Test
    void everySpellingOfEveryGuardedRouteNeedsAJwtSignedByTheIssuer() {
        String[] all = TestTokens.bearer(token(TestTokens.claims("ci", Scopes.ALL.toArray(String[]::new)).build()));
        String knownCommand = http.post("/values", "{\"value\": 1}", all).json().get("command_id").asText();
        long commandsBefore = CommandsWritten.count(kafka);
        List<Attempt> attempts = List.of(
                Attempt.withoutBearer("no token"),
                Attempt.of("a malformed token", Expect.UNAUTHORIZED, scope -> TestTokens.bearer("not.a.jwt")),
                Attempt.of("an unsigned JWT", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.unsigned(TestTokens.claims("ci", scope).build()))),
                Attempt.of("a JWT signed by another key under the issuer's key id", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.rs256(impostorKey, TestTokens.claims("ci", scope).build()))),
                Attempt.of("a JWT signed by a key the JWKS does not have", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.rs256(unknownKey,
                                TestTokens.claims("ci", scope).build()))),
                Attempt.of("an HS256 JWT, no secret is configured", Expect.UNAUTHORIZED,
                        scope -> TestTokens.bearer(TestTokens.hs256("s".repeat(32), TestTokens.claims("ci", scope).build()))),
                Attempt.of("an expired JWT", Expect.UNAUTHORIZED, scope -> TestTokens.bearer(token(
                        TestTokens.claims("ci", scope).expirationTime(new Date(0)).build()))),
                Attempt.of("a JWT of another issuer", Expect.UNAUTHORIZED, scope -> TestTokens.bearer(token(
                        TestTokens.claims("ci", scope).issuer("https://elsewhere.test").build()))),
                Attempt.of("a valid JWT without the scope", Expect.FORBIDDEN, scope -> TestTokens.bearer(token(
                        TestTokens.claims("ci", Scopes.VALUES_READ).build()))),
                Attempt.of("a valid JWT with the scope only", Expect.ALLOWED,
                        scope -> TestTokens.bearer(token(TestTokens.claims("ci", scope).build()))));

        GuardedRouteWalker.Tally tally = new GuardedRouteWalker(http, router)
                .walk(Attempt.of("a valid JWT with all scopes", Expect.ALLOWED, scope -> all), attempts, knownCommand);

        System.out.println("jwt (JWKS, RS256) mode walk: " + tally + ", JWKS fetched " + fetches.get() + " times");
        assertThat(fetches.get()).as("JWKS fetches: once, then cached").isOne();
        assertThat(tally.cases()).isEqualTo(tally.routed() * (attempts.size() + 1));
        assertThat(CommandsWritten.count(kafka) - commandsBefore).as("commands written, all by allowed calls")
                .isEqualTo(tally.writes());
    }

    private String token(JWTClaimsSet claims) {
        return TestTokens.rs256(issuerKey, claims);
    }

    private HttpServer jwksServer(JWKSet keys) {
        byte[] document = keys.toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                fetches.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(document);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
