package dev.abacus.contract;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Least privilege on one pipeline's topics, per component principal: the commander writes commands and reads
 * outcomes; the processor reads commands (and forwards to them), writes events and outcomes in its own
 * transactions, replays events, and writes and reads back its snapshots; the view reads events. Nothing else is granted; in particular no one but the
 * processor may write events. The operator grants exactly these, and the system tests run the services under them.
 */
public final class ComponentAcls {

    /** A pipeline's topics and the names its processor uses. */
    public record Pipeline(String commands, String events, String outcomes, String snapshots,
                           String processorGroupId, String transactionalIdPrefix) {
    }

    /** The principals of the three components, e.g. {@code User:abacus-processor}. */
    public record Principals(String commander, String processor, String view) {
    }

    private ComponentAcls() {
    }

    public static List<AclBinding> of(Pipeline pipeline, Principals principals) {
        List<AclBinding> bindings = new ArrayList<>();
        topic(bindings, pipeline.commands(), principals.commander(), AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, pipeline.outcomes(), principals.commander(), AclOperation.READ, AclOperation.DESCRIBE);
        topic(bindings, pipeline.commands(), principals.processor(), AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE);
        topic(bindings, pipeline.events(), principals.processor(), AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE);
        topic(bindings, pipeline.outcomes(), principals.processor(), AclOperation.WRITE, AclOperation.DESCRIBE);
        topic(bindings, pipeline.snapshots(), principals.processor(), AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE);
        topic(bindings, pipeline.events(), principals.view(), AclOperation.READ, AclOperation.DESCRIBE);
        bindings.add(allow(new ResourcePattern(ResourceType.GROUP, pipeline.processorGroupId(), PatternType.LITERAL),
                principals.processor(), AclOperation.READ));
        ResourcePattern transactionalIds = new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
                ProcessorIdentity.transactionalIdStem(pipeline.transactionalIdPrefix(), pipeline.commands()),
                PatternType.PREFIXED);
        bindings.add(allow(transactionalIds, principals.processor(), AclOperation.WRITE));
        bindings.add(allow(transactionalIds, principals.processor(), AclOperation.DESCRIBE));
        return List.copyOf(bindings);
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
