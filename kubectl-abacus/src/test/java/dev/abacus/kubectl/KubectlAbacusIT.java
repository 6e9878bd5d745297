package dev.abacus.kubectl;

import static dev.abacus.kubectl.Fixtures.progress;
import static dev.abacus.kubectl.Fixtures.rebuilding;
import static dev.abacus.kubectl.Fixtures.record;
import static dev.abacus.kubectl.Fixtures.stable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.abacus.kube.testkit.ControlPlane;
import dev.abacus.kube.testkit.RealControlPlane;
import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.RebuildOutcome;
import dev.abacus.operator.api.ViewPhase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin against a real kube-apiserver with the project's CRD. The test plays the operator: it writes status
 * through the status subresource, as the operator's field manager, and reads back what the plugin wrote. Most runs
 * are in-process ({@link KubectlAbacus#run}); some run the packaged {@code target/kubectl-abacus} as kubectl would.
 */
@RealControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlAbacusIT {

    private static final String API_VERSION = CalculatorPipeline.GROUP + "/" + CalculatorPipeline.VERSION;

    private final ControlPlane controlPlane = ControlPlane.shared();
    private final KubernetesClient admin = controlPlane.admin();
    private String namespace;

    @TempDir
    Path scratch;

    @BeforeAll
    void installTheCrd() throws IOException {
        controlPlane.applyCrd(admin.getKubernetesSerialization().unmarshal(
                Files.readString(Path.of(System.getProperty("abacus.crd"))), CustomResourceDefinition.class));
        namespace = controlPlane.createNamespace("kubectl-abacus").getMetadata().getName();
    }

    @Test
    void statusOfAStablePipeline() {
        create("stable");
        writeStatus("stable", stable(1, 3));

        Run status = run(true, "status", "stable");

        assertThat(status.code).isEqualTo(ExitCode.OK);
        assertThat(status.out()).hasSize(11).startsWith(
                "Name:        stable",
                "Namespace:   " + namespace,
                "Ready:       True (AllComponentsReady): topics in sync; commander, processor and view available",
                "Topics:      ROLE       NAME            PARTITIONS   REPLICATION",
                "             commands   demo.commands   6            3",
                "             events     demo.events     6            3",
                "             outcomes   demo.outcomes   6            3",
                "Commander:   2/2 available",
                "Processor:   3/3 available",
                "View:        2/2 available, generation 3 serving");
        assertThat(status.out().get(10)).matches("Rebuild: {5}none in progress \\(Stable for \\w+\\)");
    }

    @Test
    void statusDuringARebuildShowsTheProgressOfTheNewCopy() {
        create("rebuilding");
        CalculatorPipelineStatus catchingUp = rebuilding(1, 3, ViewPhase.CATCHING_UP);
        catchingUp.getView().setTargetProgress(progress(4, 52_000, 48_000, "2026-11-22T09:59:57Z"));
        catchingUp.getView().setMessage("generation 4 is replaying the event log");
        writeStatus("rebuilding", catchingUp);

        Run status = run(true, "status", "rebuilding");

        assertThat(status.code).isEqualTo(ExitCode.OK);
        List<String> lines = status.out();
        assertThat(lines.get(lines.size() - 4)).matches("Rebuild: {5}generation 3 -> 4 \\(rebuild \"2026-11-22-b\"\\), "
                + "CatchingUp for \\w+, started \\w+ ago");
        assertThat(lines.subList(lines.size() - 3, lines.size())).containsExactly(
                "Progress:    [###############---------------]  52%  52,000/100,000 events",
                "Rate:        400 events/s (average since the rebuild started), about 2m00s left",
                "Message:     generation 4 is replaying the event log");
    }

    @Test
    void statusWatchRendersEveryChangeAsPlainLinesWithTheRateObservedBetweenThem() {
        create("watched");
        CalculatorPipelineStatus status = rebuilding(1, 3, ViewPhase.CATCHING_UP);
        status.getView().setTargetProgress(progress(4, 10_000, 90_000, "2026-11-22T09:58:00Z"));
        writeStatus("watched", status);

        Background watch = background(false, "status", "watched", "--watch");
        eventually().untilAsserted(() -> assertThat(watch.output())
                .contains("Progress:    [###---------------------------]  10%  10,000/100,000 events"));

        status.getView().setTargetProgress(progress(4, 20_000, 80_000, "2026-11-22T09:58:10Z"));
        writeStatus("watched", status);
        eventually().untilAsserted(() -> assertThat(watch.output())
                .contains("Rate:        1,000 events/s, about 1m20s left"));

        status.getView().setPhase(ViewPhase.SWITCHING);
        status.getView().setTargetProgress(null);
        status.getView().setMessage("moving the view Service to generation 4");
        writeStatus("watched", status);
        eventually().untilAsserted(() -> assertThat(watch.output())
                .contains("Message:     moving the view Service to generation 4"));

        assertThat(watch.interrupt()).isEqualTo(ExitCode.OK);
        assertThat(watch.output()).doesNotContain("\033").contains(System.lineSeparator() + System.lineSeparator());
    }

    @Test
    void statusWatchOnATerminalRedrawsInPlace() {
        create("redrawn");
        writeStatus("redrawn", stable(1, 3));

        Background watch = background(true, "status", "redrawn", "-w");
        eventually().untilAsserted(() -> assertThat(watch.output()).startsWith(Screen.CLEAR + "Name:        redrawn"));
        writeStatus("redrawn", rebuilding(1, 3, ViewPhase.PROVISIONING));
        eventually().untilAsserted(() -> assertThat(watch.output())
                .contains(Screen.CLEAR + "Name:        redrawn").contains("Progress:    not reported yet"));

        assertThat(watch.interrupt()).isEqualTo(ExitCode.OK);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rebuildSetsOnlySpecViewRebuildByAMergePatch() {
        create("patched");
        admin.resources(CalculatorPipeline.class).inNamespace(namespace).withName("patched").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("autoscaler").build(),
                "{\"spec\": {\"commander\": {\"replicas\": 5}}}");
        GenericKubernetesResource before = generic("patched");

        Run rebuild = run(false, "rebuild", "patched", "--token", "2026-11-22-b");

        assertThat(rebuild.code).isEqualTo(ExitCode.OK);
        assertThat(rebuild.out()).containsExactly("calculatorpipeline/patched: spec.view.rebuild set to \"2026-11-22-b\" "
                + "(generation " + (before.getMetadata().getGeneration() + 1) + ")");
        GenericKubernetesResource after = generic("patched");
        Map<String, Object> expected = copy(before.getAdditionalProperties().get("spec"));
        ((Map<String, Object>) expected.get("view")).put("rebuild", "2026-11-22-b");
        assertThat(after.getAdditionalProperties().get("spec")).isEqualTo(expected);
        assertThat(after.getMetadata().getAnnotations()).isEqualTo(before.getMetadata().getAnnotations());
        assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());

        assertThat(fields(after, Cluster.FIELD_MANAGER)).as("the plugin owns the token alone")
                .isEqualTo("{f:spec={f:view={f:rebuild={}}}}");
        assertThat(fields(after, "autoscaler")).as("another manager's field stays its own")
                .isEqualTo("{f:spec={f:commander={f:replicas={}}}}");
        assertThat(fields(after, "gitops")).contains("f:kafka", "f:partitions", "f:stabilisationSeconds");

        Run again = run(false, "rebuild", "patched", "--token", "2026-11-22-b");
        assertThat(again.code).isEqualTo(ExitCode.ERROR);
        assertThat(again.err()).containsExactly("error: spec.view.rebuild is already \"2026-11-22-b\": a rebuild needs "
                + "a new token");
        assertThat(generic("patched").getMetadata().getGeneration()).isEqualTo(after.getMetadata().getGeneration());
    }

    @Test
    void rebuildWithoutATokenChoosesAUniqueOne() {
        create("untokened");

        Run rebuild = run(false, "rebuild", "untokened");

        assertThat(rebuild.code).isEqualTo(ExitCode.OK);
        assertThat(((Map<?, ?>) ((Map<?, ?>) generic("untokened").getAdditionalProperties().get("spec")).get("view"))
                .get("rebuild").toString()).matches("kubectl-abacus-\\d{8}T\\d{6}Z");
    }

    @Test
    void rebuildWaitFollowsTheRebuildAndExitsZeroWhenItCompleted() {
        create("completed");
        writeStatus("completed", stable(1, 3));

        Background rebuild = background(false, "rebuild", "completed", "--wait", "--token", "2026-11-22-b");
        long generation = awaitToken("completed", "2026-11-22-b");
        eventually().untilAsserted(() -> assertThat(rebuild.output())
                .contains("Waiting for the operator to observe generation " + generation + " of the spec"));

        writeStatus("completed", rebuilding(generation, 3, ViewPhase.PROVISIONING));
        eventually().untilAsserted(() -> assertThat(rebuild.output())
                .contains("Waiting for the rebuild of generation 4 to end"));
        CalculatorPipelineStatus catchingUp = rebuilding(generation, 3, ViewPhase.CATCHING_UP);
        catchingUp.getView().setTargetProgress(progress(4, 100_000, 0, "2026-11-22T09:59:57Z"));
        catchingUp.getView().setMessage("available for 3s of the 10s stabilisation window");
        writeStatus("completed", catchingUp);
        eventually().untilAsserted(() -> assertThat(rebuild.output())
                .contains("Message:     available for 3s of the 10s stabilisation window"));
        assertThat(rebuild.future).isNotDone();

        CalculatorPipelineStatus done = stable(generation, 4);
        done.getView().setHistory(List.of(record(4, "2026-11-22-b", "2026-11-22T09:57:47Z", "2026-11-22T10:00:30Z",
                RebuildOutcome.COMPLETED, "Switched", "generation 4 serves")));
        writeStatus("completed", done);

        assertThat(rebuild.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(rebuild.output()).endsWith("rebuild of generation 4 Completed (Switched): generation 4 serves"
                + System.lineSeparator());
    }

    @Test
    void theExecutableFollowsARebuildToItsAbortAndExitsOne() throws Exception {
        create("aborted");
        writeStatus("aborted", stable(1, 3));
        Path output = scratch.resolve("rebuild.out");
        ProcessBuilder command = new ProcessBuilder(System.getProperty("abacus.kubectl.executable"), "rebuild",
                "aborted", "--wait", "--token=2026-11-22-c", "-n", namespace)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        command.environment().put("KUBECONFIG", controlPlane.adminKubeconfig().toString());
        Process process = command.start();
        try {
            long generation = awaitToken("aborted", "2026-11-22-c");
            writeStatus("aborted", rebuilding(generation, 3, ViewPhase.CATCHING_UP));
            eventually().untilAsserted(() -> assertThat(Files.readString(output))
                    .contains("Waiting for the rebuild of generation 4 to end"));

            CalculatorPipelineStatus aborted = rebuilding(generation, 3, ViewPhase.ABORTED);
            aborted.getView().setHistory(List.of(record(4, "2026-11-22-c", "2026-11-22T09:57:47Z",
                    "2026-11-22T10:57:47Z", RebuildOutcome.ABORTED, "DeadlineExceeded",
                    "generation 4 did not switch within 3600s")));
            writeStatus("aborted", aborted);

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(output)).isEqualTo(ExitCode.REBUILD_FAILED);
            assertThat(Files.readString(output)).doesNotContain("\033").startsWith(
                    "calculatorpipeline/aborted: spec.view.rebuild set to \"2026-11-22-c\" (generation " + generation
                            + ")").endsWith("rebuild of generation 4 Aborted (DeadlineExceeded): generation 4 did not "
                            + "switch within 3600s\n");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theExecutableReportsStatusAndAMissingPipelineAsKubectlWould() throws Exception {
        create("executable");
        writeStatus("executable", stable(1, 3));

        ProcessResult status = exec("status", "executable", "--namespace", namespace);
        assertThat(status.code).isEqualTo(ExitCode.OK);
        assertThat(status.output).startsWith("Name:        executable\nNamespace:   " + namespace + "\n")
                .contains("View:        2/2 available, generation 3 serving\n");

        ProcessResult missing = exec("history", "nothing-here", "-n", namespace);
        assertThat(missing.code).isEqualTo(ExitCode.ERROR);
        assertThat(missing.output).isEqualTo("error: calculatorpipeline \"nothing-here\" not found in namespace \""
                + namespace + "\"\n");
    }

    @Test
    void abortAnnotatesTheTargetGenerationAndRefusesWhenNothingCanBeAborted() {
        create("abortable");
        writeStatus("abortable", stable(1, 3));

        Run refused = run(false, "abort", "abortable");
        assertThat(refused.code).isEqualTo(ExitCode.ERROR);
        assertThat(refused.err()).containsExactly("error: calculatorpipeline/abortable: no rebuild in progress "
                + "(view phase Stable, generation 3 serving)");

        writeStatus("abortable", rebuilding(1, 3, ViewPhase.CATCHING_UP));
        Run abort = run(false, "abort", "abortable");
        assertThat(abort.code).isEqualTo(ExitCode.OK);
        assertThat(abort.out()).containsExactly("calculatorpipeline/abortable: abort of the rebuild of generation 4 "
                + "requested (abacus.dev/abort-rebuild=4); generation 3 keeps serving");
        GenericKubernetesResource annotated = generic("abortable");
        assertThat(annotated.getMetadata().getAnnotations())
                .containsEntry(CalculatorPipeline.ABORT_REBUILD_ANNOTATION, "4").containsEntry("owner", "alice");
        assertThat(annotated.getMetadata().getGeneration()).as("metadata only: the spec is unchanged").isEqualTo(1);
        assertThat(fields(annotated, Cluster.FIELD_MANAGER))
                .isEqualTo("{f:metadata={f:annotations={f:abacus.dev/abort-rebuild={}}}}");

        CalculatorPipelineStatus draining = rebuilding(1, 4, ViewPhase.DRAINING);
        draining.getView().setTargetGeneration(4);
        draining.getView().setPreviousGeneration(3);
        writeStatus("abortable", draining);
        Run tooLate = run(false, "abort", "abortable");
        assertThat(tooLate.code).isEqualTo(ExitCode.ERROR);
        assertThat(tooLate.err()).containsExactly("error: calculatorpipeline/abortable: the rebuild of generation 4 "
                + "is past catching up (phase Draining): it can no longer be aborted");
    }

    @Test
    void historyListsTheLastRebuildsNewestFirst() {
        create("historic");
        CalculatorPipelineStatus status = stable(1, 5);
        status.getView().setHistory(List.of(
                record(5, "2026-11-22-c", "2026-11-22T09:00:00Z", "2026-11-22T09:02:13Z", RebuildOutcome.COMPLETED,
                        "Switched", "generation 5 serves"),
                record(4, "2026-11-22-b", "2026-11-22T08:00:00Z", "2026-11-22T08:00:40Z", RebuildOutcome.ABORTED,
                        "AbortRequested", "abacus.dev/abort-rebuild=4")));
        writeStatus("historic", status);

        Run history = run(false, "history", "historic");

        assertThat(history.code).isEqualTo(ExitCode.OK);
        assertThat(history.out()).containsExactly(
                "GENERATION   TRIGGER        STARTED                DURATION   OUTCOME     REASON           MESSAGE",
                "5            2026-11-22-c   2026-11-22T09:00:00Z   2m13s      Completed   Switched         generation 5 serves",
                "4            2026-11-22-b   2026-11-22T08:00:00Z   40s        Aborted     AbortRequested   abacus.dev/abort-rebuild=4");

        create("fresh");
        writeStatus("fresh", stable(1, 1));
        assertThat(run(false, "history", "fresh").out())
                .containsExactly("No rebuilds recorded for calculatorpipeline/fresh.");
    }

    // --- the cluster side

    /** A pipeline as a GitOps tool applies it: server-side apply of the fields it declares, as manager "gitops". */
    private void create(String name) {
        GenericKubernetesResource pipeline = admin.getKubernetesSerialization().unmarshal(String.join("\n",
                "apiVersion: " + API_VERSION,
                "kind: CalculatorPipeline",
                "metadata: {name: " + name + ", labels: {team: shop}, annotations: {owner: alice}}",
                "spec:",
                "  kafka: {bootstrapServers: 'kafka.shop.svc:9092'}",
                "  topics: {partitions: 3, replicationFactor: 1}",
                "  commander: {replicas: 2}",
                "  processor: {replicas: 3}",
                "  view: {replicas: 2, rebuild: initial, rebuildPolicy: {stabilisationSeconds: 10}}",
                ""), GenericKubernetesResource.class);
        admin.genericKubernetesResources(API_VERSION, "CalculatorPipeline").inNamespace(namespace).resource(pipeline)
                .fieldManager("gitops").forceConflicts().serverSideApply();
    }

    /** As the operator writes it: the whole status, through the status subresource, as its field manager. */
    private void writeStatus(String name, CalculatorPipelineStatus status) {
        String patch = admin.getKubernetesSerialization().asJson(List.of(Map.of("op", "add", "path", "/status",
                "value", status)));
        admin.resources(CalculatorPipeline.class).inNamespace(namespace).withName(name).subresource("status").patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager("abacus-operator").build(),
                patch);
    }

    private GenericKubernetesResource generic(String name) {
        return admin.genericKubernetesResources(API_VERSION, "CalculatorPipeline").inNamespace(namespace)
                .withName(name).get();
    }

    /** Waits until the spec carries {@code token}; its metadata.generation. */
    private long awaitToken(String name, String token) {
        AtomicReference<Long> generation = new AtomicReference<>();
        eventually().untilAsserted(() -> {
            CalculatorPipeline pipeline = admin.resources(CalculatorPipeline.class).inNamespace(namespace)
                    .withName(name).get();
            assertThat(pipeline.getSpec().getView().getRebuild()).isEqualTo(token);
            generation.set(pipeline.getMetadata().getGeneration());
        });
        return generation.get();
    }

    /** The fields a manager owns, as the API server's managedFields list them. */
    private static String fields(GenericKubernetesResource resource, String manager) {
        return resource.getMetadata().getManagedFields().stream().filter(m -> manager.equals(m.getManager()))
                .filter(m -> m.getSubresource() == null || m.getSubresource().isEmpty())
                .map(ManagedFieldsEntry::getFieldsV1).map(f -> String.valueOf(f.getAdditionalProperties()))
                .findFirst().orElse("none");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> copy(Object spec) {
        return admin.getKubernetesSerialization().unmarshal(admin.getKubernetesSerialization().asJson(spec), Map.class);
    }

    // --- the plugin side

    private record Run(int code, String stdout, String stderr) {

        List<String> out() {
            return stdout.lines().toList();
        }

        List<String> err() {
            return stderr.lines().toList();
        }
    }

    private Run run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KubectlAbacus.run(withConnection(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command running in-process on its own thread, its output readable while it runs. */
    private final class Background {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final CompletableFuture<Integer> future;

        Background(boolean terminal, String... args) {
            PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
            future = CompletableFuture.supplyAsync(() -> {
                thread.set(Thread.currentThread());
                return KubectlAbacus.run(withConnection(args), stream, stream, terminal);
            });
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }

        int exitCode() {
            return future.orTimeout(60, TimeUnit.SECONDS).join();
        }

        /** Interrupts it as Ctrl-C would end a watch. */
        int interrupt() {
            thread.get().interrupt();
            return exitCode();
        }
    }

    private Background background(boolean terminal, String... args) {
        return new Background(terminal, args);
    }

    private record ProcessResult(int code, String output) {
    }

    /** The packaged executable, with KUBECONFIG as kubectl passes it on, stdout not a terminal. */
    private ProcessResult exec(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(scratch, "exec", ".out");
        ProcessBuilder command = new ProcessBuilder(new ArrayList<>(List.of(
                System.getProperty("abacus.kubectl.executable")))).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        command.command().addAll(List.of(args));
        command.environment().put("KUBECONFIG", controlPlane.adminKubeconfig().toString());
        Process process = command.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl-abacus " + String.join(" ", args) + " did not end: "
                    + Files.readString(output));
        }
        return new ProcessResult(process.exitValue(), Files.readString(output));
    }

    private String[] withConnection(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", controlPlane.adminKubeconfig().toString(), "-n", namespace));
        return all.toArray(String[]::new);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }
}
