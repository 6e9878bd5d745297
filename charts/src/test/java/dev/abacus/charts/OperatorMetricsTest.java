package dev.abacus.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.RebuildRecord;
import dev.abacus.operator.api.ViewPhase;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.view.RebuildMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator entries of {@code exported-metrics.txt} against the operator's own registry, scraped as Prometheus
 * scrapes {@code /prometheus}, after a rebuild ended in each outcome.
 */
class OperatorMetricsTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theOperatorExportsEveryOperatorMetricTheChartUses() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RebuildMetrics metrics = new RebuildMetrics(registry);
        Map<RebuildOutcome, String> reasons = Map.of(RebuildOutcome.COMPLETED, "Switched",
                RebuildOutcome.ABORTED, "DeadlineExceeded", RebuildOutcome.CANCELLED, "SpecReverted",
                RebuildOutcome.SUPERSEDED, "SpecChanged");
        reasons.forEach((outcome, reason) ->
                metrics.stepped("team-a/" + reason, catchingUp(), ended(outcome, reason), START.plusSeconds(90)));
        metrics.stepped("team-b/rebuilding", null, catchingUp(), START.plusSeconds(90));

        Map<String, Map<String, Set<String>>> scraped = ExportedMetrics.scraped(registry.scrape());

        assertThat(ExportedMetrics.missingFrom(scraped, "operator")).isEmpty();
        assertThat(ExportedMetrics.load().get("abacus_operator_rebuilds_ended_total").labels().get("outcome"))
                .as("the outcomes a rebuild record can carry").isEqualTo(outcomeWireNames());
    }

    private static Set<String> outcomeWireNames() {
        ObjectMapper json = new ObjectMapper();
        return Arrays.stream(RebuildOutcome.values()).map(outcome -> json.convertValue(outcome, String.class))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static ViewStatus catchingUp() {
        ViewStatus status = new ViewStatus();
        status.setPhase(ViewPhase.CATCHING_UP);
        status.setPhaseSince(START.toString());
        status.setHistory(List.of());
        return status;
    }

    private static ViewStatus ended(RebuildOutcome outcome, String reason) {
        ViewStatus status = new ViewStatus();
        status.setPhase(outcome == RebuildOutcome.ABORTED ? ViewPhase.ABORTED : ViewPhase.STABLE);
        status.setPhaseSince(START.plusSeconds(90).toString());
        status.setHistory(List.of(new RebuildRecord(2, "t", START.toString(), START.plusSeconds(90).toString(), outcome,
                reason, reason)));
        return status;
    }
}
