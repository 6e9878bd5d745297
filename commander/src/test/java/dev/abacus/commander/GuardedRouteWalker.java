package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.auth.Http;
import dev.abacus.auth.PathSpellings;
import dev.abacus.auth.RequiresBearerToken;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Walks every route the router knows that needs a token, in many spellings, with each way of
 * asking. A spelling the router sends to the route (the reference attempt gets an answer from it)
 * must answer each attempt as it expects; any other spelling must answer every attempt as it
 * answered the reference one, so authentication neither hides nor invents a route.
 */
final class GuardedRouteWalker {

    enum Expect { UNAUTHORIZED, FORBIDDEN, ALLOWED }

    /** One way of asking: the headers it sends for a route needing {@code scope}, and what it must get. */
    record Attempt(String name, Function<String, String[]> headers, Expect expect, boolean sendsBearer) {

        static Attempt of(String name, Expect expect, Function<String, String[]> headers) {
            return new Attempt(name, headers, expect, true);
        }

        static Attempt withoutBearer(String name, String... headers) {
            return new Attempt(name, scope -> headers, Expect.UNAUTHORIZED, false);
        }
    }

    /**
     * @param routed spellings (route × spelling) that reached a guarded route
     * @param cases attempts judged on those spellings, the reference one included
     * @param byExpectation of those cases, how many expected 401, 403 and 2xx
     * @param writes commands the allowed attempts had accepted (202)
     */
    record Tally(int routes, int routed, int cases, Map<Expect, Integer> byExpectation, int writes) {}

    /** The commander's own routes that answer without a token, and why. */
    static final Map<String, String> OPEN = Map.of(
            "GET " + OpenApiController.PATH, "the API's description: it names no value and no command",
            "HEAD " + OpenApiController.PATH, "as GET");

    private final Http http;
    private final Router router;

    GuardedRouteWalker(Http http, Router router) {
        this.http = http;
        this.router = router;
    }

    /** Each guarded method and path once: the router lists some routes more than once. */
    List<UriRouteInfo<?, ?>> guardedRoutes() {
        Map<String, UriRouteInfo<?, ?>> byName = new LinkedHashMap<>();
        router.uriRoutes()
                .filter(route -> route.getAnnotationMetadata().hasAnnotation(RequiresBearerToken.class))
                .forEach(route -> byName.putIfAbsent(name(route), route));
        return List.copyOf(byName.values());
    }

    private static String name(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }

    /** {@code reference} must be allowed; {@code knownCommand} is an id {@code GET /commands/{id}} knows. */
    Tally walk(Attempt reference, List<Attempt> attempts, String knownCommand) {
        assertThat(reference.expect()).isEqualTo(Expect.ALLOWED);
        List<UriRouteInfo<?, ?>> guarded = guardedRoutes();
        assertThat(guarded).extracting(GuardedRouteWalker::name)
                .containsExactlyInAnyOrder("POST /values", "PUT /values/{id}", "GET /commands/{id}", "HEAD /commands/{id}");
        int routed = 0;
        int cases = 0;
        int writes = 0;
        Map<Expect, Integer> byExpectation = new EnumMap<>(Expect.class);
        for (UriRouteInfo<?, ?> route : guarded) {
            String scope = route.getAnnotationMetadata().stringValue(RequiresBearerToken.class).orElseThrow();
            String method = route.getHttpMethodName();
            String id = route.getUriMatchTemplate().toString().startsWith("/commands") ? knownCommand
                    : UUID.randomUUID().toString();
            String path = route.getUriMatchTemplate().expand(Map.of("id", id));
            String body = method.equals("GET") || method.equals("HEAD") ? null : "{\"operation\": \"ADD\", \"value\": 1000}";
            String contentType = body == null ? null : "application/json";
            for (String spelling : PathSpellings.of(path)) {
                Http.Answer authorised = http.send(method, spelling, contentType, body, reference.headers().apply(scope));
                boolean reachesRoute = authorised.status() != 404 && authorised.status() != 405;
                List<Attempt> all = new ArrayList<>(attempts);
                all.add(0, reference);
                if (reachesRoute) {
                    routed++;
                }
                for (Attempt attempt : all) {
                    Http.Answer answer = attempt == reference ? authorised
                            : http.send(method, spelling, contentType, body, attempt.headers().apply(scope));
                    String what = method + " " + spelling + " (needs " + scope + ") with " + attempt.name();
                    if (!reachesRoute) {
                        assertThat(answer.status()).as(what).isEqualTo(authorised.status());
                        continue;
                    }
                    cases++;
                    byExpectation.merge(attempt.expect(), 1, Integer::sum);
                    judge(attempt, scope, answer, authorised.status(), what);
                    if (body != null && answer.status() == 202) {
                        writes++;
                    }
                }
            }
        }
        assertThat(routed).as("spellings that reach a guarded route").isGreaterThanOrEqualTo(4 * guarded.size());
        return new Tally(guarded.size(), routed, cases, byExpectation, writes);
    }

    private static void judge(Attempt attempt, String scope, Http.Answer answer, int allowed, String what) {
        switch (attempt.expect()) {
            case ALLOWED -> assertThat(answer.status()).as(what).isEqualTo(allowed).isNotIn(401, 403);
            case UNAUTHORIZED -> {
                assertThat(answer.status()).as(what).isEqualTo(401);
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
                assertThat(reason(answer)).as(what).isIn("UNAUTHORIZED", null);
                String challenge = answer.header("WWW-Authenticate");
                assertThat(challenge).as(what).startsWith("Bearer realm=\"abacus\"");
                if (attempt.sendsBearer()) {
                    assertThat(challenge).as(what).endsWith("error=\"invalid_token\"");
                } else {
                    assertThat(challenge).as(what).doesNotContain("error=");
                }
            }
            case FORBIDDEN -> {
                assertThat(answer.status()).as(what).isEqualTo(403);
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
                assertThat(reason(answer)).as(what).isIn("FORBIDDEN", null);
                assertThat(answer.header("WWW-Authenticate")).as(what)
                        .isEqualTo("Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
            }
        }
    }

    /** Null only for HEAD, which answers without the body. */
    private static String reason(Http.Answer answer) {
        if (answer.response().request().method().equals("HEAD")) {
            assertThat(answer.response().body()).isEmpty();
            return null;
        }
        return answer.json().get("reason").asText();
    }
}
