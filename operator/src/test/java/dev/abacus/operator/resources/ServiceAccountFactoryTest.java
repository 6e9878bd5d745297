package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAccountFactoryTest {

    @Test
    void oneAccountPerComponentWithoutAToken() {
        List<ServiceAccount> accounts = ServiceAccountFactory.of(model(pipeline("demo")));

        assertThat(accounts).extracting(a -> a.getMetadata().getName())
                .containsExactly("demo-commander", "demo-processor", "demo-view");
        assertThat(accounts).allSatisfy(account -> {
            assertThat(account.getMetadata().getNamespace()).isEqualTo("shop");
            assertThat(account.getAutomountServiceAccountToken()).isFalse();
            assertThat(account.getSecrets()).isNullOrEmpty();
            assertThat(account.getMetadata().getLabels())
                    .containsEntry(Labels.NAME, "abacus")
                    .containsEntry(Labels.INSTANCE, "demo")
                    .containsEntry(Labels.MANAGED_BY, "abacus-operator");
        });
        assertThat(accounts).extracting(a -> a.getMetadata().getLabels().get(Labels.COMPONENT))
                .containsExactly("commander", "processor", "view");
    }

    @Test
    void everyPodRunsAsItsComponentsAccountWithoutAToken() {
        var model = model(pipeline("demo"));

        assertThat(List.of(DeploymentFactory.commander(model), DeploymentFactory.processor(model),
                        DeploymentFactory.view(model, 1), DeploymentFactory.view(model, 2)))
                .extracting(d -> d.getSpec().getTemplate().getSpec())
                .allSatisfy(pod -> assertThat(pod.getAutomountServiceAccountToken()).isFalse())
                .extracting(pod -> pod.getServiceAccountName())
                .containsExactly("demo-commander", "demo-processor", "demo-view", "demo-view");
        assertThat(ServiceAccountFactory.of(model)).extracting(a -> a.getMetadata().getName())
                .containsExactlyInAnyOrder("demo-commander", "demo-processor", "demo-view");
    }
}
