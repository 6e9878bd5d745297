package dev.abacus.kubectl;

import dev.abacus.operator.api.RebuildRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** status.view.history as a table, newest first as the operator keeps it. */
final class HistoryText {

    private HistoryText() {
    }

    static List<String> render(List<RebuildRecord> history) {
        Table table = new Table("GENERATION", "TRIGGER", "STARTED", "DURATION", "OUTCOME", "REASON", "MESSAGE");
        for (RebuildRecord record : history) {
            table.row(record.getGeneration() == null ? "" : record.getGeneration().toString(), record.getTrigger(),
                    record.getStartedAt(), duration(record.getStartedAt(), record.getFinishedAt()), record.getOutcome(),
                    record.getReason(), record.getMessage());
        }
        return table.lines();
    }

    private static String duration(String startedAt, String finishedAt) {
        Optional<Instant> started = Durations.parse(startedAt);
        Optional<Instant> finished = Durations.parse(finishedAt);
        return started.isPresent() && finished.isPresent()
                ? Durations.format(Duration.between(started.get(), finished.get())) : "";
    }
}
