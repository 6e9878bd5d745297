package dev.abacus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** Conditions written by another operator version, read (and written back) through the client's own mapper. */
class ConditionTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final String NEWER_OPERATORS_STATUS = """
            {"observedGeneration": 3, "conditions": [
              {"type": "Ready", "status": "False", "reason": "QuotaExhausted", "message": "from a newer operator",
               "lastTransitionTime": "2026-11-22T10:00:00Z", "observedGeneration": 3},
              {"type": "SchemaRegistryReady", "status": "True", "reason": "SubjectsRegistered"}]}""";

    @Test
    void aStatusWithAnUnknownReasonAndTypeStillReads() {
        CalculatorPipelineStatus status = SERIALIZATION.unmarshal(NEWER_OPERATORS_STATUS,
                CalculatorPipelineStatus.class);

        Condition ready = status.condition(ConditionType.READY).orElseThrow();
        assertThat(ready.getReason()).isEqualTo("QuotaExhausted");
        assertThat(ready.isTrue()).isFalse();
        assertThat(status.isReady()).isFalse();
        assertThat(status.getConditions().get(1).getType()).isEqualTo("SchemaRegistryReady");
        assertThat(status.getConditions().get(1).is(ConditionType.READY)).isFalse();
    }

    @Test
    void unknownValuesAreWrittenBackUnchanged() {
        CalculatorPipelineStatus status = SERIALIZATION.unmarshal(NEWER_OPERATORS_STATUS,
                CalculatorPipelineStatus.class);

        assertThat(SERIALIZATION.asJson(status.getConditions()))
                .isEqualTo(SERIALIZATION.unmarshal(NEWER_OPERATORS_STATUS, JsonNode.class).get("conditions").toString());
    }

    @Test
    void theOperatorsVocabularyIsWrittenByItsWireNames() {
        Condition condition = new Condition(ConditionType.TOPICS_READY, ConditionStatus.FALSE,
                ConditionReason.KAFKA_UNREACHABLE, "timed out");

        assertThat(SERIALIZATION.asJson(condition))
                .isEqualTo("{\"type\":\"TopicsReady\",\"status\":\"False\",\"reason\":\"KafkaUnreachable\","
                        + "\"message\":\"timed out\"}");
        assertThat(condition.is(ConditionType.TOPICS_READY)).isTrue();
        assertThat(condition.hasReason(ConditionReason.KAFKA_UNREACHABLE)).isTrue();
    }
}
