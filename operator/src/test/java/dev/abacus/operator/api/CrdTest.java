package dev.abacus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CRD as generated from the Java model. The API server emulator the operator tests run against validates
 * nothing (no schema, no defaults, no CEL), so the rules a real API server enforces are asserted here, on the
 * schema itself; that the API server accepts and evaluates them needs the API-server test tier.
 */
class CrdTest {

    private final CustomResourceDefinition crd = OperatorTestEnvironment.crd();
    private final CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    private final JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");

    @Test
    void namesScopeVersionAndStatusSubresource() {
        assertThat(crd.getMetadata().getName()).isEqualTo("calculatorpipelines.abacus.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("CalculatorPipeline");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("calc");
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("abacus");
        assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("v1alpha1");
            assertThat(v.getServed()).isTrue();
            assertThat(v.getStorage()).isTrue();
        });
        assertThat(version.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void printerColumnsMakeKubectlGetReadable() {
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getPriority,
                        CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        tuple("Ready", 0, ".status.conditions[?(@.type==\"Ready\")].status"),
                        tuple("Partitions", 0, ".spec.topics.partitions"),
                        tuple("Processors", 0, ".status.processor.replicas"),
                        tuple("View-Gen", 0, ".status.view.activeGeneration"),
                        tuple("Age", 0, ".metadata.creationTimestamp"),
                        tuple("Reason", 1, ".status.conditions[?(@.type==\"Ready\")].reason"),
                        tuple("View-Phase", 1, ".status.view.phase"),
                        tuple("Bootstrap", 1, ".spec.kafka.bootstrapServers"));
        assertThat(version.getAdditionalPrinterColumns()).allSatisfy(column ->
                assertThat(column.getDescription()).as(column.getName()).isNotBlank());
    }

    @Test
    void theCommittedCrdListsTheColumnsInKubectlOrder() throws IOException {
        CustomResourceDefinition committed = Serialization.unmarshal(Files.readString(committedCrd()),
                CustomResourceDefinition.class);

        assertThat(committed.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Ready", "Partitions", "Processors", "View-Gen", "Age", "Reason", "View-Phase",
                        "Bootstrap");
    }

