package dev.abacus.kube.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables a {@link RealNodeCluster} class only where a real node can start (or is required). */
public final class RealNodeCondition implements ExecutionCondition {

    private static volatile boolean announced;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = RealNode.cannotRun();
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("a real node can run here");
        }
        if (Boolean.parseBoolean(System.getenv("ABACUS_REQUIRE_REAL_NODE"))) {
            return ConditionEvaluationResult.enabled("the real node is required: the class will fail");
        }
        if (!announced) {
            announced = true;
            System.out.println("[real-node tier skipped] " + reason.get());
        }
        return ConditionEvaluationResult.disabled(reason.get());
    }
}
