package dev.abacus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdConventionsTest {

    @Test
    void applyingThemAgainChangesNothing() {
        CustomResourceDefinition generated = OperatorTestEnvironment.crd();

        assertThat(CrdConventions.apply(OperatorTestEnvironment.crd())).isEqualTo(generated);
    }

    @Test
    void aColumnTheModelDoesNotDeclareFailsTheBuild() {
        CustomResourceDefinition crd = OperatorTestEnvironment.crd();
        crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().add(new CustomResourceColumnDefinitionBuilder()
                .withName("Stray").withType("string").withJsonPath(".spec.stray").build());

        assertThatThrownBy(() -> CrdConventions.apply(crd)).hasMessageContaining("Stray");
    }

    @Test
    void theListMapKeyMustBeRequired() {
        CustomResourceDefinition crd = OperatorTestEnvironment.crd();
        JSONSchemaProps condition = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("status").getProperties().get("conditions").getItems().getSchema();
        condition.setRequired(List.of("status", "reason"));

        assertThatThrownBy(() -> CrdConventions.apply(crd)).hasMessageContaining("must be required");
    }
}
