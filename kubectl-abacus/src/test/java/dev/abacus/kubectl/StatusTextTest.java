package dev.abacus.kubectl;

import static dev.abacus.kubectl.Fixtures.NOW;
import static dev.abacus.kubectl.Fixtures.pipeline;
import static dev.abacus.kubectl.Fixtures.progress;
import static dev.abacus.kubectl.Fixtures.rebuilding;
import static dev.abacus.kubectl.Fixtures.stable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.ConditionStatus;
import dev.abacus.operator.api.ConditionType;
import dev.abacus.operator.api.ProgressState;
import dev.abacus.operator.api.ViewCopyProgress;
import dev.abacus.operator.api.ViewPhase;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    private static List<String> render(CalculatorPipelineStatus status) {
        return StatusText.render(pipeline("demo", 5, status), NOW, OptionalDouble.empty());
    }

    @Test
    void aStablePipelineAtAGlance() {
        assertThat(render(stable(5, 3))).containsExactly(
                "Name:        demo",
                "Namespace:   shop",
                "Ready:       True (AllComponentsReady): topics in sync; commander, processor and view available",
                "Topics:      ROLE       NAME            PARTITIONS   REPLICATION",
                "             commands   demo.commands   6            3",
                "             events     demo.events     6            3",
                "             outcomes   demo.outcomes   6            3",
                "Commander:   2/2 available",
                "Processor:   3/3 available",
                "View:        2/2 available, generation 3 serving",
                "Rebuild:     none in progress (Stable for 2h10m)");
    }

    @Test
    void aRebuildCatchingUpShowsAProgressBarTheAverageRateSinceItStartedAndTheTimeLeft() {
        CalculatorPipelineStatus status = rebuilding(5, 3, ViewPhase.CATCHING_UP);
        status.getView().setTargetProgress(progress(4, 52_000, 48_000, "2026-11-22T09:59:57Z"));
        status.getView().setMessage("generation 4 is replaying the event log");

        assertThat(render(status)).endsWith(
                "View:        2/2 available, generation 3 serving",
                "Rebuild:     generation 3 -> 4 (rebuild \"2026-11-22-b\"), CatchingUp for 1m02s, started 2m13s ago",
                "Progress:    [###############---------------]  52%  52,000/100,000 events",
                "Rate:        400 events/s (average since the rebuild started), about 2m00s left",
                "Message:     generation 4 is replaying the event log");
    }

    @Test
    void whenWatchingTheRateIsTheObservedOne() {
        CalculatorPipelineStatus status = rebuilding(5, 3, ViewPhase.CATCHING_UP);
        status.getView().setTargetProgress(progress(4, 52_000, 48_000, "2026-11-22T09:59:57Z"));

        assertThat(StatusText.render(pipeline("demo", 5, status), NOW, OptionalDouble.of(850)))
                .contains("Rate:        850 events/s, about 57s left");
    }

    @Test
    void aCaughtUpCopyInItsStabilisationWindowSaysWhatItWaitsFor() {
        CalculatorPipelineStatus status = rebuilding(5, 3, ViewPhase.CATCHING_UP);
        status.getView().setTargetProgress(progress(4, 100_000, 0, "2026-11-22T09:59:57Z"));
        status.getView().setMessage("available for 3s of the 10s stabilisation window");

        assertThat(render(status)).endsWith(
                "Progress:    [##############################] 100%  100,000/100,000 events, caught up",
                "Rate:        769 events/s (average since the rebuild started), no events left",
                "Message:     available for 3s of the 10s stabilisation window");
    }

    @Test
    void anEmptyLogIsReplayedAtOnce() {
        CalculatorPipelineStatus status = rebuilding(5, 3, ViewPhase.CATCHING_UP);
        status.getView().setTargetProgress(progress(4, 0, 0, "2026-11-22T09:59:57Z"));

        assertThat(render(status)).contains(
                "Progress:    [##############################] 100%  0/0 events, caught up");
    }

    @Test
    void progressNotYetReportedOrUnknown() {
        CalculatorPipelineStatus provisioning = rebuilding(5, 3, ViewPhase.PROVISIONING);
        assertThat(render(provisioning)).contains("Progress:    not reported yet");

        CalculatorPipelineStatus unknown = rebuilding(5, 3, ViewPhase.CATCHING_UP);
        ViewCopyProgress progress = new ViewCopyProgress();
        progress.setGeneration(4);
        progress.setState(ProgressState.UNKNOWN);
        progress.setMessage("no answer within 1s");
        unknown.getView().setTargetProgress(progress);
        assertThat(render(unknown)).contains("Progress:    unknown: no answer within 1s").noneMatch(l -> l.startsWith("Rate:"));
    }

    @Test
    void drainingCountsFromThePreviousGeneration() {
        CalculatorPipelineStatus status = rebuilding(5, 4, ViewPhase.DRAINING);
        status.getView().setTargetGeneration(4);
        status.getView().setPreviousGeneration(3);
        status.getView().setMessage("draining generation 3 for 30s");

        assertThat(render(status)).endsWith(
                "View:        2/2 available, generation 4 serving",
                "Rebuild:     generation 3 -> 4 (rebuild \"2026-11-22-b\"), Draining for 1m02s, started 2m13s ago",
                "Progress:    caught up: generation 4 is available",
                "Message:     draining generation 3 for 30s");
    }

    @Test
    void anAbortedRebuildShowsNoProgress() {
        CalculatorPipelineStatus status = rebuilding(5, 3, ViewPhase.ABORTED);
        status.getView().setMessage("generation 4 did not switch within 3600s: aborted");

        assertThat(render(status)).endsWith(
                "Rebuild:     generation 3 -> 4 (rebuild \"2026-11-22-b\"), Aborted for 1m02s, started 2m13s ago",
                "Message:     generation 4 did not switch within 3600s: aborted");
    }

    @Test
    void notReadyShowsTheReasonAndTheMessageAndACappedProcessorTheSpecsAsk() {
        CalculatorPipelineStatus status = stable(5, 3);
        status.setConditions(List.of(new Condition(ConditionType.READY, ConditionStatus.FALSE,
                ConditionReason.REPLICAS_UNAVAILABLE, "view generation 3: 1 of 2 replicas available")));
        status.getProcessor().setRequestedReplicas(8);
        status.getProcessor().setReplicas(6);
        status.getProcessor().setAvailableReplicas(5);

        assertThat(render(status)).contains(
                "Ready:       False (ReplicasUnavailable): view generation 3: 1 of 2 replicas available",
                "Processor:   5/6 available (spec asks for 8)");
    }

    @Test
    void aStatusBehindTheSpecOrNoneAtAll() {
        assertThat(StatusText.render(pipeline("demo", 6, stable(5, 3)), NOW, OptionalDouble.empty()))
                .contains("Observed:    generation 5 of 6: the operator has not reconciled the latest spec yet");
        assertThat(StatusText.render(pipeline("demo", 1, null), NOW, OptionalDouble.empty())).containsExactly(
                "Name:        demo",
                "Namespace:   shop",
                "Status:      not reported yet: is the operator running?");
    }

    @Test
    void rendersAPipelineAsTheApiServerServesItWithEveryModelClassOnThePluginsClasspath() {
        CalculatorPipeline pipeline = new KubernetesSerialization().unmarshal(String.join("\n",
                "apiVersion: abacus.dev/v1alpha1",
                "kind: CalculatorPipeline",
                "metadata: {name: demo, namespace: shop, generation: 2}",
                "spec:",
                "  kafka:",
                "    bootstrapServers: kafka:9093",
                "    tls: {trustedCertificates: [{secretName: kafka-ca, certificate: ca.crt}]}",
                "    authentication: {type: scram-sha-512, username: abacus,"
                        + " passwordSecret: {secretName: kafka-users, password: abacus}}",
                "  view: {replicas: 2, rebuild: '2026-11-22-b'}",
                "status:",
                "  observedGeneration: 2",
                "  conditions: [{type: Ready, status: 'True', reason: AllComponentsReady}]",
                "  view:",
                "    phase: CatchingUp",
                "    activeGeneration: 3",
                "    targetGeneration: 4",
                "    history: [{generation: 3, outcome: Completed, reason: Switched}]",
                "    targetProgress: {generation: 4, state: Reported, eventsApplied: 10, lag: 30,"
                        + " observedAt: '2026-11-22T09:59:00Z'}",
                ""), CalculatorPipeline.class);

        assertThat(pipeline.getSpec().getKafka().getAuthentication().getType().mechanism().kafkaName())
                .isEqualTo("SCRAM-SHA-512");
        assertThat(StatusText.render(pipeline, NOW, OptionalDouble.empty()))
                .contains("Ready:       True (AllComponentsReady)")
                .contains("Progress:    [#######-----------------------]  25%  10/40 events");
    }

    @Test
    void timeLeft() {
        assertThat(StatusText.timeLeft(48_000, 400)).isEqualTo("about 2m00s left");
        assertThat(StatusText.timeLeft(1, 400)).isEqualTo("about 1s left");
        assertThat(StatusText.timeLeft(10_000_000, 100)).isEqualTo("about 1d03h left");
        assertThat(StatusText.timeLeft(0, 0)).isEqualTo("no events left");
        assertThat(StatusText.timeLeft(10, 0)).isEqualTo("time left unknown (no progress)");
    }
}
