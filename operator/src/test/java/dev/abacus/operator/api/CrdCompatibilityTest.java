package dev.abacus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated CRD against the released schema of each API version it serves
 * ({@code src/test/resources/crd-baselines/}): objects stored under a released version must stay valid, so a
 * narrowing needs a new version. The baseline of a version is only replaced when that version is released anew.
 */
class CrdCompatibilityTest {

    private static final String BASELINES = "/crd-baselines/calculatorpipelines.abacus.dev-";

    /**
     * Narrowings reviewed and accepted. The date-time format: status is written by the operator only, and its
     * lastTransitionTime has always been an Instant at second precision, which is RFC 3339. The snapshots name rule:
     * spec.topics.snapshots is new, so every stored object has the default name on both sides of it.
     */
    private static final Set<String> ACCEPTED = Set.of(
            ".status.conditions[].lastTransitionTime: format null -> date-time",
            ".: new or changed rule (has(self.spec) && has(self.spec.topics) && has(self.spec.topics.snapshots) "
                    + "&& has(self.spec.topics.snapshots.name) ? self.spec.topics.snapshots.name : self.metadata.name "
                    + "+ '.snapshots') == (has(oldSelf.spec) && has(oldSelf.spec.topics) "
                    + "&& has(oldSelf.spec.topics.snapshots) && has(oldSelf.spec.topics.snapshots.name) "
                    + "? oldSelf.spec.topics.snapshots.name : oldSelf.metadata.name + '.snapshots')");

    @Test
    void everyServedVersionStaysCompatibleWithItsReleasedSchema() {
        for (CustomResourceDefinitionVersion version : OperatorTestEnvironment.crd().getSpec().getVersions()) {
            JSONSchemaProps released = schema(load(BASELINES + version.getName() + ".yml"), version.getName());
            assertThat(CrdCompatibility.narrowings(released, version.getSchema().getOpenAPIV3Schema()))
                    .filteredOn(narrowing -> !ACCEPTED.contains(narrowing))
                    .as("%s narrows its released schema: serve a new API version (with a baseline of its own)",
                            version.getName())
                    .isEmpty();
        }
    }

    @Test
    void findsEveryKindOfNarrowing() {
        JSONSchemaProps released = released();
        JSONSchemaProps changed = released();
        JSONSchemaProps topics = changed.getProperties().get("spec").getProperties().get("topics");
        topics.getProperties().remove("deletionPolicy");
        topics.getProperties().get("partitions").setMaximum(100.0);
        topics.getProperties().get("replicationFactor").setType("string");
        topics.getProperties().get("commands").getProperties().get("name").setPattern("^[a-z]+$");
        topics.setRequired(List.of("partitions"));
        changed.getProperties().get("spec").getProperties().get("kafka").setXKubernetesValidations(new ArrayList<>(
                List.of(new ValidationRuleBuilder().withRule("has(self.bootstrapServers)").build(),
                        new ValidationRuleBuilder().withRule("!has(self.truststore) || self.truststore.key != ''").build(),
                        new ValidationRuleBuilder().withRule("!has(self.brandNew) || self.brandNew > 1").build())));

        assertThat(CrdCompatibility.narrowings(released, changed)).containsExactlyInAnyOrder(
                ".spec.topics: partitions newly required",
                ".spec.topics.deletionPolicy: removed",
                ".spec.topics.partitions: maximum 10000.0 -> 100.0",
                ".spec.topics.replicationFactor: type integer -> string",
                ".spec.topics.commands.name: pattern ^[a-zA-Z0-9._-]{1,249}$ -> ^[a-z]+$",
                ".spec.kafka: new or changed rule has(self.bootstrapServers)",
                ".spec.kafka: new or changed rule !has(self.truststore) || self.truststore.key != ''");
    }

    @Test
    void wideningIsCompatible() {
        JSONSchemaProps released = released();
        JSONSchemaProps widened = released();
        JSONSchemaProps topics = widened.getProperties().get("spec").getProperties().get("topics");
        topics.getProperties().get("partitions").setMaximum(20000.0);
        topics.getProperties().put("compression", new JSONSchemaProps());
        topics.getProperties().get("compression").setType("string");
        topics.getXKubernetesValidations().clear();

        assertThat(CrdCompatibility.narrowings(released, widened)).isEmpty();
    }

    @Test
    void removingAnEnumIsAWidening() {
        JSONSchemaProps released = released();
        JSONSchemaProps widened = released();
        JSONSchemaProps condition = conditions(widened).getItems().getSchema();
        assertThat(conditions(released).getItems().getSchema().getProperties().get("reason").getEnum())
                .as("the baseline still enumerates reasons").isNotEmpty();
        condition.getProperties().get("reason").setEnum(null);
        condition.getProperties().get("type").setEnum(new ArrayList<>());

        assertThat(CrdCompatibility.narrowings(released, widened)).isEmpty();
    }

    @Test
    void aListMapOnAnExistingListIsCompatibleWhenItsItemsAlreadyRequiredTheKeys() {
        JSONSchemaProps released = released();
        JSONSchemaProps changed = released();
        assertThat(conditions(released).getItems().getSchema().getRequired()).contains("type");
        conditions(changed).setXKubernetesListType("map");
        conditions(changed).setXKubernetesListMapKeys(List.of("type"));

        assertThat(CrdCompatibility.narrowings(released, changed)).isEmpty();
    }

    @Test
    void aListMapOnKeysNotRequiredBeforeOrAListSetIsANarrowing() {
        JSONSchemaProps released = released();
        JSONSchemaProps changed = released();
        conditions(changed).setXKubernetesListType("map");
        conditions(changed).setXKubernetesListMapKeys(List.of("type", "message"));
        JSONSchemaProps topics = changed.getProperties().get("status").getProperties().get("topics");
        topics.setXKubernetesListType("set");

        assertThat(CrdCompatibility.narrowings(released, changed)).containsExactlyInAnyOrder(
                ".status.conditions: list-type atomic -> map on keys [type, message] not required before",
                ".status.topics: list-type atomic -> set");
    }

    @Test
    void changingTheKeysOfAListMapIsANarrowing() {
        JSONSchemaProps released = released();
        conditions(released).setXKubernetesListType("map");
        conditions(released).setXKubernetesListMapKeys(List.of("type"));
        JSONSchemaProps changed = released();
        conditions(changed).setXKubernetesListType("map");
        conditions(changed).setXKubernetesListMapKeys(List.of("reason"));

        assertThat(CrdCompatibility.narrowings(released, changed))
                .containsExactly(".status.conditions: list-map-keys [type] -> [reason]");
    }

    private static JSONSchemaProps conditions(JSONSchemaProps root) {
        return root.getProperties().get("status").getProperties().get("conditions");
    }

    private static JSONSchemaProps released() {
        return schema(load(BASELINES + CalculatorPipeline.VERSION + ".yml"), CalculatorPipeline.VERSION);
    }

    private static JSONSchemaProps schema(CustomResourceDefinition crd, String version) {
        return crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(version)).findFirst()
                .orElseThrow(() -> new AssertionError("no released baseline serves " + version))
                .getSchema().getOpenAPIV3Schema();
    }

    private static CustomResourceDefinition load(String resource) {
        try (InputStream in = CrdCompatibilityTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no released baseline " + resource + ": add the released CRD there");
            }
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
