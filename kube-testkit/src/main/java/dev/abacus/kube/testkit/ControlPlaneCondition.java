package dev.abacus.kube.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables a {@link RealControlPlane} class only where the control-plane binaries exist (or are required). */
public final class ControlPlaneCondition implements ExecutionCondition {

    private static volatile boolean announced;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (ControlPlane.binaries().isPresent()) {
            return ConditionEvaluationResult.enabled("control-plane binaries found");
        }
        if (Boolean.parseBoolean(System.getenv("ABACUS_REQUIRE_CONTROL_PLANE"))) {
            return ConditionEvaluationResult.enabled("the control plane is required: the class will fail");
        }
        if (!announced) {
            announced = true;
            System.out.println("[control-plane tier skipped] " + ControlPlane.missingBinaries());
        }
        return ConditionEvaluationResult.disabled(ControlPlane.missingBinaries());
    }
}
