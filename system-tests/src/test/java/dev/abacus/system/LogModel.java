package dev.abacus.system;

import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Event;
import dev.abacus.domain.MalformedRecordException;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.ValueUpdated;
import dev.abacus.domain.WireCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An independent model of the data plane, folded from the commands topic IN LOG ORDER per partition
 * (arithmetic recomputed from operations and operands, not copied from events), and the checks of
 * the real outcomes and events topics against it.
 */
final class LogModel {

    /** What the model says one command record must become. */
    record Expected(UUID commandId, UUID valueId, String status, double value, long version, boolean duplicate) {}

    record Value(double value, long version) {}

    final Map<UUID, Value> values = new HashMap<>();
    final Map<UUID, Expected> acceptedByCommand = new HashMap<>();
    final Map<Integer, List<Expected>> expectedOutcomes = new TreeMap<>();
    final Map<Integer, List<Expected>> expectedEvents = new TreeMap<>();
    final Map<UUID, Integer> commandRecords = new HashMap<>();
    final List<String> problems = new ArrayList<>();
    final Map<String, Long> rejectedByReason = new TreeMap<>();
    long commandCount;
    long outcomeCount;
    long acceptedNew;
    long acceptedDuplicates;
    long eventCount;
    long duplicateEvents;
    long versionGaps;
    long outcomeMismatches;
    long eventMismatches;
    long commandsWithoutExactlyOneOutcome;

