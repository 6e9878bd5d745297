package dev.abacus.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A scripted attack on the guarded operations of served OpenAPI documents: every operation that needs a scope, in every
 * {@link PathSpellings spelling}, with every kind of bad credential a caller could bring to a service in JWT (HS256)
 * mode. An answer is a breach unless it is the refusal the credential deserves (401, or 403 for a valid token short of
 * the scope) or the router's own {@code not-found} for a spelling that reaches no route: a 2xx, 3xx or 5xx, a domain
 * answer such as {@code value-not-found} (the request got past the guard), or the wrong one of 401 and 403.
 */
public final class RouteAttack {

    private static final Duration EXPIRED_BY = Duration.ofMinutes(10);
    private static final String ROUTER_NOT_FOUND = "/problems/not-found";
    private static final String OTHER_SECRET = "an-attacker-chose-this-secret-0123456789";

    /** What the attacker sends as {@code Authorization}. */
    public enum Credential {
        NONE, NOT_A_JWT, UNSIGNED, FORGED, TAMPERED, EXPIRED, WRONG_SCOPE;

        /** The refusal due: 403 for a token the service must believe but not obey, 401 for the rest. */
        int due() {
            return this == WRONG_SCOPE ? 403 : 401;
        }
    }

    /** One guarded operation, as the document states it. */
    public record Operation(String method, String pathTemplate, String scope) {
    }

    /** One request of the attack, as sent. */
    public record Request(String method, String path, String body, String authorization) {
    }

    /** What came back: the status and, for problem+json, the problem's {@code type}. */
    public record Answer(int status, String problemType) {
    }

    /** Sends a request. */
    @FunctionalInterface
    public interface Sender {
        Answer send(Request request);
    }

    /** The counts of the attack: requests per credential and per status, and every answer that was not a refusal. */
    public record Report(int requests, Map<Credential, Integer> perCredential, Map<Integer, Integer> perStatus,
                         List<String> breaches) {

        @Override
        public String toString() {
            return requests + " requests, per credential " + perCredential + ", per status " + perStatus + ", "
                    + breaches.size() + " breaches" + (breaches.isEmpty() ? "" : ": " + breaches);
        }
    }

    private final String secret;
    private final UnaryOperator<JWTClaimsSet.Builder> claimsTheServiceWants;

    /**
     * @param secret the services' HS256 secret, so that expired and wrong-scope tokens fail for that reason alone
     * @param claimsTheServiceWants sets the issuer and audience the services are configured with, if any
     */
    public RouteAttack(String secret, UnaryOperator<JWTClaimsSet.Builder> claimsTheServiceWants) {
        this.secret = secret;
        this.claimsTheServiceWants = claimsTheServiceWants;
    }

    /** The operations of {@code document} that carry a bearer scope: the guarded ones. */
    public static List<Operation> guardedOperations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode scope = method.getValue().path("security").path(0).path("bearer").path(0);
            if (scope.isTextual()) {
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), scope.asText()));
            }
        }));
        return operations;
    }

    /**
     * Runs the attack. {@code {id}} in a path becomes {@code id}, a value or command that exists, so a breach would
     * show in its state as well as in the status.
     */
    public Report run(List<Operation> operations, String id, Sender sender) {
        Map<Credential, Integer> perCredential = new EnumMap<>(Credential.class);
        Map<Integer, Integer> perStatus = new TreeMap<>();
        List<String> breaches = new ArrayList<>();
        int requests = 0;
        for (Operation operation : operations) {
            for (String path : PathSpellings.of(operation.pathTemplate().replace("{id}", id))) {
                for (Credential credential : Credential.values()) {
                    Request request = new Request(operation.method(), path, body(operation),
                            authorization(credential, operation.scope()));
                    Answer answer = sender.send(request);
                    requests++;
                    perCredential.merge(credential, 1, Integer::sum);
                    perStatus.merge(answer.status(), 1, Integer::sum);
                    if (breach(credential, answer)) {
                        breaches.add(operation.method() + " " + path + " with " + credential + " -> "
                                + answer.status() + " " + answer.problemType());
                    }
                }
            }
        }
        return new Report(requests, perCredential, perStatus, breaches);
    }

    private static boolean breach(Credential credential, Answer answer) {
        if (answer.status() == 404) {
            return answer.problemType() == null || !answer.problemType().endsWith(ROUTER_NOT_FOUND);
        }
        return answer.status() != credential.due();
    }

    private String authorization(Credential credential, String scope) {
        return switch (credential) {
            case NONE -> null;
            case NOT_A_JWT -> "Bearer " + "x".repeat(40);
            case UNSIGNED -> "Bearer " + TestTokens.unsigned(claims(scope).build());
            case FORGED -> "Bearer " + TestTokens.hs256(OTHER_SECRET, claims(scope).build());
            case TAMPERED -> "Bearer " + TestTokens.tampered(TestTokens.hs256(secret, claims("abacus:none").build()),
                    claims(scope).build());
            case EXPIRED -> "Bearer " + TestTokens.hs256(secret, claims(scope)
                    .issueTime(Date.from(Instant.now().minus(EXPIRED_BY.multipliedBy(2))))
                    .expirationTime(Date.from(Instant.now().minus(EXPIRED_BY))).build());
            case WRONG_SCOPE -> "Bearer " + TestTokens.hs256(secret, claims(otherScope(scope)).build());
        };
    }

    private JWTClaimsSet.Builder claims(String scope) {
        return claimsTheServiceWants.apply(TestTokens.claims("attacker", scope));
    }

    private static String otherScope(String scope) {
        return scope.equals(Scopes.VALUES_READ) ? Scopes.COMMANDS_WRITE : Scopes.VALUES_READ;
    }

    private static String body(Operation operation) {
        return switch (operation.method()) {
            case "POST" -> "{\"value\": 1000}";
            case "PUT" -> "{\"operation\": \"ADD\", \"value\": 1000}";
            default -> null;
        };
    }
}
