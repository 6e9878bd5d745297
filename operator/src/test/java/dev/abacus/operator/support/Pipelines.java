package dev.abacus.operator.support;

import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.resources.PipelineModel;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Pipelines for unit tests, built in memory. */
public final class Pipelines {

    public static final OperatorConfig CONFIG = OperatorConfig.defaults();

    private Pipelines() {
    }

    public static CalculatorPipeline pipeline(String name) {
        return pipeline(name, "shop");
    }

    public static CalculatorPipeline pipeline(String name, String namespace) {
        CalculatorPipeline pipeline = new CalculatorPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withGeneration(1L)
                .withUid("uid-" + name).build());
        CalculatorPipelineSpec spec = new CalculatorPipelineSpec();
        spec.getKafka().setBootstrapServers("kafka-0:9092,kafka-1:9092");
        pipeline.setSpec(spec);
        return pipeline;
    }

    public static PipelineModel model(CalculatorPipeline pipeline) {
        return PipelineModel.of(pipeline, CONFIG);
    }
}
