package dev.abacus.operator.resources;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class ServiceFactoryTest {

    @Test
    void commanderAndProcessorSelectTheirComponentOnPort8080() {
        Service commander = ServiceFactory.commander(model(pipeline("demo")));
        Service processor = ServiceFactory.processor(model(pipeline("demo")));

        assertThat(commander.getMetadata().getName()).isEqualTo("demo-commander");
        assertThat(commander.getSpec().getSelector()).isEqualTo(Labels.selector("demo", Component.COMMANDER));
        assertThat(commander.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(processor.getSpec().getSelector()).containsEntry(Labels.COMPONENT, "processor");
        assertThat(ServiceFactory.selectedGeneration(commander)).isEqualTo(-1);
    }

    @Test
    void viewSelectsExactlyTheActiveGeneration() {
        Service view = ServiceFactory.view(model(pipeline("demo")), 7);

        assertThat(view.getMetadata().getName()).isEqualTo("demo-view");
        assertThat(view.getSpec().getSelector()).containsEntry(Labels.VIEW_GENERATION, "7")
                .containsEntry(Labels.COMPONENT, "view")
                .containsEntry(Labels.INSTANCE, "demo");
        assertThat(ServiceFactory.selectedGeneration(view)).isEqualTo(7);
        assertThat(DeploymentFactory.view(model(pipeline("demo")), 7).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(view.getSpec().getSelector());
    }
}
