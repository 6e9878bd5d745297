package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.support.http.ProblemException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitPreferenceTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void queryWinsOverPreferAndAcceptsUnits() {
        assertThat(WaitPreference.resolve("5s", List.of("wait=9"), MAX)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WaitPreference.resolve("500ms", List.of(), MAX)).isEqualTo(Duration.ofMillis(500));
        assertThat(WaitPreference.resolve("7", List.of(), MAX)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void preferIsReadAmongOtherPreferences() {
        assertThat(WaitPreference.resolve(null, List.of("respond-async, wait=10"), MAX))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(WaitPreference.resolve(null, List.of("handling=strict", "Wait = 3"), MAX))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void capsAndIgnores() {
        assertThat(WaitPreference.resolve("99999s", List.of(), MAX)).isEqualTo(MAX);
        assertThat(WaitPreference.resolve(null, List.of("wait=soon"), MAX)).isNull();
        assertThat(WaitPreference.resolve(null, List.of(), MAX)).isNull();
        assertThat(WaitPreference.resolve("0", List.of(), MAX)).isNull();
        assertThat(WaitPreference.resolve("5s", List.of(), Duration.ZERO)).isNull();
    }

    @Test
    void malformedQueryIs400() {
        assertThatThrownBy(() -> WaitPreference.resolve("-1s", List.of(), MAX))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(400));
    }
}
