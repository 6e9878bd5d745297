package dev.abacus.operator.resources;

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
        TopicNames topics,
        int partitions,
        ComponentModel commander,
        ComponentModel processor,
        ComponentModel view,
        String rebuildToken) {

    /** The three topic names. */
    public record TopicNames(String commands, String events, String outcomes) {
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

    public static PipelineModel of(CalculatorPipeline pipeline, OperatorConfig config) {
        String name = pipeline.getMetadata().getName();
        CalculatorPipelineSpec spec = Optional.ofNullable(pipeline.getSpec()).orElseGet(CalculatorPipelineSpec::new);
        KafkaSpec kafka = Optional.ofNullable(spec.getKafka()).orElseGet(KafkaSpec::new);
        TopicsSpec topics = Optional.ofNullable(spec.getTopics()).orElseGet(TopicsSpec::new);
        int partitions = Optional.ofNullable(topics.getPartitions()).orElse(TopicsSpec.DEFAULT_PARTITIONS);
        return new PipelineModel(
                name,
                pipeline.getMetadata().getNamespace(),
                Optional.ofNullable(kafka.getBootstrapServers()).map(String::trim).orElse(""),
                Optional.ofNullable(kafka.getClientProperties()),
                Optional.ofNullable(kafka.getTruststore()),
                KafkaAccess.of(kafka),
                NetworkAccess.of(spec.getNetworkPolicies(), config.podNamespace()),
                new TopicNames(
                        topicName(topics.getCommands(), name, "commands"),
                        topicName(topics.getEvents(), name, "events"),
                        topicName(topics.getOutcomes(), name, "outcomes")),
                partitions,
                component(Component.COMMANDER, spec.getCommander(), config, Function.identity()),
                component(Component.PROCESSOR, spec.getProcessor(), config, requested -> Math.min(requested, partitions)),
                component(Component.VIEW, spec.getView(), config, Function.identity()),
                spec.getView() == null ? null : spec.getView().getRebuild());
    }

    public String deploymentName(Component component) {
        return name + "-" + component.id();
    }

    public String viewDeploymentName(int generation) {
        return name + "-view-g" + generation;
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

    private static ComponentModel component(Component component, ComponentSpec spec, OperatorConfig config,
                                            Function<Integer, Integer> cap) {
        ComponentSpec s = Optional.ofNullable(spec).orElseGet(ComponentSpec::new);
        int requested = Math.max(0, Optional.ofNullable(s.getReplicas()).orElse(1));
        String image = Optional.ofNullable(s.getImage()).filter(i -> !i.isBlank())
                .orElseGet(() -> config.defaultImage(component.id()));
        List<EnvVar> env = Optional.ofNullable(s.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName() != null && !RESERVED_ENV.contains(e.getName()))
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
}
