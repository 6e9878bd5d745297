package dev.abacus.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.auth.Http;
import dev.abacus.auth.PathSpellings;
import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.contract.ServiceEndpoints;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks every route the view's router knows. Each must need a token ({@link RequiresBearerToken}), be open on
 * purpose ({@link #OPEN}) or be a management endpoint, so a new route cannot slip out unguarded. Guarded and open
 * routes are walked in many spellings with each way of asking: a spelling the router sends to the route must
 * answer each attempt as it expects, any other must answer every attempt alike, so authentication neither hides
 * nor invents a route. Management endpoints are asked once: sensitive ones are shut to every caller, the rest open.
 */
final class ViewRouteWalker {

    enum Expect { UNAUTHORIZED, FORBIDDEN, ALLOWED }

    /** One way of asking: the headers it sends, and what a guarded route must answer. */
    record Attempt(String name, Expect expect, boolean sendsBearer, String... headers) {

        static Attempt of(String name, Expect expect, String... headers) {
            return new Attempt(name, expect, true, headers);
        }

        static Attempt withoutBearer(String name, String... headers) {
            return new Attempt(name, Expect.UNAUTHORIZED, false, headers);
        }
    }

    /**
     * @param guardedSpellings spellings (route × spelling) that reached a guarded route
     * @param openSpellings spellings that reached an open route, each asked with every attempt
     * @param cases attempts judged on the guarded spellings, the reference one included
     * @param byExpectation of those cases, how many expected 401, 403 and 2xx
     */
    record Tally(int guarded, int open, int endpoints, int guardedSpellings, int openSpellings, int cases,
            Map<Expect, Integer> byExpectation) {}

    static final Set<String> GUARDED = Set.of("GET /values/{id}", "HEAD /values/{id}", "GET /values", "HEAD /values");

    /** The view's own routes that answer without a token, and why. */
    static final Map<String, String> OPEN = Map.of(
            "GET " + ServiceEndpoints.VIEW_STATUS_PATH, "the operator's rebuild probe reads it without credentials;"
                    + " it carries offsets and counts, no value",
            "HEAD " + ServiceEndpoints.VIEW_STATUS_PATH, "as GET",
            "GET " + OpenApiController.PATH, "the API's description: it names no value",
            "HEAD " + OpenApiController.PATH, "as GET");

    /**
     * Management endpoints that are not sensitive: probes, health details and metrics, for kubelet and Prometheus.
     * In Kubernetes they answer on the management port only.
     */
    static final Set<String> OPEN_ENDPOINTS = Set.of("health", "metrics", "prometheus");

    private final Http http;
    private final Router router;
    private final EndpointSensitivityProcessor sensitivity;

    ViewRouteWalker(Http http, Router router, EndpointSensitivityProcessor sensitivity) {
        this.http = http;
        this.router = router;
        this.sensitivity = sensitivity;
    }

    /** {@code reference} is allowed on every guarded route; {@code knownValue} is a value id the view holds. */
    Tally walk(Attempt reference, List<Attempt> attempts, String knownValue) {
        assertThat(reference.expect()).isEqualTo(Expect.ALLOWED);
        Map<String, UriRouteInfo<?, ?>> guarded = new LinkedHashMap<>();
        Map<String, UriRouteInfo<?, ?>> open = new LinkedHashMap<>();
        Map<String, UriRouteInfo<?, ?>> endpoints = new LinkedHashMap<>();
        router.uriRoutes().forEach(route -> {
            String name = name(route);
            if (route.getAnnotationMetadata().hasAnnotation(RequiresBearerToken.class)) {
                assertThat(route.getAnnotationMetadata().stringValue(RequiresBearerToken.class)).as(name)
                        .contains(Scopes.VALUES_READ);
                guarded.putIfAbsent(name, route);
            } else if (OPEN.containsKey(name)) {
                open.putIfAbsent(name, route);
            } else {
                assertThat(route.getAnnotationMetadata().hasStereotype(Endpoint.class))
                        .as("%s needs no token and is not listed open on purpose", name).isTrue();
                endpoints.putIfAbsent(name, route);
            }
        });
        assertThat(guarded.keySet()).containsExactlyInAnyOrderElementsOf(GUARDED);
        assertThat(open.keySet()).containsExactlyInAnyOrderElementsOf(OPEN.keySet());

        List<Attempt> all = new ArrayList<>(attempts);
        all.add(0, reference);
        int guardedSpellings = 0;
        int openSpellings = 0;
        int cases = 0;
        Map<Expect, Integer> byExpectation = new EnumMap<>(Expect.class);
        for (UriRouteInfo<?, ?> route : guarded.values()) {
            String method = route.getHttpMethodName();
            for (String spelling : PathSpellings.of(route.getUriMatchTemplate().expand(Map.of("id", knownValue)))) {
                Http.Answer authorised = http.send(method, spelling, null, null, reference.headers());
                boolean reachesRoute = reaches(authorised);
                guardedSpellings += reachesRoute ? 1 : 0;
                for (Attempt attempt : all) {
                    Http.Answer answer = attempt == reference ? authorised
                            : http.send(method, spelling, null, null, attempt.headers());
                    String what = method + " " + spelling + " with " + attempt.name();
                    if (!reachesRoute) {
                        assertThat(answer.status()).as(what).isEqualTo(authorised.status());
                        continue;
                    }
                    cases++;
                    byExpectation.merge(attempt.expect(), 1, Integer::sum);
                    judge(attempt, answer, authorised.status(), what);
                }
            }
        }
        for (UriRouteInfo<?, ?> route : open.values()) {
            String method = route.getHttpMethodName();
            for (String spelling : PathSpellings.of(route.getUriMatchTemplate().toString())) {
                Http.Answer anonymous = http.send(method, spelling, null, null);
                openSpellings += reaches(anonymous) ? 1 : 0;
                for (Attempt attempt : all) {
                    String what = method + " " + spelling + " (open: " + OPEN.get(name(route)) + ") with " + attempt.name();
                    Http.Answer answer = http.send(method, spelling, null, null, attempt.headers());
                    assertThat(answer.status()).as(what).isEqualTo(anonymous.status()).isNotIn(401, 403);
                }
            }
        }
        assertThat(guardedSpellings).as("spellings that reach a guarded route").isGreaterThanOrEqualTo(4 * guarded.size());
        assertThat(openSpellings).as("spellings that reach an open route").isGreaterThanOrEqualTo(4 * open.size());

        Set<String> openEndpoints = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : endpoints.values()) {
            String method = route.getHttpMethodName();
            String path = route.getUriMatchTemplate().expand(Map.of("selector", "liveness", "name", "jvm.threads.live"));
            String body = method.equals("POST") ? "{}" : null;
            String type = body == null ? null : "application/json";
            String what = method + " " + path;
            Http.Answer anonymous = http.send(method, path, type, body);
            Http.Answer authorised = http.send(method, path, type, body, reference.headers());
            if (Boolean.TRUE.equals(sensitivity.getEndpointMethods().get(route.getTargetMethod().getExecutableMethod()))) {
                judge(Attempt.withoutBearer("no token"), anonymous, 0, what + " (sensitive)");
                assertThat(authorised.status()).as(what + " (sensitive) with " + reference.name()).isEqualTo(403);
                assertThat(authorised.contentType()).as(what).startsWith("application/problem+json");
            } else {
                assertThat(anonymous.status()).as(what).isNotIn(401, 403, 404, 405);
                assertThat(authorised.status()).as(what + " with " + reference.name()).isEqualTo(anonymous.status());
                openEndpoints.add(route.getAnnotationMetadata().stringValue(Endpoint.class, "id").orElseThrow());
            }
        }
        assertThat(openEndpoints).as("management endpoints open to anyone").isEqualTo(OPEN_ENDPOINTS);
        return new Tally(guarded.size(), open.size(), endpoints.size(), guardedSpellings, openSpellings, cases,
                byExpectation);
    }

    private static String name(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }

    private static boolean reaches(Http.Answer answer) {
        return answer.status() != 404 && answer.status() != 405;
    }

    private static void judge(Attempt attempt, Http.Answer answer, int allowed, String what) {
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
                        .isEqualTo("Bearer realm=\"abacus\", error=\"insufficient_scope\", scope=\"" + Scopes.VALUES_READ + "\"");
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
