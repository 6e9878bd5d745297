package dev.abacus.operator.resources;

import dev.abacus.contract.AuthEnvironment;
import dev.abacus.contract.KafkaEnvironment;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.contract.ProcessorIdentity;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.contract.ViewStatusDocument;
import dev.abacus.operator.OperatorConfig;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.api.ComponentSpec;
import dev.abacus.operator.api.KafkaSpec;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.api.TopicSpec;
import dev.abacus.operator.api.TopicsSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A pipeline's spec resolved against defaults and operator settings: every value the desired-state builders
 * need, with nulls gone.
 */
public record PipelineModel(
        String name,
        String namespace,
        String bootstrapServers,
        Optional<SecretKeyRef> clientProperties,
        Optional<SecretKeyRef> truststore,
        KafkaAccess kafkaAccess,
        NetworkAccess networkAccess,
        HttpAuth auth,
        TopicNames topics,
        int partitions,
        ComponentModel commander,
        ComponentModel processor,
        ComponentModel view,
        String rebuildToken) {

    /** The four topic names. */
    public record TopicNames(String commands, String events, String outcomes, String snapshots) {
    }

    /** One component's Deployment inputs; {@code replicas} may be lower than {@code requestedReplicas}. */
    public record ComponentModel(Component component, String image, int requestedReplicas, int replicas,
                                 Optional<ResourceRequirements> resources, List<EnvVar> env) {

        public boolean capped() {
            return replicas < requestedReplicas;
        }
    }

    /** Env var names the operator owns; the same names in spec env are dropped. */
    public static final Set<String> RESERVED_ENV = Stream.of(KafkaEnvironment.ALL, PipelineTopics.ALL_ENV,
                    Set.of(ViewStatusDocument.GENERATION_ENV, ProcessorIdentity.INSTANCE_ID_ENV,
                            ServiceEndpoints.MANAGEMENT_PORT_ENV))
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    /** The components that serve the guarded HTTP API and read {@code abacus.auth.*}. */
    public static final Set<Component> AUTH_COMPONENTS = Set.of(Component.COMMANDER, Component.VIEW);

    public static PipelineModel of(CalculatorPipeline pipeline, OperatorConfig config) {
        String name = pipeline.getMetadata().getName();
        CalculatorPipelineSpec spec = Optional.ofNullable(pipeline.getSpec()).orElseGet(CalculatorPipelineSpec::new);
        KafkaSpec kafka = Optional.ofNullable(spec.getKafka()).orElseGet(KafkaSpec::new);
        TopicsSpec topics = Optional.ofNullable(spec.getTopics()).orElseGet(TopicsSpec::new);
        int partitions = Optional.ofNullable(topics.getPartitions()).orElse(TopicsSpec.DEFAULT_PARTITIONS);
        HttpAuth auth = HttpAuth.of(spec.getAuth());
        return new PipelineModel(
                name,
                pipeline.getMetadata().getNamespace(),
                Optional.ofNullable(kafka.getBootstrapServers()).map(String::trim).orElse(""),
                Optional.ofNullable(kafka.getClientProperties()),
                Optional.ofNullable(kafka.getTruststore()),
                KafkaAccess.of(kafka),
                NetworkAccess.of(spec.getNetworkPolicies(), config.podNamespace()),
                auth,
                new TopicNames(
                        topicName(topics.getCommands(), name, "commands"),
                        topicName(topics.getEvents(), name, "events"),
                        topicName(topics.getOutcomes(), name, "outcomes"),
                        topicName(topics.getSnapshots(), name, "snapshots")),
                partitions,
                component(Component.COMMANDER, spec.getCommander(), config, Function.identity(), reserved(Component.COMMANDER, auth)),
                component(Component.PROCESSOR, spec.getProcessor(), config, requested -> Math.min(requested, partitions),
                        RESERVED_ENV),
                component(Component.VIEW, spec.getView(), config, Function.identity(), reserved(Component.VIEW, auth)),
                spec.getView() == null ? null : spec.getView().getRebuild());
    }

    public String deploymentName(Component component) {
        return name + "-" + component.id();
    }

    public String viewDeploymentName(int generation) {
        return name + "-view-g" + generation;
    }

    /** One account per component; every view generation shares the view's, so a rebuild needs no new one. */
    public String serviceAccountName(Component component) {
        return name + "-" + component.id();
    }

    public String serviceName(Component component) {
        return name + "-" + component.id();
    }

    public String serviceUrl(Component component) {
        return "http://" + serviceName(component) + "." + namespace + ".svc:" + ServiceEndpoints.HTTP_PORT;
    }

    private static String topicName(TopicSpec topic, String pipeline, String role) {
        return Optional.ofNullable(topic).map(TopicSpec::getName).filter(n -> !n.isBlank())
                .orElse(pipeline + "." + role);
    }

    /** The HTTP services also reserve the auth env when the pipeline declares its auth. */
    private static Set<String> reserved(Component component, HttpAuth auth) {
        return auth.declared() && AUTH_COMPONENTS.contains(component)
                ? Stream.of(RESERVED_ENV, AuthEnvironment.ALL).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet())
                : RESERVED_ENV;
    }

    private static ComponentModel component(Component component, ComponentSpec spec, OperatorConfig config,
                                            Function<Integer, Integer> cap, Set<String> reserved) {
        ComponentSpec s = Optional.ofNullable(spec).orElseGet(ComponentSpec::new);
        int requested = Math.max(0, Optional.ofNullable(s.getReplicas()).orElse(1));
        String image = Optional.ofNullable(s.getImage()).filter(i -> !i.isBlank())
                .orElseGet(() -> config.defaultImage(component.id()));
        List<EnvVar> env = Optional.ofNullable(s.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName() != null && !reserved.contains(e.getName()))
                .toList();
        return new ComponentModel(component, image, requested, cap.apply(requested),
                Optional.ofNullable(s.getResources()), env);
    }

    /** Reserved env names a spec tried to set; they are ignored and reported. */
    public static List<String> ignoredEnv(CalculatorPipeline pipeline) {
        CalculatorPipelineSpec spec = pipeline.getSpec();
        if (spec == null) {
            return List.of();
        }
        return Stream.of(spec.getCommander(), spec.getProcessor(), spec.getView())
                .filter(Objects::nonNull)
                .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
                .map(EnvVar::getName)
                .filter(RESERVED_ENV::contains)
                .distinct()
                .toList();
    }

    /**
     * Auth env a spec sets on the commander or the view while {@code spec.auth} declares a mode, e.g.
     * {@code spec.commander.env ABACUS_AUTH_TOKENS}: which of the two would win is not for the operator to guess.
     */
    public static List<String> authEnvConflicts(CalculatorPipeline pipeline) {
        CalculatorPipelineSpec spec = pipeline.getSpec();
        if (spec == null || !HttpAuth.of(spec.getAuth()).declared()) {
            return List.of();
        }
        return Stream.of(conflicts("spec.commander.env", spec.getCommander()), conflicts("spec.view.env", spec.getView()))
                .flatMap(List::stream).toList();
    }

    private static List<String> conflicts(String field, ComponentSpec component) {
        return component == null || component.getEnv() == null ? List.of() : component.getEnv().stream()
                .map(EnvVar::getName)
                .filter(AuthEnvironment.ALL::contains)
                .distinct()
                .map(name -> field + " " + name)
                .toList();
    }
}
