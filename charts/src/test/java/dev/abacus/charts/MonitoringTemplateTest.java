package dev.abacus.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abacus.contract.ServiceEndpoints;
import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The opt-in monitoring objects: the pipelines' PodMonitor, the Grafana dashboard and the PrometheusRule. */
class MonitoringTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROMQL_CHECK = Path.of("..", "tools", "promql", "promql-check");
    private static final Map<String, Object> ALL_ON = Map.of("monitoring.podMonitor.enabled", true,
            "monitoring.dashboards.enabled", true, "monitoring.prometheusRules.enabled", true);
    private static final List<String> ALERTS = List.of("AbacusViewLagging", "AbacusProcessorPartitionsStalled",
            "AbacusProcessorNotDeciding", "AbacusCommanderUnavailable", "AbacusCommanderServerErrors",
            "AbacusViewRebuildAborted");

    @Test
    void monitoringObjectsAreOffByDefaultAndEachTurnsOnAlone() {
        assertThat(monitoringKinds(Map.of())).isEmpty();
        assertThat(monitoringKinds(Map.of("monitoring.podMonitor.enabled", true))).containsExactly("PodMonitor");
        assertThat(monitoringKinds(Map.of("monitoring.dashboards.enabled", true))).containsExactly("ConfigMap");
        assertThat(monitoringKinds(Map.of("monitoring.prometheusRules.enabled", true))).containsExactly("PrometheusRule");
        assertThat(monitoringKinds(ALL_ON)).containsExactlyInAnyOrder("PodMonitor", "ConfigMap", "PrometheusRule");
    }

    private static List<String> monitoringKinds(Map<String, Object> values) {
        return Charts.renderObjects(Charts.OPERATOR_CHART, values).stream().map(HasMetadata::getKind)
                .filter(kind -> Set.of("PodMonitor", "ConfigMap", "PrometheusRule").contains(kind)).toList();
    }

    @Test
    void podMonitorScrapesThePipelinePodsTheOperatorLabelsOnTheirManagementPort() {
        JsonNode spec = spec(single(Charts.renderObjects(Charts.OPERATOR_CHART,
                Map.of("monitoring.podMonitor.enabled", true, "monitoring.podMonitor.labels.release", "prometheus")),
                "PodMonitor"));

        Map<String, String> podLabels = Labels.of("demo", Component.VIEW);
        JSON.convertValue(spec.path("selector").path("matchLabels"), Map.class)
                .forEach((key, value) -> assertThat(podLabels).containsEntry((String) key, (String) value));
        assertThat(spec.path("namespaceSelector").path("any").asBoolean()).as("cluster scope: every namespace").isTrue();
        JsonNode endpoint = spec.path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo(ServiceEndpoints.MANAGEMENT_PORT_NAME);
        assertThat(endpoint.path("path").asText()).isEqualTo(ServiceEndpoints.METRICS_PATH);
        Map<String, String> relabelled = new LinkedHashMap<>();
        endpoint.path("relabelings").forEach(rule -> relabelled.put(
                rule.path("sourceLabels").get(0).asText(), rule.path("targetLabel").asText()));
        assertThat(relabelled).isEqualTo(Map.of(
                podLabelMeta(Labels.INSTANCE), "pipeline",
                podLabelMeta(Labels.COMPONENT), "component",
                podLabelMeta(Labels.VIEW_GENERATION), "view_generation"));
        assertThat(ExportedMetrics.TARGET_LABELS).containsAll(relabelled.values());

        JsonNode namespaced = spec(single(Charts.renderObjects(Charts.OPERATOR_CHART, """
                rbac: {scope: namespace}
                watchNamespaces: [team-a, team-b]
                monitoring: {podMonitor: {enabled: true}}
                """), "PodMonitor"));
        assertThat(namespaced.path("namespaceSelector").path("matchNames"))
                .extracting(JsonNode::asText).containsExactly("team-a", "team-b");
    }

    private static String podLabelMeta(String podLabel) {
        return "__meta_kubernetes_pod_label_" + podLabel.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    @Test
    void dashboardConfigMapCarriesTheSidecarLabelWhereTheSidecarLooks() {
        ConfigMap defaults = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART,
                Map.of("monitoring.dashboards.enabled", true)), ConfigMap.class);
        assertThat(defaults.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
                .containsEntry("app.kubernetes.io/part-of", "abacus");
        assertThat(defaults.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
        assertThat(defaults.getData()).containsOnlyKeys("abacus-pipeline.json");

        ConfigMap custom = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART, """
                monitoring:
                  dashboards:
                    enabled: true
                    namespace: grafana
                    label: example.com/dashboard
                    labelValue: abacus
                    annotations: {grafana_folder: Abacus}
                """), ConfigMap.class);
        assertThat(custom.getMetadata().getNamespace()).isEqualTo("grafana");
        assertThat(custom.getMetadata().getLabels()).containsEntry("example.com/dashboard", "abacus")
                .doesNotContainKey("grafana_dashboard");
        assertThat(custom.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Abacus");
    }

    @Test
    void dashboardIsGrafanaJsonWhosePanelsAllQueryThePipelineChosen() throws IOException {
        JsonNode dashboard = dashboard();

        assertThat(dashboard.path("uid").asText()).isEqualTo("abacus-pipeline");
        assertThat(dashboard.path("title").asText()).isEqualTo("Abacus pipeline");
        assertThat(dashboard.path("templating").path("list")).extracting(v -> v.path("name").asText())
                .containsExactly("datasource", "namespace", "pipeline");
        List<JsonNode> panels = StreamSupport.stream(dashboard.path("panels").spliterator(), false).toList();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        assertThat(panels).allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
        });
        Map<String, ExportedMetrics.Metric> exported = ExportedMetrics.load();
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                for (PromQl.Selector selector : PromQl.reads(target.path("expr").asText()).selectors()) {
                    ExportedMetrics.Metric metric = exported.get(selector.metric());
                    if (metric != null && !metric.components().contains("operator")) {
                        assertThat(selector.matchers()).as("%s: %s", panel.path("title").asText(), selector.metric())
                                .contains(new PromQl.LabelMatcher("namespace", "=", "$namespace"),
                                        new PromQl.LabelMatcher("pipeline", "=", "$pipeline"));
                    }
                }
            }
        }
    }

    @Test
    void everyDashboardQueryReadsOnlyExportedMetricsAndLabels() throws IOException {
        JsonNode dashboard = dashboard();
        List<String> violations = new ArrayList<>();

        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                violations.addAll(unexported(panel.path("title").asText(), PromQl.reads(target.path("expr").asText())));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                violations.addAll(unexported("variable " + variable.path("name").asText(),
                        PromQl.variableQuery(variable.path("query").path("query").asText())));
            }
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void everyAlertIsCompleteAndReadsOnlyExportedMetricsAndLabels() {
        for (String values : List.of("monitoring: {prometheusRules: {enabled: true}}\n", """
                rbac: {scope: namespace}
                watchNamespaces: [team-a, team-b]
                monitoring: {prometheusRules: {enabled: true}}
                """)) {
            List<JsonNode> rules = rules(values);
            List<String> violations = new ArrayList<>();

            assertThat(rules).extracting(r -> r.path("alert").asText()).containsExactlyElementsOf(ALERTS);
            assertThat(rules).allSatisfy(rule -> {
                assertThat(rule.path("expr").asText()).isNotBlank();
                assertThat(rule.path("for").asText()).matches("[0-9]+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank().contains("{{ $");
                assertThat(rule.path("annotations").path("description").asText()).hasSizeGreaterThan(100)
                        .doesNotContain("{{ .Values");
            });
            rules.forEach(rule -> violations.addAll(
                    unexported(rule.path("alert").asText(), PromQl.reads(rule.path("expr").asText()))));
            assertThat(violations).isEmpty();
        }
    }

    /**
     * Every rule and panel query parses by Prometheus's grammar (tools/promql/promql-check); the structural reader
     * above only finds selectors. Grafana's variables are filled in first, as Grafana does before it queries.
     */
    @Test
    void everyExpressionParsesAsPromQl() throws IOException, InterruptedException {
        List<Map<String, String>> expressions = new ArrayList<>();
        for (String values : List.of("monitoring: {prometheusRules: {enabled: true}}\n", """
                rbac: {scope: namespace}
                watchNamespaces: [team-a, team-b]
                monitoring: {prometheusRules: {enabled: true}}
                """)) {
            rules(values).forEach(rule -> expressions.add(Map.of("name", "alert " + rule.path("alert").asText(),
                    "expr", rule.path("expr").asText())));
        }
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(Map.of("name", "panel " + panel.path("title").asText(),
                        "expr", grafanaFilled(target.path("expr").asText())));
            }
        }
        Process check = new ProcessBuilder(PROMQL_CHECK.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = check.getOutputStream()) {
            JSON.writeValue(stdin, expressions);
        }
        String failures = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        check.waitFor();
        if (check.exitValue() == 3 && !"true".equals(System.getenv("ABACUS_REQUIRE_PROMQL"))) {
            Assumptions.abort("promql-parser cannot be installed here (ABACUS_REQUIRE_PROMQL=true makes this fail)");
        }
        assertThat(failures).as("expressions that do not parse").isEmpty();
        assertThat(check.exitValue()).isZero();
        assertThat(expressions).hasSizeGreaterThan(ALERTS.size() * 2);
    }

    private static String grafanaFilled(String expr) {
        return expr.replaceAll("\\$__\\w+", "5m").replaceAll("\\$\\{?\\w+}?", "x");
    }

    @Test
    void pipelineAlertsWatchTheWatchedNamespacesAndTheRebuildAlertThisReleasesOperator() {
        Map<String, String> clusterWide = expressions("monitoring: {prometheusRules: {enabled: true}}\n");
        Map<String, String> namespaced = expressions("""
                rbac: {scope: namespace}
                watchNamespaces: [team-a, team-b]
                monitoring: {prometheusRules: {enabled: true}}
                """);

        for (String alert : ALERTS.subList(0, 5)) {
            assertThat(PromQl.reads(clusterWide.get(alert)).selectors()).as(alert).allSatisfy(selector ->
                    assertThat(selector.matchers()).contains(new PromQl.LabelMatcher("pipeline", "!=", ""))
                            .noneMatch(m -> m.label().equals("namespace")));
            assertThat(PromQl.reads(namespaced.get(alert)).selectors()).as(alert).allSatisfy(selector ->
                    assertThat(selector.matchers()).contains(new PromQl.LabelMatcher("namespace", "=~", "team-a|team-b")));
        }
        for (Map<String, String> expressions : List.of(clusterWide, namespaced)) {
            assertThat(PromQl.reads(expressions.get("AbacusViewRebuildAborted")).selectors()).allSatisfy(selector ->
                    assertThat(selector.matchers()).contains(new PromQl.LabelMatcher("namespace", "=", Charts.NAMESPACE),
                            new PromQl.LabelMatcher("outcome", "=", "Aborted"),
                            new PromQl.LabelMatcher("reason", "!=", "AbortRequested")));
        }
    }

    @Test
    void thresholdsDurationsAndSeveritiesComeFromTheValues() {
        List<JsonNode> rules = rules("""
                monitoring:
                  prometheusRules:
                    enabled: true
                    labels: {release: prometheus}
                    alertLabels: {team: payments, severity: ignored}
                    viewLagging: {records: 500, for: 3m, severity: page}
                    processorStalled: {for: 2m, severity: page}
                    processorNotDeciding: {for: 7m, severity: ticket}
                    rebuildAborted: {window: 1h, severity: ticket}
                    commanderUnavailable: {ratio: 0.2, for: 1m, severity: page}
                    commanderServerErrors: {ratio: 0.5, for: 4m, severity: ticket}
                """);
        Map<String, JsonNode> byName = new HashMap<>();
        rules.forEach(rule -> byName.put(rule.path("alert").asText(), rule));

        assertThat(byName.get("AbacusViewLagging").path("expr").asText()).contains("> 500");
        assertThat(byName.get("AbacusCommanderUnavailable").path("expr").asText()).contains("> 0.2");
        assertThat(byName.get("AbacusCommanderServerErrors").path("expr").asText()).contains("> 0.5");
        assertThat(byName.get("AbacusViewRebuildAborted").path("expr").asText()).contains("[1h]").contains("offset 1h");
        assertThat(rules).extracting(r -> r.path("alert").asText() + " " + r.path("for").asText() + " "
                + r.path("labels").path("severity").asText()).containsExactly(
                "AbacusViewLagging 3m page", "AbacusProcessorPartitionsStalled 2m page",
                "AbacusProcessorNotDeciding 7m ticket", "AbacusCommanderUnavailable 1m page",
                "AbacusCommanderServerErrors 4m ticket", "AbacusViewRebuildAborted 0m ticket");
        assertThat(rules).allSatisfy(rule -> assertThat(rule.path("labels").path("team").asText()).isEqualTo("payments"));
        GenericKubernetesResource resource = single(Charts.renderObjects(Charts.OPERATOR_CHART,
                "monitoring: {prometheusRules: {enabled: true, labels: {release: prometheus}}}\n"), "PrometheusRule");
        assertThat(resource.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(resource.getMetadata().getNamespace()).isEqualTo(Charts.NAMESPACE);
    }

    @Test
    void promQlReaderRefusesWhatIsNotPromQl() {
        assertThatThrownBy(() -> PromQl.reads("sum(rate(x_total[5m])")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> PromQl.reads("rat(x_total[5m])")).hasMessageContaining("unknown function rat");
        assertThatThrownBy(() -> PromQl.reads("x{a=b}")).hasMessageContaining("bad label matcher");
        assertThat(PromQl.reads("sum by (a) (rate(x_total{b=~\"1|2\", c!=\"\"}[5m])) > 0 unless on (a) y offset 5m"))
                .satisfies(reads -> {
                    assertThat(reads.selectors()).extracting(PromQl.Selector::metric).containsExactly("x_total", "y");
                    assertThat(reads.selectors().get(0).matchers()).containsExactly(
                            new PromQl.LabelMatcher("b", "=~", "1|2"), new PromQl.LabelMatcher("c", "!=", ""));
                    assertThat(reads.groupingLabels()).containsExactly("a");
                });
    }

    @Test
    void exportCheckCatchesAWrongNameLabelValueOrGrouping() {
        assertThat(unexported("q", PromQl.reads("sum by (pod) (abacus_view_lag)"))).containsExactly(
                "q: abacus_view_lag is not in exported-metrics.txt");
        assertThat(unexported("q", PromQl.reads(
                "sum by (action, phase) (rate(abacus_view_events_total{outcome=\"skipped\", result=\"x\"}[5m]))")))
                .containsExactly("q: abacus_view_events_total outcome is never skipped",
                        "q: abacus_view_events_total has no label result",
                        "q: groups by action, a label none of its metrics has",
                        "q: groups by phase, a label none of its metrics has");
    }

    /** Metrics not on the checked list, labels they do not carry, and values they never take. */
    private static List<String> unexported(String where, PromQl.Reads reads) {
        Map<String, ExportedMetrics.Metric> exported = ExportedMetrics.load();
        List<String> violations = new ArrayList<>();
        Set<String> known = new HashSet<>(ExportedMetrics.TARGET_LABELS);
        for (PromQl.Selector selector : reads.selectors()) {
            ExportedMetrics.Metric metric = exported.get(selector.metric());
            if (metric == null) {
                violations.add(where + ": " + selector.metric() + " is not in " + ExportedMetrics.LIST.getFileName());
                continue;
            }
            known.addAll(metric.labels().keySet());
            for (PromQl.LabelMatcher matcher : selector.matchers()) {
                Set<String> values = metric.labels().get(matcher.label());
                if (values == null && !ExportedMetrics.TARGET_LABELS.contains(matcher.label())) {
                    violations.add(where + ": " + selector.metric() + " has no label " + matcher.label());
                } else if (values != null && !values.isEmpty() && Set.of("=", "!=").contains(matcher.operator())
                        && !values.contains(matcher.value())) {
                    violations.add(where + ": " + selector.metric() + " " + matcher.label() + " is never "
                            + matcher.value());
                }
            }
        }
        reads.groupingLabels().stream().filter(label -> !known.contains(label))
                .forEach(label -> violations.add(where + ": groups by " + label + ", a label none of its metrics has"));
        return violations;
    }

    private static JsonNode dashboard() throws IOException {
        ConfigMap configMap = Charts.single(Charts.renderObjects(Charts.OPERATOR_CHART,
                Map.of("monitoring.dashboards.enabled", true)), ConfigMap.class);
        return JSON.readTree(configMap.getData().get("abacus-pipeline.json"));
    }

    private static List<JsonNode> rules(String values) {
        JsonNode groups = spec(single(Charts.renderObjects(Charts.OPERATOR_CHART, values), "PrometheusRule")).path("groups");
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static Map<String, String> expressions(String values) {
        Map<String, String> expressions = new HashMap<>();
        rules(values).forEach(rule -> expressions.put(rule.path("alert").asText(), rule.path("expr").asText()));
        return expressions;
    }

    private static GenericKubernetesResource single(List<HasMetadata> objects, String kind) {
        List<GenericKubernetesResource> matches = Charts.ofType(objects, GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals(kind)).toList();
        assertThat(matches).as(kind).hasSize(1);
        return matches.get(0);
    }

    private static JsonNode spec(GenericKubernetesResource resource) {
        return JSON.valueToTree(resource.getAdditionalProperties().get("spec"));
    }
}
