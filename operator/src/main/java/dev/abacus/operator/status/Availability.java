package dev.abacus.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/** How far a Deployment is from serving the wanted replica count with its current template. */
public record Availability(boolean exists, int wanted, int available, int updated, boolean observed) {

    public static Availability of(Deployment deployment, int wanted) {
        if (deployment == null) {
            return new Availability(false, wanted, 0, 0, false);
        }
        DeploymentStatus status = Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        long observedGeneration = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
        return new Availability(true, wanted,
                Optional.ofNullable(status.getAvailableReplicas()).orElse(0),
                Optional.ofNullable(status.getUpdatedReplicas()).orElse(0),
                observedGeneration >= generation);
    }

    /** Every wanted replica runs the current template and is available. */
    public boolean complete() {
        return exists && (wanted == 0 || (observed && updated >= wanted && available >= wanted));
    }

    public String describe() {
        if (!exists) {
            return "Deployment not created yet";
        }
        if (wanted == 0) {
            return "scaled to zero";
        }
        return available + "/" + wanted + " replicas available, " + updated + " updated"
                + (observed ? "" : ", rollout not yet observed by the Deployment controller");
    }
}