    @Test
    void conditionsFollowTheApiConventions() {
        JSONSchemaProps conditions = at(version.getSchema().getOpenAPIV3Schema(), "status", "conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired()).as("a list-map key must be required")
                .contains("type");
        assertThat(at(conditions.getItems().getSchema(), "lastTransitionTime").getFormat()).isEqualTo("date-time");
    }

    @Test
    void kubectlExplainDescribesTheKindItsSpecAndItsStatus() {
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        assertThat(root.getDescription()).isNotBlank();
        assertThat(at(root, "spec").getDescription()).isNotBlank();
        assertThat(at(root, "status").getDescription()).isNotBlank();
    }

    @Test
    void requiredFieldsAndMinimums() {
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        assertThat(rules(root)).contains("has(self.spec)");
        assertThat(rules(root)).anySatisfy(r -> assertThat(r).contains("self.metadata.name").contains("<= 50"));
        assertThat(spec.getRequired()).contains("kafka");
        assertThat(at(spec, "kafka").getRequired()).contains("bootstrapServers");
        assertThat(at(spec, "kafka", "clientProperties").getRequired()).containsExactlyInAnyOrder("name", "key");
        assertThat(at(spec, "topics", "partitions").getMinimum()).isEqualTo(1.0);
        assertThat(at(spec, "topics", "partitions").getDefault().asInt()).isEqualTo(6);
        assertThat(at(spec, "topics", "replicationFactor").getMinimum()).isEqualTo(1.0);
        for (String component : List.of("commander", "processor", "view")) {
            assertThat(at(spec, component, "replicas").getMinimum()).as(component).isEqualTo(0.0);
        }
        assertThat(at(spec, "view", "rebuildPolicy", "deadlineSeconds").getMinimum()).isEqualTo(1.0);
        assertThat(at(spec, "topics", "events", "name").getPattern()).isEqualTo("^[a-zA-Z0-9._-]{1,249}$");
    }

    @Test
    void enumsForPoliciesAndConditionVocabulary() {
        assertThat(at(spec, "topics", "deletionPolicy").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("Retain", "Delete");
        assertThat(at(spec, "topics", "deletionPolicy").getDefault().asText()).isEqualTo("Retain");
        JSONSchemaProps condition = version.getSchema().getOpenAPIV3Schema().getProperties().get("status")
                .getProperties().get("conditions").getItems().getSchema();
        for (String open : List.of("type", "reason")) {
            assertThat(condition.getProperties().get(open).getType()).as(open).isEqualTo("string");
            assertThat(condition.getProperties().get(open).getEnum())
                    .as("%s is open: an older CRD must not reject a newer operator's status", open).isNullOrEmpty();
        }
        assertThat(condition.getProperties().get("status").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("True", "False", "Unknown");
        assertThat(condition.getRequired()).containsExactlyInAnyOrder("type", "status", "reason");
    }

    @Test
    void celRulesGuardWhatKafkaCannotUndo() {
        assertThat(rules(at(spec, "topics", "partitions"))).containsExactly("self >= oldSelf");
        assertThat(rules(at(spec, "topics")))
                .containsExactly("self.partitions <= oldSelf.partitions || self.allowPartitionIncrease");
        List<String> rootRules = version.getSchema().getOpenAPIV3Schema().getXKubernetesValidations().stream()
                .map(rule -> rule.getRule()).toList();
        for (String topic : List.of("commands", "events", "outcomes", "snapshots")) {
            assertThat(rules(at(spec, "topics", topic, "name"))).as(topic).isEmpty();
            assertThat(rootRules).as("%s: the effective name, default included, is compared", topic)
                    .anySatisfy(rule -> assertThat(rule).contains("self.spec.topics." + topic + ".name")
                            .contains("oldSelf.metadata.name + '." + topic + "'"));
        }
        assertThat(rules(at(spec, "topics", "events"))).singleElement()
                .satisfies(r -> assertThat(r).contains("'retention.ms' in self.config").contains("cleanup.policy"));
        assertThat(rules(at(spec, "topics", "snapshots"))).containsExactly(
                "!has(self.config) || !('cleanup.policy' in self.config)");
        assertThat(rules(at(spec, "kafka"))).containsExactly("!has(self.truststore) || has(self.clientProperties)",
                "!has(self.tls) || !has(self.truststore)",
                "!has(self.manageAcls) || !self.manageAcls || has(self.authentication)");
    }

    @Test
    void authRulesSayWhatEachModeNeeds() {
        JSONSchemaProps auth = at(spec, "auth");
        assertThat(at(auth, "mode").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder("Static", "Jwt");
        assertThat(auth.getRequired()).as("absent mode = the operator sets no auth").isNullOrEmpty();
        assertThat(rules(auth)).containsExactly(
                "!has(self.mode) || self.mode != 'Static' || has(self.tokens)",
                "!has(self.tokens) || (has(self.mode) && self.mode == 'Static')",
                "!has(self.mode) || self.mode != 'Jwt' || has(self.jwt)",
                "!has(self.jwt) || (has(self.mode) && self.mode == 'Jwt')");
        assertThat(messages(auth)).containsExactly("mode Static needs tokens.secretKeyRef",
                "tokens are only read in mode Static", "mode Jwt needs jwt.secretKeyRef or jwt.jwksUrl",
                "jwt is only read in mode Jwt");
        assertThat(rules(at(auth, "jwt"))).containsExactly("has(self.secretKeyRef) || has(self.jwksUrl)");
        assertThat(at(auth, "tokens").getRequired()).containsExactly("secretKeyRef");
        for (JSONSchemaProps ref : List.of(at(auth, "tokens", "secretKeyRef"), at(auth, "jwt", "secretKeyRef"))) {
            assertThat(ref.getRequired()).containsExactlyInAnyOrder("name", "key");
            assertThat(ref.getProperties()).containsOnlyKeys("name", "key");
        }
        assertThat(at(auth, "jwt", "jwksUrl").getPattern()).startsWith("^https?://");
        assertThat(at(auth, "jwt").getProperties()).containsOnlyKeys("secretKeyRef", "jwksUrl", "issuer", "audience");
    }

    @Test
    void everyOwnFieldIsDocumentedForKubectlExplain() {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented("spec", spec, undocumented);
        collectUndocumented("status", version.getSchema().getOpenAPIV3Schema().getProperties().get("status"),
                undocumented);
        assertThat(undocumented).isEmpty();
    }

    @Test
    void committedCrdMatchesTheModel() throws IOException {
        Path committed = committedCrd();
        String generated;
        try (InputStream in = getClass().getResourceAsStream(OperatorTestEnvironment.CRD_RESOURCE)) {
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(committed).as("crds/ holds the generated CRD").exists();
        assertThat(Files.readString(committed))
                .as("crds/ is stale: run `mvn -pl operator process-classes` and commit crds/")
                .isEqualTo(generated);
    }

    private static Path committedCrd() {
        return Path.of(System.getProperty("abacus.crds.dir", "../crds")).resolve("calculatorpipelines.abacus.dev-v1.yml");
    }

    private static final Set<String> EMBEDDED_KUBERNETES_TYPES = Set.of("env", "resources", "commanderFrom", "viewFrom",
            "metricsFrom");

    private static void collectUndocumented(String path, JSONSchemaProps schema, List<String> undocumented) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
            String child = path + "." + property.getKey();
            if (property.getValue().getDescription() == null || property.getValue().getDescription().isBlank()) {
                undocumented.add(child);
            }
            if (!EMBEDDED_KUBERNETES_TYPES.contains(property.getKey())) {
                JSONSchemaProps next = property.getValue().getItems() != null
                        ? property.getValue().getItems().getSchema() : property.getValue();
                collectUndocumented(child, next, undocumented);
            }
        }
    }

    private static List<String> rules(JSONSchemaProps schema) {
        return schema.getXKubernetesValidations() == null ? List.of()
                : schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }

    private static List<String> messages(JSONSchemaProps schema) {
        return schema.getXKubernetesValidations() == null ? List.of()
                : schema.getXKubernetesValidations().stream().map(ValidationRule::getMessage).toList();
    }

    private static JSONSchemaProps at(JSONSchemaProps schema, String... path) {
        JSONSchemaProps current = schema;
        for (String name : path) {
            current = current.getProperties().get(name);
        }
        return current;
    }
}
