package dev.abacus.operator;

import dev.abacus.operator.kafka.RetryPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once from the environment at startup and validated as a whole, so a
 * misconfigured operator fails before it touches anything.
 */
public record OperatorConfig(
        Set<String> watchNamespaces,
        String imageRegistry,
        String imageTag,
        boolean serverSideApply,
        LeaderElection leaderElection,
        int httpPort,
        Duration kafkaApiTimeout,
        Duration resyncInterval,
        Duration kafkaRetryInitial,
        Duration kafkaRetryMax,
        Duration rebuildPollInterval,
        Duration viewProbeTimeout,
        boolean perResourceMetrics,
        Optional<String> podNamespace) {

    /**
     * Lease-based leader election, so two replicas can run with one of them reconciling. A replica that loses the
     * lease exits (unless {@code exitOnLoss} is off, which only tests should do) so it never reconciles alongside
     * the new leader.
     */
    public record LeaderElection(boolean enabled, String leaseName, Optional<String> leaseNamespace,
                                 Optional<String> identity, Duration leaseDuration, Duration renewDeadline,
                                 Duration retryPeriod, boolean exitOnLoss) {
    }

    public static final String DEFAULT_IMAGE_REGISTRY = "abacus";
    public static final String DEFAULT_IMAGE_TAG = "0.1.0";

    public static final Duration MAX_VIEW_PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern SIMPLE_DURATION =
            Pattern.compile("^(\\d+)(ms|s|m|h)$");
    private static final Pattern DNS_LABEL =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    public OperatorConfig {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    public static OperatorConfig defaults() {
        return fromEnv(Map.of());
    }

    /** Parses and validates every setting; all problems are reported together. */
    public static OperatorConfig fromEnv(Map<String, String> env) {
        Parser p = new Parser(env);
        Set<String> namespaces = Arrays.stream(p.string("ABACUS_WATCH_NAMESPACES", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        namespaces.stream().filter(ns -> !DNS_LABEL.matcher(ns).matches())
                .forEach(ns -> p.problems.add("ABACUS_WATCH_NAMESPACES: '" + ns + "' is not a namespace name"));
        String registry = p.string("ABACUS_IMAGE_REGISTRY", DEFAULT_IMAGE_REGISTRY);
        if (registry.isBlank() || registry.endsWith("/")) {
            p.problems.add("ABACUS_IMAGE_REGISTRY: must be non-empty and must not end with '/'");
        }
        String tag = p.string("ABACUS_IMAGE_TAG", DEFAULT_IMAGE_TAG);
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            p.problems.add("ABACUS_IMAGE_TAG: '" + tag + "' is not a valid image tag");
        }
        LeaderElection election = new LeaderElection(
                p.bool("ABACUS_LEADER_ELECTION", true),
                p.string("ABACUS_LEADER_ELECTION_LEASE_NAME", "abacus-operator"),
                p.optional("ABACUS_LEADER_ELECTION_NAMESPACE").or(() -> p.optional("POD_NAMESPACE")),
                p.optional("ABACUS_LEADER_ELECTION_IDENTITY").or(() -> p.optional("POD_NAME")),
                p.duration("ABACUS_LEADER_ELECTION_LEASE_DURATION", Duration.ofSeconds(15)),
                p.duration("ABACUS_LEADER_ELECTION_RENEW_DEADLINE", Duration.ofSeconds(10)),
                p.duration("ABACUS_LEADER_ELECTION_RETRY_PERIOD", Duration.ofSeconds(2)),
                p.bool("ABACUS_LEADER_ELECTION_EXIT_ON_LOSS", true));
        if (election.renewDeadline().compareTo(election.leaseDuration()) >= 0) {
            p.problems.add("ABACUS_LEADER_ELECTION_RENEW_DEADLINE must be shorter than the lease duration");
        }
        OperatorConfig config = new OperatorConfig(
                namespaces,
                registry,
                tag,
                p.bool("ABACUS_SERVER_SIDE_APPLY", true),
                election,
                p.port("ABACUS_OPERATOR_HTTP_PORT", 8080),
                p.duration("ABACUS_KAFKA_API_TIMEOUT", Duration.ofSeconds(15)),
                p.duration("ABACUS_RESYNC_INTERVAL", Duration.ofMinutes(5)),
                p.duration("ABACUS_KAFKA_RETRY_INITIAL", Duration.ofSeconds(2)),
                p.duration("ABACUS_KAFKA_RETRY_MAX", Duration.ofMinutes(2)),
                p.duration("ABACUS_REBUILD_POLL_INTERVAL", Duration.ofSeconds(10)),
                p.duration("ABACUS_VIEW_PROBE_TIMEOUT", Duration.ofSeconds(1)),
                p.bool("ABACUS_METRICS_PER_RESOURCE", false),
                p.optional("POD_NAMESPACE"));
        if (config.kafkaRetryMax().compareTo(config.kafkaRetryInitial()) < 0) {
            p.problems.add("ABACUS_KAFKA_RETRY_MAX must not be shorter than ABACUS_KAFKA_RETRY_INITIAL");
        }
        if (config.viewProbeTimeout().compareTo(MAX_VIEW_PROBE_TIMEOUT) > 0) {
            p.problems.add("ABACUS_VIEW_PROBE_TIMEOUT must be at most " + MAX_VIEW_PROBE_TIMEOUT.toSeconds()
                    + "s: a reconcile waits for the probe");
        }
        if (!p.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid operator configuration: " + String.join("; ", p.problems));
        }
        return config;
    }

    public RetryPolicy kafkaRetry() {
        return new RetryPolicy(kafkaRetryInitial, kafkaRetryMax);
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }

    public String defaultImage(String component) {
        return imageRegistry + "/" + component + ":" + imageTag;
    }

    private static final class Parser {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(name + ": expected true or false, got '" + value.get() + "'");
                    yield fallback;
                }
            };
        }

        int port(String name, int fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.get());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                problems.add(name + ": expected a port number, got '" + value.get() + "'");
                return fallback;
            }
        }

        Duration duration(String name, Duration fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            Optional<Duration> parsed = parseDuration(value.get());
            if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
                problems.add(name + ": expected a positive duration like 500ms, 15s, 5m or PT15S, got '"
                        + value.get() + "'");
                return fallback;
            }
            return parsed.get();
        }
    }

    static Optional<Duration> parseDuration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
