package dev.abacus.kube.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself: what the operator and chart tiers rely on the control plane to do. */
@RealControlPlane
class ControlPlaneIT {

    private final ControlPlane controlPlane = ControlPlane.shared();
    private final KubernetesClient admin = controlPlane.admin();

    @Test
    void servesTheStampedVersionAndRunsDeploymentsToAvailableOnTheFakeNode() {
        assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo(ControlPlane.KUBERNETES_VERSION);
        String namespace = controlPlane.createNamespace("harness").getMetadata().getName();

        admin.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("example/web:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Deployment web = admin.apps().deployments().inNamespace(namespace).withName("web").get();
            assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(2);
        });
        assertThat(admin.pods().inNamespace(namespace).list().getItems())
                .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo(ControlPlane.NODE_NAME));
    }

    @Test
    void aRestrictedNamespaceAdmitsOnlyPodsMeetingTheRestrictedStandard() {
        String namespace = controlPlane.createNamespace("harness-restricted", ControlPlane.RESTRICTED)
                .getMetadata().getName();

        assertThatThrownBy(() -> admin.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("root").endMetadata()
                .withNewSpec().addNewContainer().withName("root").withImage("example/web:1").endContainer().endSpec()
                .build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("violates PodSecurity \"restricted:latest\"");
                });
    }

    @Test
    void aServiceAccountTokenIsBoundByRbac() {
        String namespace = controlPlane.createNamespace("harness-rbac").getMetadata().getName();
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("nobody").endMetadata().build()).create();

        try (KubernetesClient nobody = controlPlane.clientAs(namespace, "nobody")) {
            assertThatThrownBy(() -> nobody.secrets().inNamespace(namespace).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
    }
}
