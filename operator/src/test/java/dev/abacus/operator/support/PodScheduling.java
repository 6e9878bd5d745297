package dev.abacus.operator.support;

import dev.abacus.kube.testkit.ControlPlane;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Makes a Deployment unavailable the way a cluster does: its pods are deleted while the node is cordoned, so the
 * ReplicaSet's replacements stay Pending until {@link #release()}. The real Deployment controller then reports the
 * availability the operator reacts to. Cordoning holds every new pod of the control plane, so one hold at a time.
 */
public final class PodScheduling {

    private final KubernetesClient client;

    PodScheduling(KubernetesClient client) {
        this.client = client;
    }

    /** Keeps the named Deployment's pods from running until {@link #release()}. */
    public void hold(String namespace, String deployment) {
        cordon(true);
        Deployment held = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        if (held != null) {
            client.pods().inNamespace(namespace).withLabels(held.getSpec().getSelector().getMatchLabels())
                    .withGracePeriod(0).delete();
        }
    }

    /** Lets pending pods be scheduled again. */
    public void release() {
        cordon(false);
    }

    private void cordon(boolean unschedulable) {
        client.nodes().withName(ControlPlane.NODE_NAME).edit(node -> {
            node.getSpec().setUnschedulable(unschedulable);
            return node;
        });
    }
}
