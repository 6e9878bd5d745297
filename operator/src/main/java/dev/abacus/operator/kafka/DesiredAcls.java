package dev.abacus.operator.kafka;

import dev.abacus.contract.ComponentAcls;
import dev.abacus.contract.ProcessorIdentity;
import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.KafkaAccess;
import dev.abacus.operator.resources.PipelineModel;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AclBinding;

/** The {@link ComponentAcls} of a pipeline, for the users its spec names. */
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
        return ComponentAcls.of(
                new ComponentAcls.Pipeline(model.topics().commands(), model.topics().events(),
                        model.topics().outcomes(), model.topics().snapshots(),
                        processorEnv(model, ProcessorIdentity.GROUP_ID_ENV).orElse(ProcessorIdentity.DEFAULT_GROUP_ID),
                        processorEnv(model, ProcessorIdentity.TRANSACTIONAL_ID_PREFIX_ENV)
                                .orElse(ProcessorIdentity.DEFAULT_TRANSACTIONAL_ID_PREFIX)),
                new ComponentAcls.Principals(principal(access, Component.COMMANDER),
                        principal(access, Component.PROCESSOR), principal(access, Component.VIEW)));
    }

    private static String principal(KafkaAccess access, Component component) {
        return access.user(component).orElseThrow().principal();
    }

    private static Optional<String> processorEnv(PipelineModel model, String name) {
        return model.processor().env().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