    static LogModel fold(Map<Integer, List<ConsumerRecord<String, byte[]>>> commands) {
        LogModel model = new LogModel();
        commands.forEach((partition, records) -> {
            List<Expected> outcomes = new ArrayList<>();
            List<Expected> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Expected expected = model.decide(record);
                outcomes.add(expected);
                if ("ACCEPTED".equals(expected.status()) && !expected.duplicate()) {
                    events.add(expected);
                }
            }
            model.expectedOutcomes.put(partition, outcomes);
            model.expectedEvents.put(partition, events);
        });
        return model;
    }

    private Expected decide(ConsumerRecord<String, byte[]> record) {
        commandCount++;
        Command command;
        try {
            command = WireCodec.decodeCommand(record.value());
        } catch (MalformedRecordException e) {
            return new Expected(null, null, "INVALID", 0, 0, false);
        }
        commandRecords.merge(command.id(), 1, Integer::sum);
        if (record.key() == null || !record.key().equals(command.valueId().toString())) {
            return new Expected(command.id(), command.valueId(), "INVALID", 0, 0, false);
        }
        Expected earlier = acceptedByCommand.get(command.id());
        if (earlier != null) {
            if (!earlier.valueId().equals(command.valueId())) {
                return new Expected(command.id(), command.valueId(), "INVALID", 0, 0, false);
            }
            return new Expected(command.id(), command.valueId(), "ACCEPTED", earlier.value(), earlier.version(), true);
        }
        Value state = values.get(command.valueId());
        double result;
        long version;
        if (command instanceof CreateValue create) {
            if (state != null) {
                return new Expected(command.id(), command.valueId(), "VALUE_ALREADY_EXISTS", 0, 0, false);
            }
            result = create.value();
            version = 1;
        } else {
            UpdateValue update = (UpdateValue) command;
            if (state == null) {
                return new Expected(command.id(), command.valueId(), "VALUE_NOT_FOUND", 0, 0, false);
            }
            result = switch (update.operation()) {
                case ADD -> state.value() + update.value();
                case MULTIPLY -> state.value() * update.value();
            };
            version = state.version() + 1;
        }
        if (!Double.isFinite(result)) {
            return new Expected(command.id(), command.valueId(), "NON_FINITE_RESULT", 0, 0, false);
        }
        values.put(command.valueId(), new Value(result, version));
        Expected accepted = new Expected(command.id(), command.valueId(), "ACCEPTED", result, version, false);
        acceptedByCommand.put(command.id(), accepted);
        return accepted;
    }

    /** Checks the outcomes topic: per partition, exactly the model's sequence. */
    void checkOutcomes(Map<Integer, List<ConsumerRecord<String, byte[]>>> outcomes) {
        Map<UUID, Integer> outcomesByCommand = new HashMap<>();
        outcomes.forEach((partition, records) -> {
            List<Expected> expected = expectedOutcomes.getOrDefault(partition, List.of());
            if (records.size() != expected.size()) {
                problem("outcomes partition " + partition + " has " + records.size() + " records, the model "
                        + expected.size());
            }
            for (int i = 0; i < records.size(); i++) {
                Outcome outcome = WireCodec.decodeOutcome(records.get(i).value());
                outcomeCount++;
                outcomesByCommand.merge(outcome.commandId(), 1, Integer::sum);
                String status = outcome instanceof Outcome.Rejected rejected ? rejected.reason().name() : "ACCEPTED";
                if (outcome instanceof Outcome.Accepted accepted) {
                    if (accepted.duplicate()) {
                        acceptedDuplicates++;
                    } else {
                        acceptedNew++;
                    }
                } else {
                    rejectedByReason.merge(status, 1L, Long::sum);
                }
                if (i >= expected.size()) {
                    continue;
                }
                Expected want = expected.get(i);
                boolean same = status.equals(want.status())
                        && (want.commandId() == null || want.commandId().equals(outcome.commandId()));
                if (same && outcome instanceof Outcome.Accepted accepted) {
                    same = accepted.duplicate() == want.duplicate()
                            && accepted.version() == want.version()
                            && Double.compare(accepted.value(), want.value()) == 0
                            && accepted.eventId().equals(ValueDecider.eventIdFor(firstCommand(want)));
                }
                if (!same) {
                    outcomeMismatches++;
                    problem("outcome " + partition + "@" + records.get(i).offset() + " is " + outcome
                            + " but the model expects " + want);
                }
            }
        });
        Set<UUID> ids = new HashSet<>(commandRecords.keySet());
        ids.addAll(outcomesByCommand.keySet());
        for (UUID id : ids) {
            int written = commandRecords.getOrDefault(id, 0);
            int answered = outcomesByCommand.getOrDefault(id, 0);
            if (written != answered) {
                commandsWithoutExactlyOneOutcome++;
                problem("command " + id + " has " + written + " record(s) but " + answered + " outcome(s)");
            }
        }
    }

    private UUID firstCommand(Expected want) {
        return want.commandId();
    }

    /** Checks the events topic: the model's accepted commands in order, no duplicate parent ids, no version gaps. */
    void checkEvents(Map<Integer, List<ConsumerRecord<String, byte[]>>> events) {
        Set<UUID> parents = new HashSet<>();
        Map<UUID, Long> lastVersion = new LinkedHashMap<>();
        events.forEach((partition, records) -> {
            List<Expected> expected = expectedEvents.getOrDefault(partition, List.of());
            if (records.size() != expected.size()) {
                problem("events partition " + partition + " has " + records.size() + " records, the model "
                        + expected.size());
            }
            for (int i = 0; i < records.size(); i++) {
                Event event = WireCodec.decodeEvent(records.get(i).value());
                eventCount++;
                if (!parents.add(event.parentId())) {
                    duplicateEvents++;
                    problem("second event for command " + event.parentId() + " at " + partition + "@"
                            + records.get(i).offset());
                }
                long last = lastVersion.getOrDefault(event.valueId(), 0L);
                if (event.version() != last + 1) {
                    versionGaps++;
                    problem("value " + event.valueId() + " jumps from version " + last + " to " + event.version());
                }
                lastVersion.put(event.valueId(), event.version());
                if (i >= expected.size()) {
                    continue;
                }
                Expected want = expected.get(i);
                boolean same = event.parentId().equals(want.commandId())
                        && event.valueId().equals(want.valueId())
                        && event.version() == want.version()
                        && Double.compare(event.value(), want.value()) == 0
                        && event.id().equals(ValueDecider.eventIdFor(want.commandId()));
                if (same && event instanceof ValueUpdated updated) {
                    double recomputed = switch (updated.operation()) {
                        case ADD -> valueBefore(partition, i, want) + updated.operand();
                        case MULTIPLY -> valueBefore(partition, i, want) * updated.operand();
                    };
                    same = Double.compare(recomputed, event.value()) == 0;
                }
                if (!same) {
                    eventMismatches++;
                    problem("event " + partition + "@" + records.get(i).offset() + " is " + event
                            + " but the model expects " + want);
                }
            }
        });
    }

    private double valueBefore(int partition, int index, Expected want) {
        List<Expected> expected = expectedEvents.get(partition);
        for (int i = index - 1; i >= 0; i--) {
            if (expected.get(i).valueId().equals(want.valueId())) {
                return expected.get(i).value();
            }
        }
        return Double.NaN;
    }

    private void problem(String text) {
        if (problems.size() < 50) {
            problems.add(text);
        }
    }
}
