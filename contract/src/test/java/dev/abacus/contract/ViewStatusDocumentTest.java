package dev.abacus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.abacus.contract.golden.Golden;
import org.junit.jupiter.api.Test;

class ViewStatusDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGoldenDocumentRoundTripsFieldForField() throws Exception {
        JsonNode golden = JSON.readTree(Golden.read(Golden.VIEW_STATUS));

        ViewStatusDocument document = JSON.treeToValue(golden, ViewStatusDocument.class);

        assertThat(document.generation()).isEqualTo("3");
        assertThat(document.caughtUp()).isTrue();
        assertThat(document.eventsApplied()).isEqualTo(1200);
        assertThat(document.partitions()).extracting(ViewStatusDocument.Partition::startupEndOffset)
                .containsExactly(590L, 601L);
        assertThat(JSON.readTree(JSON.writeValueAsString(document))).isEqualTo(golden);
    }

    @Test
    void aDocumentWithoutWhatTheOperatorDecidesOnIsRefused() throws Exception {
        for (String field : new String[] {"generation", "ready", "caught_up", "events_applied", "lag"}) {
            ObjectNode document = (ObjectNode) JSON.readTree(Golden.read(Golden.VIEW_STATUS));
            document.remove(field);
            assertThatThrownBy(() -> JSON.treeToValue(document, ViewStatusDocument.class)).as(field)
                    .isInstanceOf(MismatchedInputException.class).hasMessageContaining(field);
        }
    }
}
