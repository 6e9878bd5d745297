package dev.abacus.operator;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.kafka.KafkaAdmins;
import dev.abacus.operator.kafka.KafkaConnectionResolver;
import dev.abacus.operator.kafka.TopicsDependentResource;
import dev.abacus.operator.status.EventRecorder;
import dev.abacus.operator.view.HttpViewProgressProbe;
import dev.abacus.operator.view.RebuildMetrics;
import dev.abacus.operator.view.ViewProgressProbe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: a JOSDK {@link Operator} running the pipeline reconciler, plus metrics and the HTTP
 * health endpoints. Tests start it the same way {@link OperatorMain} does.
 */
public final class AbacusOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AbacusOperator.class);

    private final Operator operator;
    private final KafkaAdmins admins;
    private final OperatorHttpServer http;
    private final JvmGcMetrics gcMetrics;
    private final Path truststores;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AbacusOperator(Operator operator, KafkaAdmins admins, OperatorHttpServer http, JvmGcMetrics gcMetrics,
                           Path truststores) {
        this.operator = operator;
        this.admins = admins;
        this.http = http;
        this.gcMetrics = gcMetrics;
        this.truststores = truststores;
    }

    public static AbacusOperator start(OperatorConfig config, KubernetesClient client) {
        return start(config, client, HttpViewProgressProbe.inCluster(config.viewProbeTimeout()));
    }

    /** As {@link #start(OperatorConfig, KubernetesClient)}, asking view copies for their progress through {@code probe}. */
    public static AbacusOperator start(OperatorConfig config, KubernetesClient client, ViewProgressProbe probe) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);

        String identity = config.leaderElection().identity()
                .orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "abacus-operator-" + UUID.randomUUID()));
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(config.perResourceMetrics()
                            ? MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build()
                            : MicrometerMetrics.withoutPerResourceMetrics(registry))
                    .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                    .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply());
            if (config.leaderElection().enabled()) {
                LeaderElectionConfigurationBuilder election = LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(config.leaderElection().leaseName())
                        .withIdentity(identity)
                        .withLeaseDuration(config.leaderElection().leaseDuration())
                        .withRenewDeadline(config.leaderElection().renewDeadline())
                        .withRetryPeriod(config.leaderElection().retryPeriod())
                        .withExitOnStopLeading(config.leaderElection().exitOnLoss());
                config.leaderElection().leaseNamespace().ifPresent(election::withLeaseNamespace);
                o.withLeaderElectionConfiguration(election.build());
            }
        });

        KafkaAdmins admins = new KafkaAdmins(config.kafkaApiTimeout());
        Path truststores = truststoreDir();
        CalculatorPipelineReconciler reconciler = new CalculatorPipelineReconciler(config,
                new TopicsDependentResource(new KafkaConnectionResolver(client, truststores), admins),
                new EventRecorder(client, identity), probe, new RebuildMetrics(registry), Clock.systemUTC());
        operator.register(reconciler, (ControllerConfigurationOverrider<CalculatorPipeline> o) -> {
            if (config.watchesAllNamespaces()) {
                o.watchingAllNamespaces();
            } else {
                o.settingNamespaces(config.watchNamespaces());
            }
            o.withRetry(config.kafkaRetry().josdkRetry());
        });
        OperatorHttpServer http = null;
        try {
            http = new OperatorHttpServer(config.httpPort(), operator, registry);
            operator.start();
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            operator.stop();
            admins.close();
            deleteQuietly(truststores);
            throw e;
        }
        LOG.info("Abacus operator started: namespaces {}, server-side apply {}, leader election {}",
                config.watchesAllNamespaces() ? "all" : config.watchNamespaces(), config.serverSideApply(),
                config.leaderElection().enabled());
        return new AbacusOperator(operator, admins, http, gcMetrics, truststores);
    }

    public Operator operator() {
        return operator;
    }

    /** The port of the health and metrics endpoints (useful when configured as 0). */
    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        operator.stop();
        admins.close();
        gcMetrics.close();
        deleteQuietly(truststores);
    }

    /** Truststores copied out of Secrets are the operator's own scratch files: nothing outlives the process. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static Path truststoreDir() {
        try {
            return Files.createTempDirectory("abacus-operator-truststores");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
