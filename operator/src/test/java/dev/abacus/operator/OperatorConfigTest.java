package dev.abacus.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

    @Test
    void defaultsAreProductionSettings() {
        OperatorConfig config = OperatorConfig.fromEnv(Map.of());

        assertThat(config.watchesAllNamespaces()).isTrue();
        assertThat(config.serverSideApply()).isTrue();
        assertThat(config.leaderElection().enabled()).isTrue();
        assertThat(config.leaderElection().leaseName()).isEqualTo("abacus-operator");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.defaultImage("view")).isEqualTo("abacus/view:0.1.0");
        assertThat(config.kafkaApiTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void readsEverySetting() {
        OperatorConfig config = OperatorConfig.fromEnv(Map.of(
                "ABACUS_WATCH_NAMESPACES", " shop, billing ,",
                "ABACUS_IMAGE_REGISTRY", "ghcr.io/acme",
                "ABACUS_IMAGE_TAG", "1.2.3",
                "ABACUS_SERVER_SIDE_APPLY", "false",
                "ABACUS_LEADER_ELECTION", "FALSE",
                "POD_NAMESPACE", "abacus-system",
                "POD_NAME", "abacus-operator-0",
                "ABACUS_OPERATOR_HTTP_PORT", "9090",
                "ABACUS_KAFKA_API_TIMEOUT", "PT3S",
                "ABACUS_RESYNC_INTERVAL", "90s"));

        assertThat(config.watchNamespaces()).isEqualTo(Set.of("shop", "billing"));
        assertThat(config.defaultImage("commander")).isEqualTo("ghcr.io/acme/commander:1.2.3");
        assertThat(config.serverSideApply()).isFalse();
        assertThat(config.leaderElection().enabled()).isFalse();
        assertThat(config.leaderElection().leaseNamespace()).contains("abacus-system");
        assertThat(config.leaderElection().identity()).contains("abacus-operator-0");
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.kafkaApiTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void reportsAllProblemsAtOnce() {
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(
                "ABACUS_SERVER_SIDE_APPLY", "yes",
                "ABACUS_OPERATOR_HTTP_PORT", "http",
                "ABACUS_KAFKA_API_TIMEOUT", "soon",
                "ABACUS_WATCH_NAMESPACES", "Shop",
                "ABACUS_IMAGE_REGISTRY", "acme/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ABACUS_SERVER_SIDE_APPLY")
                .hasMessageContaining("ABACUS_OPERATOR_HTTP_PORT")
                .hasMessageContaining("ABACUS_KAFKA_API_TIMEOUT")
                .hasMessageContaining("ABACUS_WATCH_NAMESPACES")
                .hasMessageContaining("ABACUS_IMAGE_REGISTRY");
    }

    @Test
    void retryMaximumMayNotBeShorterThanItsStart() {
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of(
                "ABACUS_KAFKA_RETRY_INITIAL", "10s", "ABACUS_KAFKA_RETRY_MAX", "1s")))
                .hasMessageContaining("ABACUS_KAFKA_RETRY_MAX");
    }

    @Test
    void viewProbeTimeoutDefaultsToOneSecondAndMayNotHoldAReconcileLong() {
        assertThat(OperatorConfig.fromEnv(Map.of()).viewProbeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(OperatorConfig.fromEnv(Map.of("ABACUS_VIEW_PROBE_TIMEOUT", "300ms")).viewProbeTimeout())
                .isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of("ABACUS_VIEW_PROBE_TIMEOUT", "30s")))
                .hasMessageContaining("ABACUS_VIEW_PROBE_TIMEOUT");
    }
}
