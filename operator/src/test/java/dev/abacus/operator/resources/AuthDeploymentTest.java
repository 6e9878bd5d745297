package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.contract.AuthEnvironment;
import dev.abacus.operator.api.AuthMode;
import dev.abacus.operator.api.AuthSpec;
import dev.abacus.operator.api.AuthTokensSpec;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.JwtAuthSpec;
import dev.abacus.operator.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** spec.auth on the commander's and every view generation's Deployment: names, plain settings, Secret references. */
class AuthDeploymentTest {

    @Test
    void staticTokensReachTheCommanderAndEveryViewGenerationAsASecretReference() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().setAuth(staticAuth("abacus-tokens", "tokens"));
        PipelineModel model = model(pipeline);

        for (Deployment deployment : List.of(DeploymentFactory.commander(model), DeploymentFactory.view(model, 1),
                DeploymentFactory.view(model, 7))) {
            List<EnvVar> env = env(deployment);
            assertThat(values(env)).as(deployment.getMetadata().getName())
                    .containsEntry("ABACUS_AUTH_MODE", "static")
                    .doesNotContainKeys("ABACUS_AUTH_TOKENS", "ABACUS_AUTH_SECRET", "ABACUS_AUTH_JWKS_URL");
            assertThat(env).filteredOn(e -> e.getName().equals("ABACUS_AUTH_TOKENS")).singleElement().satisfies(e -> {
                assertThat(e.getValue()).isNull();
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("abacus-tokens");
                assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("tokens");
                assertThat(e.getValueFrom().getSecretKeyRef().getOptional())
                        .as("a pod without its tokens would start open").isNotEqualTo(Boolean.TRUE);
            });
        }
        assertThat(env(DeploymentFactory.processor(model))).extracting(EnvVar::getName)
                .as("the processor serves no guarded API").noneMatch(n -> n.startsWith("ABACUS_AUTH_"));
    }

    @Test
    void jwtSetsTheModeTheSecretReferenceAndThePlainSettings() {
        CalculatorPipeline pipeline = pipeline("demo");
        JwtAuthSpec jwt = new JwtAuthSpec();
        jwt.setSecretKeyRef(new SecretKeyRef("abacus-jwt", "hs256"));
        jwt.setJwksUrl("https://issuer.example/.well-known/jwks.json");
        jwt.setIssuer("https://issuer.example");
        jwt.setAudience("abacus");
        pipeline.getSpec().setAuth(jwtAuth(jwt));

        List<EnvVar> env = env(DeploymentFactory.commander(model(pipeline)));

        assertThat(values(env)).containsEntry("ABACUS_AUTH_MODE", "jwt")
                .containsEntry("ABACUS_AUTH_JWKS_URL", "https://issuer.example/.well-known/jwks.json")
                .containsEntry("ABACUS_AUTH_ISSUER", "https://issuer.example")
                .containsEntry("ABACUS_AUTH_AUDIENCE", "abacus")
                .doesNotContainKeys("ABACUS_AUTH_SECRET", "ABACUS_AUTH_TOKENS");
        assertThat(env).filteredOn(e -> e.getName().equals("ABACUS_AUTH_SECRET")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef())
                        .satisfies(ref -> assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("abacus-jwt/hs256")));
        assertThat(values(env(DeploymentFactory.view(model(pipeline), 1)))).containsEntry("ABACUS_AUTH_MODE", "jwt")
                .containsEntry("ABACUS_AUTH_AUDIENCE", "abacus");
    }

    @Test
    void jwtWithOnlyAJwksUrlReferencesNoSecret() {
        CalculatorPipeline pipeline = pipeline("demo");
        JwtAuthSpec jwt = new JwtAuthSpec();
        jwt.setJwksUrl("http://keys.auth.svc:8080/jwks");
        pipeline.getSpec().setAuth(jwtAuth(jwt));

        List<EnvVar> env = env(DeploymentFactory.commander(model(pipeline)));

        assertThat(env).filteredOn(e -> e.getName().startsWith("ABACUS_AUTH_")).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("ABACUS_AUTH_MODE", "ABACUS_AUTH_JWKS_URL");
        assertThat(env).allSatisfy(e -> assertThat(e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)
                .as(e.getName()).isTrue());
        assertThat(model(pipeline).auth().references()).isEmpty();
    }

    @Test
    void withoutAModeTheOperatorSetsNoAuthEnvAndSpecEnvStaysTheEscapeHatch() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().setAuth(new AuthSpec());
        pipeline.getSpec().getCommander().setEnv(List.of(new EnvVar("ABACUS_AUTH_MODE", "jwt", null),
                new EnvVar("ABACUS_AUTH_JWKS_URL", "https://issuer.example/jwks", null)));

        assertThat(model(pipeline).auth().declared()).isFalse();
        assertThat(PipelineModel.authEnvConflicts(pipeline)).isEmpty();
        assertThat(values(env(DeploymentFactory.commander(model(pipeline))))).containsEntry("ABACUS_AUTH_MODE", "jwt")
                .containsEntry("ABACUS_AUTH_JWKS_URL", "https://issuer.example/jwks");
        assertThat(PipelineModel.ignoredEnv(pipeline)).isEmpty();
    }

    @Test
    void withSpecAuthTheCommandersAndViewsAuthEnvConflictsAndIsNeverUsed() {
        CalculatorPipeline pipeline = pipeline("demo");
        pipeline.getSpec().setAuth(staticAuth("abacus-tokens", "tokens"));
        pipeline.getSpec().getCommander().setEnv(List.of(new EnvVar("ABACUS_AUTH_TOKENS", "inline:token", null),
                new EnvVar("ABACUS_AUTH_CLOCK_SKEW", "10s", null)));
        pipeline.getSpec().getView().setEnv(List.of(new EnvVar("ABACUS_AUTH_MODE", "none", null)));
        pipeline.getSpec().getProcessor().setEnv(List.of(new EnvVar("ABACUS_AUTH_MODE", "none", null)));

        assertThat(PipelineModel.authEnvConflicts(pipeline))
                .containsExactly("spec.commander.env ABACUS_AUTH_TOKENS", "spec.view.env ABACUS_AUTH_MODE");
        PipelineModel model = model(pipeline);
        assertThat(values(env(DeploymentFactory.commander(model)))).doesNotContainValue("inline:token")
                .containsEntry("ABACUS_AUTH_CLOCK_SKEW", "10s");
        assertThat(values(env(DeploymentFactory.view(model, 1)))).containsEntry("ABACUS_AUTH_MODE", "static");
        assertThat(env(DeploymentFactory.view(model, 1))).filteredOn(e -> e.getName().equals("ABACUS_AUTH_MODE"))
                .hasSize(1);
    }

    @Test
    void theContractNamesAreTheOnesTheServicesRead() {
        assertThat(AuthEnvironment.ALL).containsExactlyInAnyOrder("ABACUS_AUTH_MODE", "ABACUS_AUTH_TOKENS",
                "ABACUS_AUTH_SECRET", "ABACUS_AUTH_JWKS_URL", "ABACUS_AUTH_ISSUER", "ABACUS_AUTH_AUDIENCE");
        assertThat(AuthEnvironment.ALL).allSatisfy(name -> assertThat(PipelineModel.RESERVED_ENV)
                .as("reserved only when spec.auth is set").doesNotContain(name));
    }

    @Test
    void declaringOrChangingAuthIsAViewRebuild() {
        CalculatorPipeline plain = pipeline("demo");
        CalculatorPipeline guarded = pipeline("demo");
        guarded.getSpec().setAuth(staticAuth("abacus-tokens", "tokens"));
        CalculatorPipeline otherSecret = pipeline("demo");
        otherSecret.getSpec().setAuth(staticAuth("abacus-tokens-2", "tokens"));

        String before = DeploymentFactory.viewTemplateHash(model(plain));
        String after = DeploymentFactory.viewTemplateHash(model(guarded));

        assertThat(after).isNotEqualTo(before);
        assertThat(DeploymentFactory.viewTemplateHash(model(otherSecret))).isNotEqualTo(after);
        assertThat(DeploymentFactory.viewTemplateHash(model(guarded))).as("stable").isEqualTo(after);
    }

    static AuthSpec staticAuth(String secret, String key) {
        AuthSpec auth = new AuthSpec();
        auth.setMode(AuthMode.STATIC);
        auth.setTokens(new AuthTokensSpec(new SecretKeyRef(secret, key)));
        return auth;
    }

    static AuthSpec jwtAuth(JwtAuthSpec jwt) {
        AuthSpec auth = new AuthSpec();
        auth.setMode(AuthMode.JWT);
        auth.setJwt(jwt);
        return auth;
    }

    private static List<EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private static Map<String, String> values(List<EnvVar> env) {
        return env.stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
