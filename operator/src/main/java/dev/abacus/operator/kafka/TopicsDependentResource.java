package dev.abacus.operator.kafka;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.TopicsSpec;
import dev.abacus.operator.resources.PipelineModel;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * The pipeline's Kafka topics as an owned resource, hand-written rather than a JOSDK dependent because every
 * outcome (created, refused, unreachable) must surface as a typed condition reason instead of an exception.
 */
public final class TopicsDependentResource {

    private final KafkaConnectionResolver connections;
    private final KafkaAdmins admins;
    private final KafkaTopics topics;

    public TopicsDependentResource(KafkaConnectionResolver connections, KafkaAdmins admins) {
        this.connections = connections;
        this.admins = admins;
        this.topics = new KafkaTopics(admins.apiTimeout());
    }

    /** Brings the topics in line with the spec; never throws for Kafka or settings trouble. */
    public TopicsOutcome reconcile(CalculatorPipeline pipeline, PipelineModel model) {
        try {
            boolean allowIncrease = Optional.ofNullable(pipeline.getSpec()).map(s -> s.getTopics())
                    .map(TopicsSpec::getAllowPartitionIncrease).orElse(false);
            return topics.reconcile(admin(pipeline, model), DesiredTopic.of(pipeline, model), allowIncrease);
        } catch (KafkaSettingsException e) {
            return TopicsOutcome.failed(new Problem(e.reason(), e.getMessage()), true);
        } catch (KafkaException e) {
            return TopicsOutcome.failed(clientProblem(e), true);
        }
    }

    /** Deletes the topics; a present result means Kafka could not do it now and it is worth retrying. */
    public Optional<Problem> delete(CalculatorPipeline pipeline, PipelineModel model) throws KafkaSettingsException {
        try {
            List<String> names = DesiredTopic.of(pipeline, model).stream().map(DesiredTopic::name).toList();
            return topics.delete(admin(pipeline, model), names);
        } catch (KafkaException e) {
            return Optional.of(clientProblem(e));
        }
    }

    /** Forgets the pipeline, closing its admin client if no other pipeline shares it. */
    public void release(CalculatorPipeline pipeline) {
        admins.release(ResourceID.fromResource(pipeline));
    }

    private Admin admin(CalculatorPipeline pipeline, PipelineModel model) throws KafkaSettingsException {
        return admins.forPipeline(ResourceID.fromResource(pipeline), connections.resolve(model));
    }

    private static Problem clientProblem(KafkaException e) {
        boolean misconfigured = e instanceof ConfigException
                && !String.valueOf(e.getMessage()).contains("resolvable bootstrap");
        return new Problem(misconfigured ? ConditionReason.INVALID_SPEC : ConditionReason.KAFKA_UNREACHABLE,
                "cannot create a Kafka client: " + e.getMessage());
    }
}
