package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void defaultsServeTheSeedsPort() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of());
        assertThat(options).isEqualTo(new LocalOptions(Path.of(".abacus-data"), "127.0.0.1", 3030, 9092, 3));
    }

    @Test
    void argumentsWinOverEnvironment() {
        LocalOptions options = LocalOptions.parse(new String[] {"--port=4000", "--data-dir=/tmp/x"},
                Map.of("ABACUS_LOCAL_PORT", "5000", "ABACUS_LOCAL_PARTITIONS", "6"));
        assertThat(options).isEqualTo(new LocalOptions(Path.of("/tmp/x"), "127.0.0.1", 4000, 9092, 6));
    }

    @Test
    void badArgumentsExplainTheUsage() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--colour=blue"}, Map.of()))
                .hasMessageContaining("unknown argument --colour=blue").hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--partitions=0"}, Map.of()))
                .hasMessageContaining("--partitions");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--port=abc"}, Map.of()))
                .hasMessageContaining("not a number");
    }

    @Test
    void httpLimitsAreOptionsWithBounds() {
        LocalOptions options = LocalOptions.parse(new String[] {"--max-connections=10", "--header-timeout=5"},
                Map.of("ABACUS_LOCAL_MAX_CONNECTIONS", "20"));
        assertThat(options.maxConnections()).isEqualTo(10);
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--max-connections=0"}, Map.of()))
                .hasMessageContaining("--max-connections");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--header-timeout=0"}, Map.of()))
                .hasMessageContaining("--header-timeout");
    }
}
