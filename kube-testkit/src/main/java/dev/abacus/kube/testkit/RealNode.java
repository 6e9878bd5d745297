package dev.abacus.kube.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kubernetes (containerd, kubelet, kube-proxy, CoreDNS beside the control plane) started by
 * {@code tools/k8s/cluster up} once per test JVM and torn down by {@code cluster down} when the JVM exits.
 * Images reach it by import, never by pull.
 */
public final class RealNode {

    private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);
    private static final Duration OWNERSHIP_WAIT = Duration.ofMinutes(30);
    private static RealNode shared;
    /** Held, never read: the node is this JVM's while the lock is reachable. */
    private static FileLock ownership;

    private final Path script;
    private final Path kubeconfig;
    private final Path bin;
    private final KubernetesClient admin;

    private RealNode(Path script, Path kubeconfig, Path bin) {
        this.script = script;
        this.kubeconfig = kubeconfig;
        this.bin = bin;
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig))).build();
    }

    /** The node of this test JVM, brought up on first use. */
    public static synchronized RealNode shared() {
        if (shared == null) {
            Path script = script().orElseThrow(() -> new IllegalStateException("tools/k8s/cluster not found"));
            long started = System.nanoTime();
            ownership = own(Path.of(run(script, List.of("dir"), 30).trim() + ".lock"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(script, List.of("down"), 120), "real-node-down"));
            String out = run(script, List.of("up"), 300);
            List<String> lines = out.lines().toList();
            Path kubeconfig = Path.of(lines.get(lines.size() - 1).trim());
            shared = new RealNode(script, kubeconfig, ControlPlane.binaries().orElseThrow());
            LOG.info("real node up in {} ms; kubeconfig {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    kubeconfig);
        }
        return shared;
    }

    /**
     * The node has fixed ports and one state directory, and each run tears it down when it ends: a second test JVM on
     * the same machine (another clone's build, a CI job beside a developer's) waits for the first instead of sharing
     * its pipelines or losing its node mid-test. The kernel drops the lock when its JVM dies, however it dies.
     */
    private static FileLock own(Path lockFile) {
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Instant deadline = Instant.now().plus(OWNERSHIP_WAIT);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.warn("another test run owns the real node ({}); waiting up to {} for it to end", lockFile,
                        OWNERSHIP_WAIT);
            }
            while (lock == null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("another test run kept the real node for " + OWNERSHIP_WAIT);
                }
                TimeUnit.SECONDS.sleep(1);
                lock = channel.tryLock();
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the real node", e);
        }
    }

    /** Why a real node cannot run on this machine, if it cannot: no root, no cgroups, missing packages. */
    public static Optional<String> cannotRun() {
        Optional<Path> script = script();
        if (script.isEmpty()) {
            return Optional.of("tools/k8s/cluster not found above " + Path.of("").toAbsolutePath());
        }
        if (ControlPlane.binaries().isEmpty()) {
            return Optional.of(ControlPlane.missingBinaries());
        }
        try {
            Process check = new ProcessBuilder("bash", script.get().toString(), "check").redirectErrorStream(true).start();
            String reason = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return check.waitFor() == 0 ? Optional.empty() : Optional.of(reason.isEmpty() ? "cluster check failed" : reason);
        } catch (IOException e) {
            return Optional.of("cannot run tools/k8s/cluster: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Imports OCI or docker image archives into the node's containerd. */
    public void importImages(List<Path> archives) {
        List<String> args = new ArrayList<>(List.of("import"));
        archives.forEach(archive -> args.add(archive.toAbsolutePath().toString()));
        run(script, args, 300);
    }

    /** Gives an imported image a second name, as a registry would serve a new tag of the same bytes. */
    public void tagImage(String image, String newName) {
        run(script, List.of("tag", image, newName), 60);
    }

    /** Runs the node's kubectl with this cluster's kubeconfig; returns its output, fails on a non-zero exit. */
    public String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("kubectl").toString()));
        command.addAll(List.of(args));
        return exec(command, Map.of("KUBECONFIG", kubeconfig.toString()), 180);
    }

    public KubernetesClient admin() {
        return admin;
    }

    public String kubeconfigContents() {
        return read(kubeconfig);
    }

    private static Optional<Path> script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/k8s/cluster");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String run(Path script, List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        return exec(command, Map.of(), timeoutSeconds);
    }

    private static String exec(List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("abacus-exec", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = Files.readString(output);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
