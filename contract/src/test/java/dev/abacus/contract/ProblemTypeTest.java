package dev.abacus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void typesAndReasonsAreUnique() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::reason)).doesNotHaveDuplicates();
    }

    @Test
    void theApiDocumentListsEveryProblem() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "problems.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(doc).as("docs/problems.md").contains("| " + type.status() + " | `" + type.reason() + "` | `"
                    + type.slug() + "` |");
        }
    }

    /** The services' OpenAPI documents take the problem schema from src/main/openapi/problems.yml. */
    @Test
    void theOpenApiProblemSchemaListsEveryReason() throws IOException {
        JsonNode problems = new ObjectMapper(new YAMLFactory()).readTree(Path.of("src", "main", "openapi", "problems.yml").toFile());
        List<String> reasons = new ArrayList<>();
        problems.at("/components/schemas/Problem/properties/reason/enum").forEach(reason -> reasons.add(reason.asText()));

        assertThat(reasons).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemType.values()).map(ProblemType::reason).toList());
    }
}
