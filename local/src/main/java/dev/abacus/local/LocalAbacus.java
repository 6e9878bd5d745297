package dev.abacus.local;

import dev.abacus.auth.AuthConfig;
import dev.abacus.contract.PipelineTopics;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Abacus on a laptop: a real single-node Kafka broker in this JVM plus commander, processor and
 * view in one Micronaut context, so the seed's curl commands work against one port.
 */
public final class LocalAbacus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAbacus.class);
    private static final String[] ENVIRONMENTS = {"commander", "processor", "view", "local"};

    private final LocalOptions options;
    private final EmbeddedKafka kafka;
    private final ApplicationContext context;

    private LocalAbacus(LocalOptions options, EmbeddedKafka kafka, ApplicationContext context) {
        this.options = options;
        this.kafka = kafka;
        this.context = context;
    }

    /** Starts Abacus and serves until the JVM is told to stop; the exit status if it cannot start. */
    static int serve(LocalOptions options) throws InterruptedException {
        LocalAbacus abacus;
        try {
            abacus = start(options);
        } catch (UnavailablePortException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOG.error("Abacus could not start", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            abacus.close();
            stopped.countDown();
        }, "abacus-local-shutdown"));
        LOG.info("""

                Abacus is up on http://{}:{} (Kafka at {}, data in {}, heap limit {} MB). Try the seed's commands:
                  curl -d '{"value": 3}' -H "Content-Type: application/json" -X POST http://localhost:{}/values
                  curl -d '{"operation": "MULTIPLY", "value": 3}' -H "Content-Type: application/json" -X PUT http://localhost:{}/values/<value_id>
                  curl -H "Content-Type: application/json" -X GET http://localhost:{}/values/<value_id>
                Stop with Ctrl-C; start again with the same --data-dir to replay.""",
                options.host(), abacus.port(), abacus.kafka.bootstrapServers(), options.dataDir().toAbsolutePath(),
                Runtime.getRuntime().maxMemory() >> 20, abacus.port(), abacus.port(), abacus.port());
        if (!abacus.authenticationOn()) {
            LOG.warn("Authentication is off: anyone who can reach {}:{} may send commands and read values. Set "
                    + "ABACUS_AUTH_TOKENS (name:token,...) to require a bearer token on both.", options.host(),
                    abacus.port());
        }
        stopped.await();
        return 0;
    }

    /**
     * Starts the broker (formatting {@code dataDir} when new), the topics and the three services; a taken port
     * fails with {@link UnavailablePortException} before any of them starts.
     */
    public static LocalAbacus start(LocalOptions options) {
        return start(options, Map.of());
    }

    /** As {@link #start(LocalOptions)}, with {@code settings} over every other source, as a test sets them. */
    static LocalAbacus start(LocalOptions options, Map<String, Object> settings) {
        PortCheck.requireFree(options.host(), options.port(), "HTTP", "--port");
        PortCheck.requireFree(EmbeddedKafka.HOST, options.kafkaPort(), "Kafka", "--kafka-port");
        EmbeddedKafka kafka = EmbeddedKafka.start(options.dataDir().resolve("kafka"), options.kafkaPort(), Map.of());
        ApplicationContext context = null;
        try {
            LocalTopics.create(kafka, options.partitions());
            // Not Micronaut.build(): its own shutdown hook would race ours, which must stop the
            // services before the broker.
            context = ApplicationContext.builder()
                    .mainClass(LocalAbacus.class)
                    .environments(ENVIRONMENTS)
                    .properties(Map.of(
                            "micronaut.server.host", options.host(),
                            "micronaut.server.port", options.port(),
                            "abacus.http.max-connections", options.maxConnections(),
                            "abacus.http.header-timeout", options.headerTimeout().toMillis() + "ms",
                            "abacus.kafka.bootstrap-servers", kafka.bootstrapServers()))
                    .properties(LocalTopics.PROPERTIES)
                    .properties(settings)
                    .build();
            context.start();
            context.getBean(EmbeddedServer.class).start();
            return new LocalAbacus(options, kafka, context);
        } catch (RuntimeException e) {
            try {
                if (context != null && context.isRunning()) {
                    context.close();
                }
            } finally {
                kafka.close();
            }
            throw e;
        }
    }

    /** Whether commands and values need a bearer token ({@code abacus.auth.tokens} is set, or the mode is jwt). */
    public boolean authenticationOn() {
        return context.getBean(AuthConfig.class).enabled();
    }

    /** The address the HTTP port listens on. */
    public String host() {
        return context.getBean(EmbeddedServer.class).getHost();
    }

    public int port() {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public LocalOptions options() {
        return options;
    }

    /** Stops the services first so nothing writes to a broker that is going away. */
    @Override
    public void close() {
        try {
            if (context.isRunning()) {
                context.close();
            }
        } finally {
            kafka.close();
        }
    }

    /** Topic layout of a local pipeline: the same partition count for all four, co-partitioned. */
    static final class LocalTopics {
        static final String COMMANDS = "commands";
        static final String EVENTS = "events";
        static final String OUTCOMES = "outcomes";
        static final String SNAPSHOTS = "snapshots";

        static final Map<String, Object> PROPERTIES =
                Map.copyOf(PipelineTopics.properties(COMMANDS, EVENTS, OUTCOMES, SNAPSHOTS));

        private LocalTopics() {}

        static void create(EmbeddedKafka kafka, int partitions) {
            kafka.createTopics(List.of(EVENTS), partitions, PipelineTopics.EVENTS_FIXED_CONFIG);
            kafka.createTopics(List.of(COMMANDS, OUTCOMES), partitions, Map.of());
            kafka.createTopics(List.of(SNAPSHOTS), partitions, PipelineTopics.SNAPSHOTS_FIXED_CONFIG);
        }
    }
}
