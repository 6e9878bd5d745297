package dev.abacus.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart's README stands alone: its values table is generated, and it names no path into this repository. */
class ChartReadmeTest {

    private static final Path README = Charts.OPERATOR_CHART.resolve("README.md");
    private static final String REGENERATE = "./mvnw -B -pl charts test -Dtest=ChartReadmeTest -Dabacus.readme.write=true";

    @Test
    void valuesTableIsTheOneGeneratedFromValuesAndSchema() throws IOException {
        ValuesTable table = ValuesTable.of(Charts.OPERATOR_CHART);
        String readme = Files.readString(README);
        String generated = table.applyTo(readme);
        if (Boolean.getBoolean("abacus.readme.write") && !generated.equals(readme)) {
            Files.writeString(README, generated);
            readme = generated;
        }

        assertThat(readme).as("the README's values table differs from values.yaml and values.schema.json (%s); run: %s",
                ValuesTable.firstDifference(generated, readme), REGENERATE).isEqualTo(generated);
    }

    @Test
    void everyValueAndEverySchemaPropertyIsDocumented() {
        ValuesTable table = ValuesTable.of(Charts.OPERATOR_CHART);

        assertThat(table.undocumented()).as("keys in values.yaml without a '# --' comment").isEmpty();
        assertThat(table.schemaOnly()).as("properties of values.schema.json that values.yaml does not document").isEmpty();
    }

    @Test
    void readmeCommandsWorkFromAChartRepositoryOrAPackagedChart() throws IOException {
        String readme = Files.readString(README);

        assertThat(readme).doesNotContainPattern("(examples|docs|charts)/[\\w.-]+")
                .contains("helm install abacus-operator abacus/abacus-operator")
                .contains("helm install abacus-operator ./abacus-operator-")
                .contains("helm show crds abacus/abacus-operator")
                .contains("kubectl apply --server-side --force-conflicts -f -");
    }
}
