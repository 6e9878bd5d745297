package dev.abacus.operator;

import dev.abacus.kube.testkit.RealControlPlane;
import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.support.OperatorTestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A Kafka outage is a condition and a retry with backoff; the Kubernetes side keeps being reconciled. */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageIT {

    private OperatorTestEnvironment env;

    @BeforeAll
    void start() {
        env = OperatorTestEnvironment.start();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @Test
    void kafkaDownIsAConditionAndRecoveryIsAutomatic() {
        env.create(env.pipeline("outage", 2));
        env.awaitReady("outage");

        env.kafka().stop();
        try {
            eventually().untilAsserted(() -> {
                CalculatorPipeline p = env.get("outage");
                Condition topics = p.getStatus().condition(ConditionType.TOPICS_READY).orElseThrow();
                assertThat(topics.getStatus()).isEqualTo(ConditionStatus.FALSE);
                assertThat(topics.getReason()).isEqualTo("KafkaUnreachable");
                assertThat(topics.getMessage()).isNotBlank();
                Condition ready = p.getStatus().condition(ConditionType.READY).orElseThrow();
                assertThat(ready.getReason()).isEqualTo("KafkaUnreachable");
                assertThat(p.getStatus().getTopics()).as("last known topic facts are kept").hasSize(4);
            });

            env.edit("outage", spec -> spec.getCommander().setReplicas(2));
            eventually().until(() -> env.client().apps().deployments().inNamespace(env.namespace())
                    .withName("outage-commander").get().getSpec().getReplicas() == 2);
        } finally {
            env.kafka().start();
        }

        env.awaitReady("outage");
        assertThat(env.condition("outage", ConditionType.TOPICS_READY).orElseThrow().getReason())
                .isEqualTo("TopicsInSync");
    }
}
