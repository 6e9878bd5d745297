package dev.abacus.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Abacus deployment: its Kafka topics and its commander, processor and view services. */
@Group(CalculatorPipeline.GROUP)
@Version(CalculatorPipeline.VERSION)
@Plural("calculatorpipelines")
@Singular("calculatorpipeline")
@ShortNames("calc")
@Categories("abacus")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 50",
        message = "name must be a DNS label of at most 50 characters starting with a letter: it prefixes Service names")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", priority = 1)
@AdditionalPrinterColumn(name = "Partitions", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.topics.partitions")
@AdditionalPrinterColumn(name = "Processors", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.processor.replicas")
@AdditionalPrinterColumn(name = "View-Gen", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.view.activeGeneration")
@AdditionalPrinterColumn(name = "View-Phase", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.view.phase", priority = 1)
@AdditionalPrinterColumn(name = "Bootstrap", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.kafka.bootstrapServers", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp")
public class CalculatorPipeline extends CustomResource<CalculatorPipelineSpec, CalculatorPipelineStatus>
        implements Namespaced {

    public static final String GROUP = "abacus.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    protected CalculatorPipelineSpec initSpec() {
        return new CalculatorPipelineSpec();
    }
}
