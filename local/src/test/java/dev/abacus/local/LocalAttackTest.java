package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.abacus.auth.RouteAttack;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted attack on the whole stack in JWT mode: every guarded operation of both served OpenAPI documents, in
 * every spelling, with no token, a non-JWT, an unsigned, a forged, a tampered, an expired and a wrong-scope token.
 * Nothing may be served, and the value the writes aimed at must not move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String SECRET = "the-services-hs256-secret-0123456789abcdef";
    private static final String ISSUER = "https://issuer.abacus.test";
    private static final UnaryOperator<JWTClaimsSet.Builder> AS_CONFIGURED = claims -> claims.issuer(ISSUER);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalAbacus abacus;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        abacus = LocalAbacus.start(new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 1), Map.of(
                "abacus.auth.mode", "jwt", "abacus.auth.secret", SECRET, "abacus.auth.issuer", ISSUER));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(new RouteAttack.Request("GET", "/health/readiness", null, null)).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        abacus.close();
    }

    @Test
    void everyGuardedRouteInEverySpellingRefusesEveryBadCredentialAndNoWriteLands() throws IOException {
        String writer = bearer(Scopes.COMMANDS_WRITE);
        String reader = bearer(Scopes.VALUES_READ);
        HttpResponse<String> created = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(new RouteAttack.Request("POST", "/values", "{\"value\": 1}", writer)),
                        response -> response.statusCode() == 201);
        String id = JSON.readTree(created.body()).get("value_id").asText();
        List<RouteAttack.Operation> operations = new ArrayList<>();
        for (String document : List.of("/commander/openapi.yml", "/view/openapi.yml")) {
            operations.addAll(RouteAttack.guardedOperations(served(document)));
        }

        RouteAttack.Report report = new RouteAttack(SECRET, AS_CONFIGURED).run(operations, id,
                request -> answer(send(request)));

        System.out.println("[attack, local stack] " + operations.size() + " operations: " + report);
        assertThat(operations).extracting(o -> o.method() + " " + o.pathTemplate())
                .containsExactlyInAnyOrder("POST /values", "PUT /values/{id}", "GET /commands/{id}",
                        "GET /values/{id}", "GET /values");
        assertThat(report.breaches()).isEmpty();
        assertThat(report.perStatus()).containsOnlyKeys(401, 403, 404);
        assertThat(report.perStatus().get(403)).as("every wrong-scope token on a routed spelling")
                .isEqualTo(report.perCredential().get(RouteAttack.Credential.WRONG_SCOPE) - report.perStatus().get(404)
                        / RouteAttack.Credential.values().length);
        assertThat(report.perCredential()).hasSize(RouteAttack.Credential.values().length);
        HttpResponse<String> fence = send(new RouteAttack.Request("PUT", "/values/" + id,
                "{\"operation\": \"ADD\", \"value\": 1}", writer));
        assertThat(fence.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fence.body()).path("version").asLong())
                .as("the first write after the attack is the value's second version").isEqualTo(2);
        JsonNode values = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> JSON.readTree(send(new RouteAttack.Request("GET", "/values?limit=100", null, reader)).body()),
                        page -> page.path("items").size() >= 1);
        assertThat(values.path("items")).as("no create of the attack landed").hasSize(1);
    }

    private static RouteAttack.Answer answer(HttpResponse<String> response) {
        try {
            return new RouteAttack.Answer(response.statusCode(), JSON.readTree(response.body()).path("type").asText(null));
        } catch (IOException e) {
            return new RouteAttack.Answer(response.statusCode(), null);
        }
    }

    private JsonNode served(String path) throws IOException {
        HttpResponse<String> document = send(new RouteAttack.Request("GET", path, null, null));
        assertThat(document.statusCode()).isEqualTo(200);
        return YAML.readTree(document.body());
    }

    private static String bearer(String scope) {
        return "Bearer " + TestTokens.hs256(SECRET, AS_CONFIGURED.apply(TestTokens.claims("tester", scope)).build());
    }

    private HttpResponse<String> send(RouteAttack.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + abacus.port() + request.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=30")
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
