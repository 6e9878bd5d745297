package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
@ValidationRule(value = "(has(self.spec) && has(self.spec.topics) && has(self.spec.topics.commands) && has(self.spec.topics.commands.name) ? self.spec.topics.commands.name : self.metadata.name + '.commands') == (has(oldSelf.spec) && has(oldSelf.spec.topics) && has(oldSelf.spec.topics.commands) && has(oldSelf.spec.topics.commands.name) ? oldSelf.spec.topics.commands.name : oldSelf.metadata.name + '.commands')",
        message = "the commands topic's name (by default <pipeline>.commands) cannot change once created: "
                + "a new name would switch the pipeline to a new, empty topic",
        fieldPath = ".spec.topics.commands.name", reason = "FieldValueForbidden")
@ValidationRule(value = "(has(self.spec) && has(self.spec.topics) && has(self.spec.topics.events) && has(self.spec.topics.events.name) ? self.spec.topics.events.name : self.metadata.name + '.events') == (has(oldSelf.spec) && has(oldSelf.spec.topics) && has(oldSelf.spec.topics.events) && has(oldSelf.spec.topics.events.name) ? oldSelf.spec.topics.events.name : oldSelf.metadata.name + '.events')",
        message = "the events topic's name (by default <pipeline>.events) cannot change once created: "
                + "a new name would switch the pipeline to a new, empty topic",
        fieldPath = ".spec.topics.events.name", reason = "FieldValueForbidden")
@ValidationRule(value = "(has(self.spec) && has(self.spec.topics) && has(self.spec.topics.outcomes) && has(self.spec.topics.outcomes.name) ? self.spec.topics.outcomes.name : self.metadata.name + '.outcomes') == (has(oldSelf.spec) && has(oldSelf.spec.topics) && has(oldSelf.spec.topics.outcomes) && has(oldSelf.spec.topics.outcomes.name) ? oldSelf.spec.topics.outcomes.name : oldSelf.metadata.name + '.outcomes')",
        message = "the outcomes topic's name (by default <pipeline>.outcomes) cannot change once created: "
                + "a new name would switch the pipeline to a new, empty topic",
        fieldPath = ".spec.topics.outcomes.name", reason = "FieldValueForbidden")
@ValidationRule(value = "(has(self.spec) && has(self.spec.topics) && has(self.spec.topics.snapshots) && has(self.spec.topics.snapshots.name) ? self.spec.topics.snapshots.name : self.metadata.name + '.snapshots') == (has(oldSelf.spec) && has(oldSelf.spec.topics) && has(oldSelf.spec.topics.snapshots) && has(oldSelf.spec.topics.snapshots.name) ? oldSelf.spec.topics.snapshots.name : oldSelf.metadata.name + '.snapshots')",
        message = "the snapshots topic's name (by default <pipeline>.snapshots) cannot change once created: "
                + "a new name would leave the old topic behind and cost the processor a full replay",
        fieldPath = ".spec.topics.snapshots.name", reason = "FieldValueForbidden")
// kubectl shows the columns in this declaration order: CrdConventions undoes fabric8's alphabetical one
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether topics are in sync and commander, processor and view are available.")
@AdditionalPrinterColumn(name = "Partitions", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".spec.topics.partitions", getDescription = "Partitions of each topic.")
@AdditionalPrinterColumn(name = "Processors", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.processor.replicas", getDescription = "Processor replicas running.")
@AdditionalPrinterColumn(name = "View-Gen", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.view.activeGeneration", getDescription = "The view generation that serves queries.")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp", getDescription = "Time since the pipeline was created.")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", priority = 1,
        getDescription = "Why the pipeline is or is not ready (the Ready condition's reason).")
@AdditionalPrinterColumn(name = "View-Phase", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.view.phase", priority = 1, getDescription = "The view's rebuild phase.")
@AdditionalPrinterColumn(name = "Bootstrap", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".spec.kafka.bootstrapServers", priority = 1, getDescription = "The Kafka bootstrap servers.")
@JsonClassDescription("One Abacus deployment: its Kafka topics and its commander, processor and view services.")
public class CalculatorPipeline extends CustomResource<CalculatorPipelineSpec, CalculatorPipelineStatus>
        implements Namespaced {

    public static final String GROUP = "abacus.dev";
    public static final String VERSION = "v1alpha1";
    /**
     * Set to the target generation (status.view.targetGeneration) to abort that rebuild while it is Provisioning or
     * CatchingUp: the active generation keeps serving. Keyed by generation so a forgotten annotation never aborts a
     * later rebuild.
     */
    public static final String ABORT_REBUILD_ANNOTATION = "abacus.dev/abort-rebuild";

    @Override
    @JsonPropertyDescription("The desired pipeline: where Kafka is, its topics, and the commander, processor and "
            + "view services.")
    public CalculatorPipelineSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The pipeline as last observed by the operator; written by it only.")
    public CalculatorPipelineStatus getStatus() {
        return super.getStatus();
    }
}
