package dev.abacus.operator;

import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.AuthMode;
import dev.abacus.operator.api.AuthSpec;
import dev.abacus.operator.api.AuthTokensSpec;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.JwtAuthSpec;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code spec.auth} on the real control plane: the API server's CEL rules, the commander's and the views' env as the
 * API server stores it, the {@code AuthReady} condition and its Events, with a real operator and a real broker.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAuthIT {

    private static final String TOKENS = "ci:ci-" + UUID.randomUUID() + ",reader:reader-" + UUID.randomUUID()
            + " abacus:values:read";
    private static final String HS256 = "hs256-" + UUID.randomUUID() + "-" + UUID.randomUUID();

    private OperatorTestEnvironment env;

    @BeforeAll
    void start() {
        env = OperatorTestEnvironment.start();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @AfterEach
    void deletePipelines() {
        env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).delete();
        eventually().until(() -> env.client().resources(CalculatorPipeline.class).inNamespace(env.namespace()).list()
                .getItems().isEmpty());
    }

    @Test
    void staticTokensReachTheCommanderAndTheViewAsSecretReferencesAndNoTokenLeavesTheSecret() {
        secret("abacus-tokens", Map.of("tokens", TOKENS));
        CalculatorPipeline pipeline = env.pipeline("alpha", 1);
        pipeline.getSpec().setAuth(staticAuth(new SecretKeyRef("abacus-tokens", "tokens")));
        env.create(pipeline);

        env.awaitReady("alpha");

        for (String name : List.of("alpha-commander", "alpha-view-g1")) {
            List<EnvVar> env = env(deployment(name));
            assertThat(env).as(name).filteredOn(e -> e.getName().equals("ABACUS_AUTH_MODE")).singleElement()
                    .satisfies(e -> assertThat(e.getValue()).isEqualTo("static"));
            assertThat(env).as(name).filteredOn(e -> e.getName().equals("ABACUS_AUTH_TOKENS")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getValue()).isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("abacus-tokens");
                        assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("tokens");
                    });
        }
        assertThat(env(deployment("alpha-processor"))).extracting(EnvVar::getName)
                .noneMatch(n -> n.startsWith("ABACUS_AUTH_"));
        assertThat(env.condition("alpha", ConditionType.AUTH_READY)).hasValueSatisfying(c -> {
            assertThat(c.isTrue()).isTrue();
            assertThat(c.hasReason(ConditionReason.AUTH_CONFIGURED)).isTrue();
            assertThat(c.getMessage()).contains("abacus-tokens").contains("tokens");
        });
        assertNoSecretValueOutsideItsSecret("alpha");
    }

    @Test
    void aMissingSecretIsSecretNotFoundWithAWarningAndCreatingItRecovers() {
        CalculatorPipeline pipeline = env.pipeline("beta", 1);
        pipeline.getSpec().setAuth(staticAuth(new SecretKeyRef("late-tokens", "tokens")));
        env.create(pipeline);

        eventually().untilAsserted(() -> assertThat(env.condition("beta", ConditionType.AUTH_READY))
                .hasValueSatisfying(c -> {
                    assertThat(c.hasReason(ConditionReason.SECRET_NOT_FOUND)).as(c.getMessage()).isTrue();
                    assertThat(c.getMessage()).contains("Secret " + env.namespace() + "/late-tokens not found")
                            .contains("key tokens");
                }));
        assertThat(env.condition("beta", ConditionType.READY)).hasValueSatisfying(c -> {
            assertThat(c.isTrue()).isFalse();
            assertThat(c.hasReason(ConditionReason.SECRET_NOT_FOUND)).as(c.getMessage()).isTrue();
        });
        eventually().untilAsserted(() -> assertThat(warnings("beta")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("SecretNotFound");
            assertThat(e.getMessage()).contains("late-tokens").contains("tokens");
        }));
        eventually().untilAsserted(() -> assertThat(List.of("beta-commander", "beta-processor", "beta-view-g1"))
                .as("the rest is reconciled all the same").allSatisfy(name -> assertThat(deployment(name)).isNotNull()));

        secret("late-tokens", Map.of("other", "not-the-key"));
        eventually().untilAsserted(() -> assertThat(env.condition("beta", ConditionType.AUTH_READY))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("has no key tokens")));

        secret("late-tokens", Map.of("tokens", TOKENS));
        env.awaitReady("beta");
        assertThat(env.condition("beta", ConditionType.AUTH_READY).orElseThrow().isTrue()).isTrue();
        assertNoSecretValueOutsideItsSecret("beta");
    }

    @Test
    void theApiServerRefusesAModeWithoutWhatItNeeds() {
        JwtAuthSpec issuerOnly = new JwtAuthSpec();
        issuerOnly.setIssuer("https://issuer.example");
        assertRefused("gamma", jwtAuth(issuerOnly), "jwt needs secretKeyRef (an HS256 secret) or jwksUrl");

        assertRefused("gamma", jwtAuth(null), "mode Jwt needs jwt.secretKeyRef or jwt.jwksUrl");

        AuthSpec staticWithoutTokens = new AuthSpec();
        staticWithoutTokens.setMode(AuthMode.STATIC);
        assertRefused("gamma", staticWithoutTokens, "mode Static needs tokens.secretKeyRef");

        AuthSpec jwtWithTokens = jwtAuth(jwks("https://issuer.example/jwks"));
        jwtWithTokens.setTokens(new AuthTokensSpec(new SecretKeyRef("abacus-tokens", "tokens")));
        assertRefused("gamma", jwtWithTokens, "tokens are only read in mode Static");

        assertRefused("gamma", jwtAuth(jwks("ftp://issuer.example/jwks")), "jwksUrl");

        AuthSpec tokensWithoutMode = new AuthSpec();
        tokensWithoutMode.setTokens(new AuthTokensSpec(new SecretKeyRef("abacus-tokens", "tokens")));
        assertRefused("gamma", tokensWithoutMode, "tokens are only read in mode Static");

        assertThat(env.get("gamma")).isNull();
    }

    @Test
    void jwtReachesTheCommanderAndTheViewAndATooShortSecretIsReportedByItsLengthOnly() {
        secret("abacus-jwt", Map.of("hs256", "short-" + UUID.randomUUID().toString().substring(0, 8)));
        JwtAuthSpec jwt = jwks("https://issuer.example/.well-known/jwks.json");
        jwt.setSecretKeyRef(new SecretKeyRef("abacus-jwt", "hs256"));
        jwt.setIssuer("https://issuer.example");
        jwt.setAudience("abacus");
        CalculatorPipeline pipeline = env.pipeline("delta", 1);
        pipeline.getSpec().setAuth(jwtAuth(jwt));
        env.create(pipeline);

        eventually().untilAsserted(() -> assertThat(env.condition("delta", ConditionType.AUTH_READY))
                .hasValueSatisfying(c -> {
                    assertThat(c.hasReason(ConditionReason.INVALID_SPEC)).as(c.getMessage()).isTrue();
                    assertThat(c.getMessage()).contains("holds 14 bytes").contains("at least 32");
                }));

        secret("abacus-jwt", Map.of("hs256", HS256));
        env.awaitReady("delta");

        for (String name : List.of("delta-commander", "delta-view-g1")) {
            List<EnvVar> env = env(deployment(name));
            assertThat(value(env, "ABACUS_AUTH_MODE")).as(name).isEqualTo("jwt");
            assertThat(value(env, "ABACUS_AUTH_JWKS_URL")).isEqualTo("https://issuer.example/.well-known/jwks.json");
            assertThat(value(env, "ABACUS_AUTH_ISSUER")).isEqualTo("https://issuer.example");
            assertThat(value(env, "ABACUS_AUTH_AUDIENCE")).isEqualTo("abacus");
            assertThat(env).filteredOn(e -> e.getName().equals("ABACUS_AUTH_SECRET")).singleElement()
                    .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("abacus-jwt"));
        }
        assertNoSecretValueOutsideItsSecret("delta");
    }

    @Test
    void specEnvThatSpecAuthOwnsIsInvalidSpecAndDeclaringAuthLaterRebuildsTheView() {
        secret("abacus-tokens", Map.of("tokens", TOKENS));
        CalculatorPipeline pipeline = env.pipeline("epsilon", 1);
        pipeline.getSpec().getView().getRebuildPolicy().setStabilisationSeconds(1);
        pipeline.getSpec().getView().getRebuildPolicy().setDrainSeconds(1);
        pipeline.getSpec().getCommander().setEnv(List.of(new EnvVar("ABACUS_AUTH_MODE", "none", null)));
        env.create(pipeline);
        env.awaitReady("epsilon");
        assertThat(value(env(deployment("epsilon-commander")), "ABACUS_AUTH_MODE"))
                .as("without spec.auth, spec env is the escape hatch").isEqualTo("none");

        env.edit("epsilon", spec -> spec.setAuth(staticAuth(new SecretKeyRef("abacus-tokens", "tokens"))));

        eventually().untilAsserted(() -> assertThat(env.condition("epsilon", ConditionType.READY))
                .hasValueSatisfying(c -> {
                    assertThat(c.hasReason(ConditionReason.INVALID_SPEC)).as(c.getMessage()).isTrue();
                    assertThat(c.getMessage()).contains("spec.commander.env ABACUS_AUTH_MODE");
                }));
        assertThat(value(env(deployment("epsilon-commander")), "ABACUS_AUTH_MODE"))
                .as("nothing changes until the spec is fixed").isEqualTo("none");

        env.edit("epsilon", spec -> spec.getCommander().setEnv(List.of()));

        eventually().untilAsserted(() -> {
            CalculatorPipeline current = env.get("epsilon");
            assertThat(current.getStatus().getView().getActiveGeneration()).as("a blue-green rebuild").isEqualTo(2);
            assertThat(env.readyAtCurrentGeneration("epsilon")).isTrue();
        });
        assertThat(value(env(deployment("epsilon-commander")), "ABACUS_AUTH_MODE")).isEqualTo("static");
        assertThat(value(env(deployment("epsilon-view-g2")), "ABACUS_AUTH_MODE")).isEqualTo("static");
        assertNoSecretValueOutsideItsSecret("epsilon");
    }

    private void assertRefused(String name, AuthSpec auth, String message) {
        CalculatorPipeline pipeline = env.pipeline(name, 1);
        pipeline.getSpec().setAuth(auth);
        assertThatThrownBy(() -> env.create(pipeline))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private void assertNoSecretValueOutsideItsSecret(String pipeline) {
        String everythingTheOperatorWrote = String.join("\n",
                Serialization.asJson(env.client().apps().deployments().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().configMaps().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().services().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().v1().events().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.client().events().v1().events().inNamespace(env.namespace()).list()),
                Serialization.asJson(env.get(pipeline).getStatus()));
        assertThat(everythingTheOperatorWrote).contains(pipeline + "-commander");
        for (String secret : List.of(TOKENS, HS256)) {
            for (String part : secret.split("[, :]")) {
                if (part.length() > 20) {
                    assertThat(everythingTheOperatorWrote).doesNotContain(part);
                }
            }
        }
    }

    private static AuthSpec staticAuth(SecretKeyRef tokens) {
        AuthSpec auth = new AuthSpec();
        auth.setMode(AuthMode.STATIC);
        auth.setTokens(new AuthTokensSpec(tokens));
        return auth;
    }

    private static AuthSpec jwtAuth(JwtAuthSpec jwt) {
        AuthSpec auth = new AuthSpec();
        auth.setMode(AuthMode.JWT);
        auth.setJwt(jwt);
        return auth;
    }

    private static JwtAuthSpec jwks(String url) {
        JwtAuthSpec jwt = new JwtAuthSpec();
        jwt.setJwksUrl(url);
        return jwt;
    }

    private void secret(String name, Map<String, String> data) {
        env.client().secrets().inNamespace(env.namespace()).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(data).build()).serverSideApply();
    }

    private Deployment deployment(String name) {
        return env.client().apps().deployments().inNamespace(env.namespace()).withName(name).get();
    }

    private List<Event> warnings(String pipeline) {
        return env.client().v1().events().inNamespace(env.namespace()).list().getItems().stream()
                .filter(e -> pipeline.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                .toList();
    }

    private static List<EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private static String value(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
