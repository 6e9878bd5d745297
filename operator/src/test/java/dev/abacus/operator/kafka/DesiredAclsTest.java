package dev.abacus.operator.kafka;

import static dev.abacus.operator.support.Pipelines.model;
import static dev.abacus.operator.support.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.KafkaAuthenticationSpec;
import dev.abacus.operator.api.KafkaAuthenticationType;
import dev.abacus.operator.api.KafkaUserSpec;
import dev.abacus.operator.api.PasswordSecretRef;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class DesiredAclsTest {

    @Test
    void onlyTheProcessorMayWriteEventsAndEachUserGetsNoMoreThanItsJob() {
        List<String> acls = DesiredAcls.of(model(withUsers("cmd", "proc", "view"))).stream()
                .map(DesiredAclsTest::describe).toList();

        assertThat(acls).containsExactlyInAnyOrder(
                "User:cmd WRITE TOPIC demo.commands", "User:cmd DESCRIBE TOPIC demo.commands",
                "User:cmd READ TOPIC demo.outcomes", "User:cmd DESCRIBE TOPIC demo.outcomes",
                "User:proc READ TOPIC demo.commands", "User:proc WRITE TOPIC demo.commands",
                "User:proc DESCRIBE TOPIC demo.commands",
                "User:proc READ TOPIC demo.events", "User:proc WRITE TOPIC demo.events",
                "User:proc DESCRIBE TOPIC demo.events",
                "User:proc WRITE TOPIC demo.outcomes", "User:proc DESCRIBE TOPIC demo.outcomes",
                "User:proc READ TOPIC demo.snapshots", "User:proc WRITE TOPIC demo.snapshots",
                "User:proc DESCRIBE TOPIC demo.snapshots",
                "User:view READ TOPIC demo.events", "User:view DESCRIBE TOPIC demo.events",
                "User:proc READ GROUP abacus-processor",
                "User:proc WRITE TRANSACTIONAL_ID abacus-processor-demo.commands-*",
                "User:proc DESCRIBE TRANSACTIONAL_ID abacus-processor-demo.commands-*");
        assertThat(DesiredAcls.problem(model(withUsers("cmd", "proc", "view")).kafkaAccess())).isEmpty();
    }

    @Test
    void theProcessorsOwnGroupAndTransactionalIdPrefixAreHonoured() {
        CalculatorPipeline pipeline = withUsers("cmd", "proc", "view");
        pipeline.getSpec().getProcessor().setEnv(List.of(
                new EnvVarBuilder().withName("ABACUS_PROCESSOR_GROUP_ID").withValue("shop-deciders").build(),
                new EnvVarBuilder().withName("ABACUS_PROCESSOR_TRANSACTIONAL_ID_PREFIX").withValue("shop").build()));

        assertThat(DesiredAcls.of(model(pipeline)).stream().map(DesiredAclsTest::describe))
                .contains("User:proc READ GROUP shop-deciders", "User:proc WRITE TRANSACTIONAL_ID shop-demo.commands-*");
    }

    @Test
    void aProcessorSharingItsUserCannotBeToldApart() {
        assertThat(DesiredAcls.problem(model(withUsers("cmd", "cmd", "view")).kafkaAccess()))
                .hasValueSatisfying(p -> assertThat(p).contains("processor user of its own"));
        assertThat(DesiredAcls.problem(model(withUsers("cmd", "view", "view")).kafkaAccess())).isPresent();
    }

    private static CalculatorPipeline withUsers(String commander, String processor, String view) {
        CalculatorPipeline pipeline = pipeline("demo");
        KafkaAuthenticationSpec authentication = new KafkaAuthenticationSpec();
        authentication.setType(KafkaAuthenticationType.SCRAM_SHA_512);
        authentication.setUsername("admin");
        authentication.setPasswordSecret(new PasswordSecretRef("users", "admin"));
        authentication.setCommander(new KafkaUserSpec(commander, new PasswordSecretRef("users", commander)));
        authentication.setProcessor(new KafkaUserSpec(processor, new PasswordSecretRef("users", processor)));
        authentication.setView(new KafkaUserSpec(view, new PasswordSecretRef("users", view)));
        pipeline.getSpec().getKafka().setAuthentication(authentication);
        pipeline.getSpec().getKafka().setManageAcls(true);
        return pipeline;
    }

    private static String describe(AclBinding binding) {
        String name = binding.pattern().name() + (binding.pattern().patternType() == PatternType.PREFIXED ? "*" : "");
        assertThat(binding.entry().operation()).isNotEqualTo(AclOperation.ALL);
        return binding.entry().principal() + " " + binding.entry().operation() + " " + binding.pattern().resourceType()
                + " " + name;
    }
}
