package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.auth.Http;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The commander's OpenAPI document against the commander: every route is an operation and every operation a route,
 * the served document is the one the build wrote, and live answers (each operation's successes, the outcomes of a
 * wait, refusals of authentication, labels and bodies) have a status, content type and shape the document lists.
 */
@MicronautTest(environments = "commander")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest implements TestPropertyProvider {

    private static final String ALL = "all-token-0123456789";
    private static final String READER = "reader-token-0123456789";
    private static final String WAIT = "?wait=30s";

    private EmbeddedKafka kafka;
    private FakeProcessor processor;
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
                "abacus.auth.tokens", "all:" + ALL + ",reader:" + READER + " " + Scopes.COMMANDS_READ);
    }

    @BeforeAll
    void startProcessor() {
        processor = new FakeProcessor(kafka.bootstrapServers(), "commands", "outcomes", 1);
        http = new Http(server.getURI());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.post("/values" + WAIT, "{\"value\": 0}", TestTokens.bearer(ALL)).status() == 201);
    }

    @AfterAll
    void stop() throws InterruptedException {
        processor.close();
        kafka.close();
    }

    @Test
    void everyRouteIsAnOperationAndEveryOperationARoute() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes()
                .filter(route -> !route.getAnnotationMetadata().hasStereotype(Endpoint.class))
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .forEach(route -> routes.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate()));

        assertThat(routes).isEqualTo(ApiDocument.CONTRACT.operations())
                .contains("POST /values", "PUT /values/{id}", "GET /commands/{id}", "GET " + OpenApiController.PATH);
    }

    @Test
    void theServedDocumentIsTheOneTheBuildWroteAndNeedsNoToken() throws IOException {
        Http.Answer served = http.get(OpenApiController.PATH);

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith(OpenApiController.YAML);
        try (InputStream built = getClass().getClassLoader().getResourceAsStream(OpenApiController.RESOURCE)) {
            assertThat(served.response().body()).isEqualTo(new String(built.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(ApiDocument.CONTRACT.document().at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(ApiDocument.CONTRACT.document().at("/paths/~1values/post/security/0/bearer/0").asText())
                .isEqualTo(Scopes.COMMANDS_WRITE);
    }

    @Test
    void liveAnswersAreTheOnesTheDocumentLists() {
        String[] all = TestTokens.bearer(ALL);
        String[] reader = TestTokens.bearer(READER);
        UUID unknown = UUID.randomUUID();
        Exchanges exchanges = new Exchanges();

        Http.Answer accepted = exchanges.send("POST", "/values", "{\"value\": 3}", all);
        String valueId = exchanges.send("POST", "/values" + WAIT, "{\"value\": 3}", all).json().get("value_id").asText();
        exchanges.send("PUT", "/values/" + valueId, "{\"operation\": \"ADD\", \"value\": 1}", all);
        exchanges.send("PUT", "/values/" + valueId + WAIT, "{\"operation\": \"MULTIPLY\", \"value\": 2}", all);
        exchanges.send("PUT", "/values/" + valueId + WAIT, "{\"operation\": \"MULTIPLY\", \"value\": 1e308}", all);
        exchanges.send("PUT", "/values/" + unknown + WAIT, "{\"operation\": \"ADD\", \"value\": 1}", all);
        String commandId = accepted.json().get("command_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/commands/" + commandId, reader).json().get("status").asText().equals("ACCEPTED"));
        exchanges.send("GET", "/commands/" + commandId, null, reader);
        exchanges.send("GET", "/commands/" + unknown, null, reader);
        exchanges.send("GET", "/commands/not-a-uuid", null, reader);
        exchanges.send("GET", OpenApiController.PATH, null);
        exchanges.send("POST", "/values", "{\"value\": 3}");
        exchanges.send("POST", "/values", "{\"value\": 3}", reader);
        exchanges.send("PUT", "/values/123", "{\"operation\": \"ADD\", \"value\": 1}", all);
        exchanges.send("POST", "/values", "{\"operation\": \"ADD\", \"value\": \"3\"}", all);
        exchanges.send("POST", "/values", "{\"value\": 3, \"pad\": \"" + "x".repeat(70 * 1024) + "\"}", all);
        exchanges.sendAs("POST", "/values", "text/plain", "{\"value\": 3}", all);
        exchanges.sendAs("POST", "/values", "garbage", "{\"value\": 3}", all);
        exchanges.send("POST", "/values", "{\"value\": 3}", all[0], all[1], "Content-Encoding", "gzip");
        rejectingNext(RejectionReason.VALUE_ALREADY_EXISTS, () -> exchanges.send("POST", "/values" + WAIT, "{\"value\": 1}", all));
        rejectingNext(RejectionReason.INVALID, () -> exchanges.send("POST", "/values" + WAIT, "{\"value\": 1}", all));
        exchanges.pendingStatus(all, reader);
        exchanges.send("POST", "/values", "{\"value\": 3}", all[0], all[1], "Accept", "text/xml");
        exchanges.send("PUT", "/values/" + valueId, "{\"operation\": \"ADD\", \"value\": 1}", all[0], all[1],
                "Accept", "text/xml");
        exchanges.send("GET", "/commands/" + commandId, null, reader[0], reader[1], "Accept", "text/xml");
        exchanges.send("GET", OpenApiController.PATH, null, "Accept", "text/xml");

        assertThat(exchanges.faults).as("answers unlike the OpenAPI document").isEmpty();
        assertThat(exchanges.statuses).containsEntry("POST /values", Set.of(201, 202, 400, 401, 403, 406, 409, 413, 415))
                .containsEntry("PUT /values/{id}", Set.of(200, 202, 400, 404, 406, 422))
                .containsEntry("GET /commands/{id}", Set.of(200, 400, 404, 406))
                .containsEntry("GET " + OpenApiController.PATH, Set.of(200, 406));
    }

    private void rejectingNext(RejectionReason reason, Runnable request) {
        processor.script = command -> Optional.of(new Outcome.Rejected(command.id(), command.valueId(), reason,
                "scripted", Instant.now()));
        try {
            request.run();
        } finally {
            processor.script = command -> null;
        }
    }

    /** The answers sent, their faults against the document and the statuses each operation gave. */
    private final class Exchanges {

        final List<String> faults = new ArrayList<>();
        final Map<String, Set<Integer>> statuses = new TreeMap<>();

        Http.Answer send(String method, String path, String body, String... headers) {
            return sendAs(method, path, body == null ? null : "application/json", body, headers);
        }

        Http.Answer sendAs(String method, String path, String contentType, String body, String... headers) {
            Http.Answer answer = http.send(method, path, contentType, body, headers);
            faults.addAll(ApiDocument.CONTRACT.faults(method, path, answer.status(), answer.contentType(),
                    answer.response().body()));
            ApiDocument.CONTRACT.operation(method, path).ifPresent(operation ->
                    statuses.computeIfAbsent(operation, name -> new TreeSet<>()).add(answer.status()));
            return answer;
        }

        /** The status of a create the processor leaves undecided while it is asked: PENDING. */
        void pendingStatus(String[] writer, String[] reader) {
            processor.script = command -> command instanceof CreateValue ? Optional.empty() : null;
            try {
                String commandId = send("POST", "/values", "{\"value\": 5}", writer).json().get("command_id").asText();
                Http.Answer status = send("GET", "/commands/" + commandId, null, reader);
                assertThat(status.json().get("status").asText()).isEqualTo("PENDING");
            } finally {
                processor.script = command -> null;
            }
        }
    }
}
