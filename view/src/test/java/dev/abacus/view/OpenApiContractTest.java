package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.auth.Http;
import dev.abacus.auth.Scopes;
import dev.abacus.auth.TestTokens;
import dev.abacus.contract.ServiceEndpoints;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The view's OpenAPI document against the view: every route is an operation and every operation a route, the served
 * document is the one the build wrote, and live answers (each operation's success, refusals of authentication and of
 * malformed ids and pages) have a status, content type and shape the document lists.
 */
@MicronautTest(environments = "view")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest implements TestPropertyProvider {

    private static final String VIEWER = "viewer-token-0123456789";
    private static final String WRITER = "writer-token-0123456789";

    /** A read, with the token it presents (none when null). */
    record Ask(String path, String token) {}

    private final UUID known = UUID.randomUUID();
    private EmbeddedKafka kafka;
    private Http http;

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        kafka = EmbeddedKafka.startTemporary();
        Map<String, String> properties = ViewAuthTest.view(kafka, known);
        properties.put("abacus.auth.tokens", "viewer:" + VIEWER + " " + Scopes.VALUES_READ
                + ",writer:" + WRITER + " " + Scopes.COMMANDS_WRITE);
        return properties;
    }

    @BeforeAll
    void awaitTheKnownValue() {
        http = new Http(server.getURI());
        ViewAuthTest.awaitValue(http, known, TestTokens.bearer(VIEWER));
    }

    @AfterAll
    void stopKafka() {
        kafka.close();
    }

    @Test
    void everyRouteIsAnOperationAndEveryOperationARoute() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes()
                .filter(route -> !route.getAnnotationMetadata().hasStereotype(Endpoint.class))
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .forEach(route -> routes.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate()));

        assertThat(routes).isEqualTo(ApiDocument.CONTRACT.operations()).contains("GET /values/{id}", "GET /values",
                "GET " + ServiceEndpoints.VIEW_STATUS_PATH, "GET " + OpenApiController.PATH);
    }

    @Test
    void theServedDocumentIsTheOneTheBuildWroteAndNeedsNoToken() throws IOException {
        Http.Answer served = http.get(OpenApiController.PATH);

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith(OpenApiController.YAML);
        try (InputStream built = getClass().getClassLoader().getResourceAsStream(OpenApiController.RESOURCE)) {
            assertThat(served.response().body()).isEqualTo(new String(built.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(ApiDocument.CONTRACT.document().at("/paths/~1values~1{id}/get/security/0/bearer/0").asText())
                .isEqualTo(Scopes.VALUES_READ);
    }

    @Test
    void liveAnswersAreTheOnesTheDocumentLists() {
        String[] viewer = TestTokens.bearer(VIEWER);
        List<String> faults = new ArrayList<>();
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        List<Ask> requests = List.of(
                new Ask("/values/" + known, VIEWER), new Ask("/values/" + UUID.randomUUID(), VIEWER),
                new Ask("/values/not-a-uuid", VIEWER), new Ask("/values/" + known, null),
                new Ask("/values/" + known, WRITER), new Ask("/values?limit=5", VIEWER),
                new Ask("/values?limit=1&after=" + known, VIEWER), new Ask("/values?limit=0", VIEWER),
                new Ask("/values?after=nope", VIEWER), new Ask("/values", null),
                new Ask("/values", WRITER), new Ask(ServiceEndpoints.VIEW_STATUS_PATH, null),
                new Ask(OpenApiController.PATH, null));
        List<Http.Answer> answers = new ArrayList<>();
        for (Ask request : requests) {
            answers.add(request.token() == null ? http.get(request.path())
                    : http.get(request.path(), TestTokens.bearer(request.token())));
        }
        for (String path : List.of("/values/" + known, "/values", ServiceEndpoints.VIEW_STATUS_PATH, OpenApiController.PATH)) {
            answers.add(http.get(path, viewer[0], viewer[1], "Accept", "text/xml"));
        }
        for (Http.Answer answer : answers) {
            String path = answer.response().request().uri().getRawPath()
                    + (answer.response().request().uri().getRawQuery() == null ? ""
                    : "?" + answer.response().request().uri().getRawQuery());
            faults.addAll(ApiDocument.CONTRACT.faults("GET", path, answer.status(), answer.contentType(),
                    answer.response().body()));
            ApiDocument.CONTRACT.operation("GET", path).ifPresent(operation ->
                    statuses.computeIfAbsent(operation, name -> new TreeSet<>()).add(answer.status()));
        }

        assertThat(faults).as("answers unlike the OpenAPI document").isEmpty();
        assertThat(http.get("/values?limit=1&after=" + known, viewer).json().get("next").isNull()).isTrue();
        assertThat(statuses).containsEntry("GET /values/{id}", Set.of(200, 400, 401, 403, 404, 406))
                .containsEntry("GET /values", Set.of(200, 400, 401, 403, 406))
                .containsEntry("GET " + ServiceEndpoints.VIEW_STATUS_PATH, Set.of(200, 406))
                .containsEntry("GET " + OpenApiController.PATH, Set.of(200, 406));
    }
}
