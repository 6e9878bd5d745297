package dev.abacus.operator.kafka;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.TopicsSpec;
import dev.abacus.operator.resources.PipelineModel;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The pipeline's Kafka topics as an owned resource, hand-written rather than a JOSDK dependent because every
 * outcome (created, refused, unreachable) must surface as a typed condition reason instead of an exception.
 */
public final class TopicsDependentResource {

    private final KafkaConnectionResolver connections;
    private final KafkaAdmins admins;
    private final KafkaTopics topics;
    private final KafkaAcls acls;

    public TopicsDependentResource(KafkaConnectionResolver connections, KafkaAdmins admins) {
        this.connections = connections;
        this.admins = admins;
        this.topics = new KafkaTopics(admins.apiTimeout());
        this.acls = new KafkaAcls(admins.apiTimeout());
    }

    /** Brings the topics in line with the spec; never throws for Kafka or settings trouble. */
    public TopicsOutcome reconcile(CalculatorPipeline pipeline, PipelineModel model) {
        try {
            boolean allowIncrease = Optional.ofNullable(pipeline.getSpec()).map(s -> s.getTopics())
                    .map(TopicsSpec::getAllowPartitionIncrease).orElse(false);
            Optional<String> aclProblem = DesiredAcls.problem(model.kafkaAccess());
            if (aclProblem.isPresent()) {
                return TopicsOutcome.failed(new Problem(ConditionReason.INVALID_SPEC, aclProblem.get()), false);
            }
            Admin admin = admin(pipeline, model);
            TopicsOutcome outcome = topics.reconcile(admin, DesiredTopic.of(pipeline, model), allowIncrease);
            outcome = model.kafkaAccess().manageAcls() && outcome.ready() ? withAcls(admin, model, outcome) : outcome;
            if (outcome.problem().map(p -> p.reason() == ConditionReason.KAFKA_AUTHENTICATION_FAILED).orElse(false)) {
                admins.discard(ResourceID.fromResource(pipeline));
            }
            return outcome;
        } catch (KafkaSettingsException e) {
            return TopicsOutcome.failed(new Problem(e.reason(), e.getMessage()), true);
        } catch (KafkaException e) {
            return TopicsOutcome.failed(clientProblem(e), true);
        }
    }

    private TopicsOutcome withAcls(Admin admin, PipelineModel model, TopicsOutcome outcome) {
        KafkaAcls.Result result = acls.grant(admin, DesiredAcls.of(model));
        if (result.problem().isPresent()) {
            return new TopicsOutcome(outcome.facts(), result.problem(), outcome.actions(), true);
        }
        if (result.created() == 0) {
            return outcome;
        }
        List<String> actions = new ArrayList<>(outcome.actions());
        actions.add("granted " + result.created() + " Kafka ACLs to the users of commander, processor and view");
        return new TopicsOutcome(outcome.facts(), outcome.problem(), actions, outcome.retrySoon());
    }

    /**
     * Revokes the pipeline's ACLs, when it manages them; a present result is worth retrying. The processor's group
     * ACL stays: processors of other pipelines may share the group.
     */
    public Optional<Problem> revokeAcls(CalculatorPipeline pipeline, PipelineModel model) throws KafkaSettingsException {
        if (!model.kafkaAccess().manageAcls() || DesiredAcls.problem(model.kafkaAccess()).isPresent()) {
            return Optional.empty();
        }
        try {
            return acls.revoke(admin(pipeline, model), DesiredAcls.of(model).stream()
                    .filter(b -> b.pattern().resourceType() != ResourceType.GROUP)
                    .toList());
        } catch (KafkaException e) {
            return Optional.of(clientProblem(e));
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
