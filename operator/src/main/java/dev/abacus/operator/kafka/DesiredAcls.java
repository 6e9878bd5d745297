package dev.abacus.operator.kafka;

import dev.abacus.contract.ProcessorIdentity;
import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.KafkaAccess;
import dev.abacus.operator.resources.PipelineModel;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Least privilege on a pipeline's topics, per component user: the commander writes commands and reads outcomes,
 * the processor reads commands (and forwards to them), writes events and outcomes in its own transactions and
 * replays events, the view reads events. Nothing else is granted; in particular no one but the processor may
 * write events.
 */
public final class DesiredAcls {

    private DesiredAcls() {
    }

    /** Why these ACLs could not tell the components apart, if they could not. */
    public static Optional<String> problem(KafkaAccess access) {
        if (!access.manageAcls()) {
            return Optional.empty();
        }
        String processor = access.user(Component.PROCESSOR).map(KafkaAccess.User::username).orElse("");
        boolean shared = processor.equals(access.user(Component.COMMANDER).map(KafkaAccess.User::username).orElse(""))
                || processor.equals(access.user(Component.VIEW).map(KafkaAccess.User::username).orElse(""));
        return shared ? Optional.of("manageAcls needs a processor user of its own (spec.kafka.authentication.processor): "
                + "with a shared user, ACLs cannot keep the commander or the view from writing events")
                : Optional.empty();
    }

    public static List<AclBinding> of(PipelineModel model) {
        KafkaAccess access = model.kafkaAccess();
        String commander = access.user(Component.COMMANDER).orElseThrow().principal();
        String processor = access.user(Component.PROCESSOR).orElseThrow().principal();
        String view = access.user(Component.VIEW).orElseThrow().principal();
        PipelineModel.TopicNames topics = model.topics();
        List<AclBinding> bindings = new ArrayList<>();
        topic(bindings, topics.commands(), commander, AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, topics.outcomes(), commander, AclOperation.READ, AclOperation.DESCRIBE);
        topic(bindings, topics.commands(), processor, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, topics.events(), processor, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, topics.outcomes(), processor, AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, topics.events(), view, AclOperation.READ, AclOperation.DESCRIBE);
        String groupId = processorEnv(model, ProcessorIdentity.GROUP_ID_ENV).orElse(ProcessorIdentity.DEFAULT_GROUP_ID);
        bindings.add(allow(new ResourcePattern(ResourceType.GROUP, groupId, PatternType.LITERAL), processor,
                AclOperation.READ));
        String prefix = processorEnv(model, ProcessorIdentity.TRANSACTIONAL_ID_PREFIX_ENV)
                .orElse(ProcessorIdentity.DEFAULT_TRANSACTIONAL_ID_PREFIX);
        ResourcePattern transactionalIds = new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
                ProcessorIdentity.transactionalIdStem(prefix, topics.commands()), PatternType.PREFIXED);
        bindings.add(allow(transactionalIds, processor, AclOperation.WRITE));
        bindings.add(allow(transactionalIds, processor, AclOperation.DESCRIBE));
        return List.copyOf(bindings);
    }

    private static Optional<String> processorEnv(PipelineModel model, String name) {
        return model.processor().env().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static void topic(List<AclBinding> bindings, String topic, String principal, AclOperation... operations) {
        ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        for (AclOperation operation : operations) {
            bindings.add(allow(pattern, principal, operation));
        }
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
