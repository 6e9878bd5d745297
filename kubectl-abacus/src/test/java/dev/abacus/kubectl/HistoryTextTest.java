package dev.abacus.kubectl;

import static dev.abacus.kubectl.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.api.RebuildOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTextTest {

    @Test
    void newestFirstWithDurations() {
        assertThat(HistoryText.render(List.of(
                record(5, "2026-11-22-c", "2026-11-22T09:00:00Z", "2026-11-22T09:02:13Z", RebuildOutcome.COMPLETED,
                        "Switched", "generation 5 serves"),
                record(4, null, "2026-11-22T08:00:00Z", "2026-11-22T09:00:00Z", RebuildOutcome.ABORTED,
                        "DeadlineExceeded", "did not switch within 3600s"))))
                .containsExactly(
                        "GENERATION   TRIGGER        STARTED                DURATION   OUTCOME     REASON             MESSAGE",
                        "5            2026-11-22-c   2026-11-22T09:00:00Z   2m13s      Completed   Switched           generation 5 serves",
                        "4            <none>         2026-11-22T08:00:00Z   1h00m      Aborted     DeadlineExceeded   did not switch within 3600s");
    }
}
