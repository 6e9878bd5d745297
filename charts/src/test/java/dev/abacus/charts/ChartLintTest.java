package dev.abacus.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartLintTest {

  @Test
  void operatorChartIsStrictLintCleanWithDefaultValues() {
    LintResult result = new Helm(Charts.OPERATOR_CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void operatorChartIsStrictLintCleanWithEveryOptionTurnedOn(@TempDir Path work) throws IOException {
    Path chart = copyWithValues(Charts.OPERATOR_CHART, work, """
        image:
          registry: registry.example.com/platform/abacus
          tag: "0.1.0-rc.1"
          pullPolicy: Always
        imagePullSecrets:
          - name: regcred
        replicaCount: 2
        rbac:
          create: true
          scope: namespace
        watchNamespaces: [team-a, team-b]
        userRoles:
          create: true
          aggregate: true
        serviceAccount:
          create: true
          name: abacus-operator-sa
          annotations:
            example.com/role: abacus
        leaderElection:
          enabled: true
        javaOptions: "-XX:+PrintFlagsFinal"
        logLevel: DEBUG
        logFormat: json
        metrics:
          perResource: true
        managementPort: 9090
        resources:
          requests: {cpu: 200m, memory: 384Mi}
          limits: {cpu: "1", memory: 768Mi}
        podAnnotations: {example.com/owner: platform}
        podLabels: {team: platform}
        nodeSelector: {kubernetes.io/os: linux}
        tolerations:
          - {key: dedicated, operator: Equal, value: platform, effect: NoSchedule}
        affinity:
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  topologyKey: kubernetes.io/hostname
                  labelSelector:
                    matchLabels: {app.kubernetes.io/name: abacus-operator}
        priorityClassName: system-cluster-critical
        serviceMonitor:
          enabled: true
          interval: 15s
          labels: {release: prometheus}
        monitoring:
          podMonitor:
            enabled: true
            interval: 15s
            labels: {release: prometheus}
          dashboards:
            enabled: true
            namespace: grafana
            label: grafana_dashboard
            labelValue: "1"
            annotations: {grafana_folder: Abacus}
          prometheusRules:
            enabled: true
            labels: {release: prometheus}
            alertLabels: {team: platform}
            viewLagging: {records: 5000, for: 15m, severity: warning}
            processorStalled: {for: 10m, severity: critical}
            processorNotDeciding: {for: 10m, severity: critical}
            rebuildAborted: {window: 30m, severity: warning}
            commanderUnavailable: {ratio: 0.1, for: 10m, severity: critical}
            commanderServerErrors: {ratio: 0.02, for: 10m, severity: critical}
        podDisruptionBudget:
          enabled: true
          minAvailable: 1
        """);

    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void lintRejectsValuesTheSchemaDoesNotKnow(@TempDir Path work) throws IOException {
    Path chart = copyWithValues(Charts.OPERATOR_CHART, work, """
        image: {registry: abacus, tag: "0.1.0", pullPolicy: IfNotPresent}
        rbac: {create: true, scope: cluster}
        serviceAccount: {create: true}
        managementPort: 8080
        resources: {}
        replicas: 3
        """);

    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicas");
  }

  @Test
  void schemaRejectsAnUnknownLogFormatOrLevelAndAMalformedAlertDuration() {
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART, Map.of("logFormat", "xml")))
        .hasMessageContaining("logFormat");
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART, Map.of("logLevel", "verbose")))
        .hasMessageContaining("logLevel");
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART,
        Map.of("monitoring.prometheusRules.viewLagging.for", "10 minutes")))
        .hasMessageContaining("for");
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART,
        Map.of("monitoring.prometheusRules.commanderUnavailable.ratio", 5)))
        .hasMessageContaining("ratio");
  }

  @Test
  void templateRejectsAnUnknownRbacScopeAndAMissingServiceAccountName() {
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART, Map.of("rbac.scope", "everything")))
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> Charts.render(Charts.OPERATOR_CHART, Map.of("serviceAccount.create", false)))
        .hasMessageContaining("serviceAccount.name is required");
  }

  static Path copyWithValues(Path chart, Path work, String valuesYaml) throws IOException {
    Path target = work.resolve(chart.getFileName());
    try (Stream<Path> paths = Files.walk(chart)) {
      for (Path source : paths.toList()) {
        Path destination = target.resolve(chart.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination);
        }
      }
    }
    Files.writeString(target.resolve("values.yaml"), valuesYaml);
    return target;
  }
}
