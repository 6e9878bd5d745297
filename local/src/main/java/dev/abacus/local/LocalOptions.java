package dev.abacus.local;

import dev.abacus.support.http.limits.HttpLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a local run, from {@code --name=value} arguments or {@code ABACUS_LOCAL_*}
 * environment variables; arguments win.
 */
public record LocalOptions(Path dataDir, String host, int port, int kafkaPort, int partitions, int maxConnections,
                           Duration headerTimeout) {

    public static final String LOOPBACK = "127.0.0.1";

    static final String USAGE = """
            usage: java [-Xmx1g] -jar local/target/abacus-local.jar [--data-dir=DIR] [--host=127.0.0.1] [--port=3030] [--kafka-port=9092] [--partitions=3] [--max-connections=4096] [--header-timeout=30]
              --data-dir         where Kafka keeps the event log (default .abacus-data); reuse it to replay
              --host             address the HTTP port listens on (default 127.0.0.1: this machine only; 0.0.0.0 = every interface)
              --port             HTTP port of commander and view (default 3030, 0 = any free port)
              --kafka-port       Kafka listener on localhost (default 9092, 0 = any free port)
              --partitions       partitions of each new topic (default 3)
              --max-connections  HTTP connections held open at once (default 4096, and never more than half the file descriptors)
              --header-timeout   seconds a connection may take to send a request's headers (default 30)
              -Xmx               heap (default 512m): every value is kept in memory; see docs/local.md for how much a log needs""";

    public LocalOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty\n" + USAGE);
        }
        if (port < 0 || port > 65535 || kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535\n" + USAGE);
        }
        if (partitions < 1 || partitions > 1000) {
            throw new IllegalArgumentException("--partitions must be between 1 and 1000\n" + USAGE);
        }
        if (maxConnections < 1 || maxConnections > HttpLimits.MAX_CONNECTIONS_CEILING) {
            throw new IllegalArgumentException("--max-connections must be between 1 and "
                    + HttpLimits.MAX_CONNECTIONS_CEILING + "\n" + USAGE);
        }
        if (headerTimeout == null || headerTimeout.compareTo(HttpLimits.MIN_HEADER_TIMEOUT) < 0
                || headerTimeout.compareTo(HttpLimits.MAX_HEADER_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--header-timeout must be between "
                    + HttpLimits.MIN_HEADER_TIMEOUT.toSeconds() + " and " + HttpLimits.MAX_HEADER_TIMEOUT.toSeconds()
                    + " seconds\n" + USAGE);
        }
    }

    /** Options with the default HTTP limits. */
    public LocalOptions(Path dataDir, String host, int port, int kafkaPort, int partitions) {
        this(dataDir, host, port, kafkaPort, partitions, HttpLimits.DEFAULT_MAX_CONNECTIONS,
                HttpLimits.DEFAULT_HEADER_TIMEOUT);
    }

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String dataDir = env.getOrDefault("ABACUS_LOCAL_DATA_DIR", ".abacus-data");
        String host = env.getOrDefault("ABACUS_LOCAL_HOST", LOOPBACK);
        String port = env.getOrDefault("ABACUS_LOCAL_PORT", "3030");
        String kafkaPort = env.getOrDefault("ABACUS_LOCAL_KAFKA_PORT", "9092");
        String partitions = env.getOrDefault("ABACUS_LOCAL_PARTITIONS", "3");
        String maxConnections = env.getOrDefault("ABACUS_LOCAL_MAX_CONNECTIONS",
                String.valueOf(HttpLimits.DEFAULT_MAX_CONNECTIONS));
        String headerTimeout = env.getOrDefault("ABACUS_LOCAL_HEADER_TIMEOUT",
                String.valueOf(HttpLimits.DEFAULT_HEADER_TIMEOUT.toSeconds()));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            switch (pair[0]) {
                case "--data-dir" -> dataDir = pair[1];
                case "--host" -> host = pair[1];
                case "--port" -> port = pair[1];
                case "--kafka-port" -> kafkaPort = pair[1];
                case "--partitions" -> partitions = pair[1];
                case "--max-connections" -> maxConnections = pair[1];
                case "--header-timeout" -> headerTimeout = pair[1];
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        try {
            return new LocalOptions(Path.of(dataDir), host, Integer.parseInt(port), Integer.parseInt(kafkaPort),
                    Integer.parseInt(partitions), Integer.parseInt(maxConnections),
                    Duration.ofSeconds(Long.parseLong(headerTimeout)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "\n" + USAGE, e);
        }
    }
}
