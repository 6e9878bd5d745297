package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The abacus-pipeline chart: strict lint, the values schema, the rendered CalculatorPipeline (checked field by field,
 * against the CRD's openAPIV3Schema with {@link Charts#validate}, and created in fabric8's API-server emulator).
 * As in {@link CrdPackagingTest}, the CRD's CEL rules are not evaluated; the emulator does not validate either.
 */
class PipelineChartTest {

  static final String RELEASE = "demo";
  static final String NAMESPACE = "team-a";

  /** Every key of values.yaml set to a non-default value. */
  static final String FULL_VALUES = """
      name: ledger
      kafka:
        bootstrapServers: kafka-0.kafka.svc:9093,kafka-1.kafka.svc:9093,kafka-2.kafka.svc:9093
        clientProperties: {name: abacus-kafka, key: client.properties}
        truststore: {name: abacus-kafka, key: ca.p12}
      topics:
        partitions: 12
        replicationFactor: 2
        allowPartitionIncrease: true
        deletionPolicy: Delete
        commands:
          name: ledger-commands
          config: {min.insync.replicas: "2", retention.ms: "604800000"}
        events:
          name: ledger-events
          config: {min.insync.replicas: "2"}
        outcomes:
          name: ledger-outcomes
          config: {retention.ms: "86400000"}
        snapshots:
          name: ledger-snapshots
          config: {min.insync.replicas: "2"}
      commander:
        replicas: 3
        image: registry.example.com/abacus/commander:0.1.1
        resources:
          requests: {cpu: 250m, memory: 384Mi}
          limits: {memory: 512Mi}
        env:
          - {name: JAVA_TOOL_OPTIONS, value: "-Xss512k"}
          - name: POD_NAME
            valueFrom: {fieldRef: {fieldPath: metadata.name}}
      processor:
        replicas: 0
        image: registry.example.com/abacus/processor:0.1.1
        resources:
          requests: {cpu: "1", memory: 512Mi}
          limits: {cpu: 2, memory: 1Gi}
        env:
          - name: API_TOKEN
            valueFrom: {secretKeyRef: {name: tokens, key: processor, optional: true}}
      view:
        replicas: 2
        image: registry.example.com/abacus/view:0.1.1
        resources:
          requests: {cpu: 250m, memory: 768Mi}
          limits: {memory: 1Gi}
        env:
          - name: MEMORY_LIMIT_MI
            valueFrom: {resourceFieldRef: {containerName: view, resource: limits.memory, divisor: 1Mi}}
          - name: FEATURE
            valueFrom: {configMapKeyRef: {name: features, key: view}}
        rebuild: "2026-01-15-a"
        rebuildPolicy: {stabilisationSeconds: 60, drainSeconds: 0, deadlineSeconds: 7200}
      networkPolicies:
        enabled: true
        commanderFrom:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
        viewFrom:
          - podSelector: {matchLabels: {app: storefront}}
        metricsFrom:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
      """;

  /** The typed Kafka security keys, which replace clientProperties and truststore. */
  static final String TYPED_KAFKA_VALUES = """
      kafka:
        bootstrapServers: kafka-0.kafka.svc:9093
        tls:
          trustedCertificates:
            - {secretName: kafka-cluster-ca, certificate: ca.crt}
        authentication:
          type: scram-sha-512
          username: abacus-admin
          passwordSecret: {secretName: abacus-kafka-users, password: abacus-admin}
          commander:
            username: abacus-commander
            passwordSecret: {secretName: abacus-kafka-users, password: abacus-commander}
          processor:
            username: abacus-processor
            passwordSecret: {secretName: abacus-kafka-users, password: abacus-processor}
          view:
            username: abacus-view
            passwordSecret: {secretName: abacus-kafka-users, password: abacus-view}
        manageAcls: true
      """;

  // --- lint ---

