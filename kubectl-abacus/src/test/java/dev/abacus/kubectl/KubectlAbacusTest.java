package dev.abacus.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages that need no API server. */
class KubectlAbacusTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path scratch;

    private int run(String... args) {
        return KubectlAbacus.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void helpExitsZeroOnStdout() {
        assertThat(run("--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("kubectl abacus: ").contains("Exit codes:");
        assertThat(err.size()).isZero();
    }

    @Test
    void usageErrorsExitTwoOnStderr() {
        assertThat(run("status")).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                "error: status needs the name of a CalculatorPipeline", "Run 'kubectl abacus --help' for usage.", ""));
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnreachableApiServerExitsTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = Files.writeString(scratch.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config",
                "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:" + closedPort + "'}}]",
                "users: [{name: u, user: {token: t}}]",
                "contexts: [{name: x, context: {cluster: c, user: u, namespace: shop}}]",
                "current-context: x", ""));

        assertThat(run("status", "demo", "--kubeconfig", kubeconfig.toString())).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownContextExitsTwo() throws IOException {
        Path kubeconfig = Files.writeString(scratch.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config",
                "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
                "users: [{name: u, user: {token: t}}]",
                "contexts: [{name: x, context: {cluster: c, user: u}}]",
                "current-context: x", ""));

        assertThat(run("history", "demo", "--kubeconfig", kubeconfig.toString(), "--context", "nowhere"))
                .isEqualTo(ExitCode.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("nowhere");
    }
}
