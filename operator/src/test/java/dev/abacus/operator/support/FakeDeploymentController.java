package dev.abacus.operator.support;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the Deployment controller and kubelet the emulator lacks: reports every Deployment as fully
 * rolled out and available (availableReplicas and the Available condition), except those a test holds back, which
 * are rolled out with no pod ready, as when readiness probes fail. Like a real controller it resyncs every second,
 * so a status write that lost a race (or an event the emulator's watch did not deliver) is settled on the next pass.
 */
public final class FakeDeploymentController implements AutoCloseable {

    private static final long RESYNC_MILLIS = 1_000;

    private final KubernetesClient client;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<Deployment> informer;

    public FakeDeploymentController(KubernetesClient client) {
        this.client = client;
        this.informer = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                settle(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                settle(after);
            }

            @Override
            public void onDelete(Deployment deployment, boolean unknown) {
            }
        }, RESYNC_MILLIS);
    }

    /** Keeps the named Deployment unavailable (as if its pods never got ready). */
    public void hold(String name) {
        held.add(name);
        resettle(name);
    }

    public void release(String name) {
        held.remove(name);
        resettle(name);
    }

    private void resettle(String name) {
        Optional.ofNullable(informer.getIndexer().list()).orElseGet(List::of).stream()
                .filter(d -> d.getMetadata().getName().equals(name))
                .forEach(this::settle);
    }

    private void settle(Deployment seen) {
        if (settled(seen)) {
            return;
        }
        try {
            Deployment current = client.apps().deployments().inNamespace(seen.getMetadata().getNamespace())
                    .withName(seen.getMetadata().getName()).get();
            if (current == null || settled(current)) {
                return;
            }
            current.setStatus(wanted(current));
            // A whole-status PUT guarded by resourceVersion: the emulator answers a JSON patch that no longer applies
            // with no response at all, which would stall this informer's handler for the client's request timeout.
            client.resource(current).updateStatus();
        } catch (KubernetesClientException e) {
            // deleted or changed meanwhile (409): its next event or the resync settles it
        }
    }

    private boolean settled(Deployment deployment) {
        DeploymentStatus wanted = wanted(deployment);
        DeploymentStatus actual = deployment.getStatus();
        return actual != null && Objects.equals(actual.getObservedGeneration(), wanted.getObservedGeneration())
                && Objects.equals(actual.getReplicas(), wanted.getReplicas())
                && Objects.equals(actual.getUpdatedReplicas(), wanted.getUpdatedReplicas())
                && Objects.equals(actual.getAvailableReplicas(), wanted.getAvailableReplicas());
    }

    private DeploymentStatus wanted(Deployment deployment) {
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
        boolean hold = held.contains(deployment.getMetadata().getName());
        DeploymentStatus wanted = new DeploymentStatus();
        wanted.setObservedGeneration(generation);
        wanted.setReplicas(replicas);
        wanted.setUpdatedReplicas(replicas);
        wanted.setReadyReplicas(hold ? 0 : replicas);
        wanted.setAvailableReplicas(hold ? 0 : replicas);
        wanted.setUnavailableReplicas(hold ? replicas : null);
        wanted.setConditions(List.of(new DeploymentConditionBuilder().withType("Available")
                .withStatus(hold && replicas > 0 ? "False" : "True")
                .withReason(hold && replicas > 0 ? "MinimumReplicasUnavailable" : "MinimumReplicasAvailable")
                .build()));
        return wanted;
    }

    @Override
    public void close() {
        informer.close();
    }
}