  @Test
  void strictLintIsCleanWithTheDefaultsAndTheRequiredBootstrapServersSet(@TempDir Path work) throws IOException {
    String defaults = Files.readString(Charts.PIPELINE_CHART.resolve("values.yaml"));
    String withBootstrap = defaults.replace("bootstrapServers: \"\"", "bootstrapServers: \"kafka:9092\"");
    assertThat(withBootstrap).as("values.yaml declares bootstrapServers: \"\"").isNotEqualTo(defaults);

    LintResult result = new Helm(ChartLintTest.copyWithValues(Charts.PIPELINE_CHART, work, withBootstrap)).lint()
        .strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void strictLintIsCleanWithEveryValueSet(@TempDir Path work) throws IOException {
    // tls and truststore exclude each other, so two value sets cover every key between them
    List<String> covered = new ArrayList<>(fieldPaths(Charts.YAML.readTree(FULL_VALUES), ""));
    covered.addAll(fieldPaths(Charts.YAML.readTree(TYPED_KAFKA_VALUES), ""));
    assertThat(covered)
        .as("FULL_VALUES and TYPED_KAFKA_VALUES set every key of values.yaml")
        .containsAll(fieldPaths(Charts.YAML.readTree(Charts.PIPELINE_CHART.resolve("values.yaml").toFile()), ""));

    ObjectNode typed = (ObjectNode) Charts.YAML.readTree(FULL_VALUES);
    typed.set("kafka", Charts.YAML.readTree(TYPED_KAFKA_VALUES).path("kafka"));
    for (String values : List.of(FULL_VALUES, Charts.YAML.writeValueAsString(typed))) {
      LintResult result = new Helm(ChartLintTest.copyWithValues(Charts.PIPELINE_CHART, work.resolve(
          String.valueOf(values.hashCode())), values)).lint().strict().call();

      assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }
  }

  @Test
  void theRequiredBootstrapServersMissingFailsLintAndRendering() {
    LintResult result = new Helm(Charts.PIPELINE_CHART).lint().strict().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("at '/kafka/bootstrapServers': minLength");
    assertThatThrownBy(() -> render("{}")).hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> render("kafka: {clientProperties: {name: s, key: k}}"))
        .hasMessageContaining("bootstrapServers");
  }

  // --- rendering ---

  @Test
  void defaultsRenderOneMinimalPipelineNamedAfterTheRelease() throws IOException {
    List<HasMetadata> objects = Charts.parse(render("kafka: {bootstrapServers: \"kafka:9092\"}"));

    GenericKubernetesResource pipeline = Charts.single(objects, GenericKubernetesResource.class);
    assertThat(objects).hasSize(1);
    assertThat(pipeline.getApiVersion()).isEqualTo("abacus.dev/v1alpha1");
    assertThat(pipeline.getKind()).isEqualTo("CalculatorPipeline");
    assertThat(pipeline.getMetadata().getName()).isEqualTo(RELEASE);
    assertThat(pipeline.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(pipeline.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "app.kubernetes.io/name", "abacus-pipeline",
        "app.kubernetes.io/instance", RELEASE,
        "app.kubernetes.io/component", "pipeline",
        "app.kubernetes.io/version", "0.1.0",
        "app.kubernetes.io/part-of", "abacus",
        "app.kubernetes.io/managed-by", "Helm",
        "helm.sh/chart", "abacus-pipeline-0.1.0"));
    // Empty values are left out; the rest are the CRD's own defaults.
    assertThat(spec(pipeline)).isEqualTo(Charts.YAML.readTree("""
        kafka: {bootstrapServers: "kafka:9092"}
        topics: {partitions: 6, replicationFactor: 3, allowPartitionIncrease: false, deletionPolicy: Retain}
        commander: {replicas: 1}
        processor: {replicas: 1}
        view:
          replicas: 1
          rebuildPolicy: {stabilisationSeconds: 30, drainSeconds: 30, deadlineSeconds: 3600}
        """));
  }

