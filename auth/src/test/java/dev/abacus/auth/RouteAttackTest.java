package dev.abacus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the scripted attack counts as a breach, judged on answers chosen here. */
class RouteAttackTest {

    private static final String SECRET = "the-services-hs256-secret-0123456789abcdef";
    private static final List<RouteAttack.Operation> READ = List.of(
            new RouteAttack.Operation("GET", "/values/{id}", Scopes.VALUES_READ));
    private final RouteAttack attack = new RouteAttack(SECRET, claims -> claims);

    @Test
    void theDeservedRefusalsAndTheRoutersNotFoundAreNoBreach() {
        RouteAttack.Report report = attack.run(READ, "v1", request -> request.path().startsWith("/values/v1")
                ? refusal(request) : new RouteAttack.Answer(404, "https://abacus.dev/problems/not-found"));

        assertThat(report.breaches()).isEmpty();
        assertThat(report.requests()).isEqualTo(PathSpellings.of("/values/v1").size() * RouteAttack.Credential.values().length);
    }

    @Test
    void aServedRequestADomainNotFoundAndTheWrongRefusalAreBreaches() {
        RouteAttack.Report served = attack.run(READ, "v1", request -> request.authorization() == null
                ? new RouteAttack.Answer(200, null) : refusal(request));
        RouteAttack.Report leaked = attack.run(READ, "v1", request ->
                new RouteAttack.Answer(404, "https://abacus.dev/problems/value-not-found"));
        RouteAttack.Report confused = attack.run(READ, "v1", request -> new RouteAttack.Answer(401, null));

        assertThat(served.breaches()).hasSize(PathSpellings.of("/values/v1").size()).allMatch(b -> b.contains("NONE -> 200"));
        assertThat(leaked.breaches()).hasSize(leaked.requests());
        assertThat(confused.breaches()).hasSize(PathSpellings.of("/values/v1").size())
                .allMatch(b -> b.contains("WRONG_SCOPE -> 401"));
    }

    @Test
    void theGuardedOperationsAreTheOnesWithABearerScope() throws Exception {
        var document = new ObjectMapper().readTree("""
                {"paths": {"/values": {"post": {"security": [{"bearer": ["abacus:commands:write"]}]}},
                           "/view/status": {"get": {}}}}""");

        assertThat(RouteAttack.guardedOperations(document))
                .containsExactly(new RouteAttack.Operation("POST", "/values", Scopes.COMMANDS_WRITE));
    }

    /** A guard that works, for a read: 403 for the token that carries another scope, 401 for every other one. */
    private static RouteAttack.Answer refusal(RouteAttack.Request request) {
        String authorization = request.authorization();
        String[] parts = authorization == null ? new String[0] : authorization.split("\\.");
        boolean otherScope = parts.length > 1 && new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).contains(Scopes.COMMANDS_WRITE);
        return new RouteAttack.Answer(otherScope ? 403 : 401, null);
    }
}
