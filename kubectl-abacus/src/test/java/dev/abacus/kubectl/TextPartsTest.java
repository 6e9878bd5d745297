package dev.abacus.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pieces the renderers are made of: progress bar, durations, timestamps, tables. */
class TextPartsTest {

    @Test
    void progressBar() {
        assertThat(ProgressBar.of(0, 100, 10)).isEqualTo("[----------]");
        assertThat(ProgressBar.of(55, 100, 10)).isEqualTo("[#####-----]");
        assertThat(ProgressBar.of(100, 100, 10)).isEqualTo("[##########]");
        assertThat(ProgressBar.of(0, 0, 4)).as("an empty log").isEqualTo("[####]");
        assertThat(ProgressBar.of(120, 100, 4)).as("never past full").isEqualTo("[####]");
        assertThat(ProgressBar.percent(999, 1000)).as("100% only when done").isEqualTo(99);
        assertThat(ProgressBar.percent(1000, 1000)).isEqualTo(100);
    }

    @Test
    void durations() {
        assertThat(Durations.format(Duration.ofSeconds(-3))).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofSeconds(133))).isEqualTo("2m13s");
        assertThat(Durations.format(Duration.ofSeconds(3 * 3600 + 5 * 60 + 59))).isEqualTo("3h05m");
        assertThat(Durations.format(Duration.ofHours(52))).isEqualTo("2d04h");
    }

    @Test
    void timestamps() {
        assertThat(Durations.parse("2026-11-22T10:00:00Z")).contains(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(Durations.parse("2026-11-22T11:00:00+01:00")).contains(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(Durations.parse("yesterday")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
        assertThat(Durations.since("2026-11-22T09:58:00Z", Instant.parse("2026-11-22T10:00:00Z"))).contains("2m00s");
    }

    @Test
    void tableAlignsColumnsAndMarksEmptyCells() {
        assertThat(new Table("A", "LONGER", "LAST").row("wide cell", null, "x").row("b", "c", "").lines())
                .containsExactly(
                        "A           LONGER   LAST",
                        "wide cell   <none>   x",
                        "b           c        <none>");
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
