package dev.abacus.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of a local run, from {@code --name=value} arguments or {@code ABACUS_LOCAL_*}
 * environment variables; arguments win.
 */
public record LocalOptions(Path dataDir, String host, int port, int kafkaPort, int partitions) {

    public static final String LOOPBACK = "127.0.0.1";

    static final String USAGE = """
            usage: java -jar local/target/abacus-local.jar [--data-dir=DIR] [--host=127.0.0.1] [--port=3030] [--kafka-port=9092] [--partitions=3]
              --data-dir    where Kafka keeps the event log (default .abacus-data); reuse it to replay
              --host        address the HTTP port listens on (default 127.0.0.1: this machine only; 0.0.0.0 = every interface)
              --port        HTTP port of commander and view (default 3030, 0 = any free port)
              --kafka-port  Kafka listener on localhost (default 9092, 0 = any free port)
              --partitions  partitions of each new topic (default 3)""";

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
    }

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String dataDir = env.getOrDefault("ABACUS_LOCAL_DATA_DIR", ".abacus-data");
        String host = env.getOrDefault("ABACUS_LOCAL_HOST", LOOPBACK);
        String port = env.getOrDefault("ABACUS_LOCAL_PORT", "3030");
        String kafkaPort = env.getOrDefault("ABACUS_LOCAL_KAFKA_PORT", "9092");
        String partitions = env.getOrDefault("ABACUS_LOCAL_PARTITIONS", "3");
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
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        try {
            return new LocalOptions(Path.of(dataDir), host, Integer.parseInt(port), Integer.parseInt(kafkaPort),
                    Integer.parseInt(partitions));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "\n" + USAGE, e);
        }
    }
}
