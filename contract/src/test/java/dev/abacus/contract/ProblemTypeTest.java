package dev.abacus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
}