  @Test
  void everyValueMapsOneToOneOntoTheSpec() throws IOException {
    GenericKubernetesResource pipeline = Charts.single(Charts.parse(render(FULL_VALUES)),
        GenericKubernetesResource.class);

    assertThat(pipeline.getMetadata().getName()).isEqualTo("ledger");
    assertThat(pipeline.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", RELEASE);
    ObjectNode values = (ObjectNode) Charts.YAML.readTree(FULL_VALUES);
    values.remove("name");
    assertThat(spec(pipeline)).isEqualTo(values);
  }

  @Test
  void typedKafkaSecurityMapsOneToOneOntoTheSpec() throws IOException {
    GenericKubernetesResource pipeline = Charts.single(Charts.parse(render(TYPED_KAFKA_VALUES)),
        GenericKubernetesResource.class);

    assertThat(spec(pipeline).path("kafka")).isEqualTo(Charts.YAML.readTree(TYPED_KAFKA_VALUES).path("kafka"));
    assertThat(spec(Charts.single(Charts.parse(render("kafka: {bootstrapServers: \"k:9092\", tls: {}}")),
        GenericKubernetesResource.class)).path("kafka").path("tls").isObject()).isTrue();
  }

  @Test
  void renderedPipelinesFitTheCrdSchema() throws IOException {
    for (String values : List.of("kafka: {bootstrapServers: \"kafka:9092\"}", FULL_VALUES, TYPED_KAFKA_VALUES)) {
      JsonNode pipeline = Charts.YAML.valueToTree(
          Charts.single(Charts.parse(render(values)), GenericKubernetesResource.class));
      List<String> violations = new ArrayList<>();

      Charts.validate(pipeline.path("spec"), Charts.crdSchema().path("properties").path("spec"), "spec", violations);

      assertThat(violations).as(values).isEmpty();
    }
  }

  @Test
  void notesTellHowToWatchThePipelineAndReachItsServices() {
    String output = new Helm(Charts.PIPELINE_CHART).install().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(Charts.KUBE_VERSION).clientOnly().dryRun().set("kafka.bootstrapServers", "kafka:9092")
        .call().getOutput();

    assertThat(output).contains("kubectl -n team-a get calc demo -w", "svc/demo-commander 3030:8080",
        "svc/demo-view 3031:8080", "(Kafka: kafka:9092)", "kept (deletionPolicy: Retain)");
  }

  // --- rejected values ---

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      unknown key                          | commander: {replicas: 1, replica: 2}                  | at '/commander': additional properties 'replica' not allowed
      key the CRD does not have            | topics: {partitions: 3, retentionMs: 1}               | at '/topics': additional properties 'retentionMs' not allowed
      no partitions                        | topics: {partitions: 0}                               | at '/topics/partitions': minimum
      too many partitions                  | topics: {partitions: 10001}                           | at '/topics/partitions': maximum
      replication factor 0                 | topics: {replicationFactor: 0}                        | at '/topics/replicationFactor': minimum
      negative replicas                    | processor: {replicas: -1}                             | at '/processor/replicas': minimum
      non-integer replicas                 | view: {replicas: "2"}                                 | at '/view/replicas': got string, want integer
      unknown deletion policy              | topics: {deletionPolicy: Purge}                       | at '/topics/deletionPolicy'
      bootstrap with a space               | kafka: {bootstrapServers: "a:9092, b:9092"}           | at '/kafka/bootstrapServers': 'a:9092, b:9092' does not match pattern
      bad topic name                       | topics: {events: {name: "my events"}}                 | at '/topics/events/name': 'my events' does not match pattern
      topic config value not a string      | topics: {outcomes: {config: {retention.ms: 1000}}}    | at '/topics/outcomes/config/retention.ms': got number, want string
      fixed events retention               | topics: {events: {config: {retention.ms: "1"}}}       | invalid propertyName 'retention.ms'
      fixed snapshots cleanup policy       | topics: {snapshots: {config: {cleanup.policy: delete}}} | invalid propertyName 'cleanup.policy'
      secret key without a name            | kafka: {bootstrapServers: "k:9092", clientProperties: {key: client.properties}} | at '/kafka/clientProperties': properties 'name' required
      truststore without clientProperties  | kafka: {bootstrapServers: "k:9092", truststore: {name: s, key: ca.p12}}         | at '/kafka/clientProperties': missing properties
      tls beside truststore                | kafka: {bootstrapServers: "k:9092", tls: {}, clientProperties: {name: s, key: p}, truststore: {name: s, key: t}} | at '/kafka'
      manageAcls without authentication    | kafka: {bootstrapServers: "k:9092", manageAcls: true}                            | authentication
      authentication without a user        | kafka: {bootstrapServers: "k:9092", authentication: {type: plain}}               | username
      fractional cpu                       | view: {resources: {requests: {cpu: 0.5}}}             | at '/view/resources/requests/cpu'
      zero deadline                        | view: {rebuildPolicy: {deadlineSeconds: 0}}           | at '/view/rebuildPolicy/deadlineSeconds': minimum
      env with value and valueFrom         | commander: {env: [{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]} | at '/commander/env/0': 'not' failed
      name too long                        | name: a23456789012345678901234567890123456789012345678901 | at '/name': maxLength
      name not starting with a letter      | name: 1ledger                                         | at '/name': '1ledger' does not match pattern
      """)
  void theSchemaRejects(String what, String valuesYaml, String mentioned) {
    String values = valuesYaml.startsWith("kafka:") ? valuesYaml
        : "kafka: {bootstrapServers: \"kafka:9092\"}\n" + valuesYaml;

    assertThatThrownBy(() -> render(values)).as(what).hasMessageContaining(mentioned);
  }

  @Test
  void aReleaseNameTheCrdWouldRejectNeedsAnExplicitName() {
    String values = "kafka: {bootstrapServers: \"kafka:9092\"}";
    String longRelease = "a-release-name-that-is-longer-than-fifty-characters";

    assertThatThrownBy(() -> Charts.render(Charts.PIPELINE_CHART, longRelease, NAMESPACE, values))
        .hasMessageContaining("at most 50 characters");
    assertThat(Charts.render(Charts.PIPELINE_CHART, longRelease, NAMESPACE, values + "\nname: short"))
        .contains("name: short");
  }

  private static List<String> fieldPaths(JsonNode node, String prefix) {
    List<String> paths = new ArrayList<>();
    node.fields().forEachRemaining(field -> {
      String path = prefix + "." + field.getKey();
      paths.add(path);
      if (field.getValue().isObject()) {
        paths.addAll(fieldPaths(field.getValue(), path));
      }
    });
    return paths;
  }

  private static String render(String valuesYaml) {
    return Charts.render(Charts.PIPELINE_CHART, RELEASE, NAMESPACE, valuesYaml);
  }

  private static JsonNode spec(GenericKubernetesResource pipeline) {
    return Charts.YAML.valueToTree(pipeline.getAdditionalProperties().get("spec"));
  }
}
