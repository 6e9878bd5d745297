package dev.abacus.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Event;
import dev.abacus.domain.Operation;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.domain.UpdateValue;
import dev.abacus.domain.ValueDecider;
import dev.abacus.domain.WireCodec;
import dev.abacus.kafka.embedded.EmbeddedKafka;
import dev.abacus.support.kafka.HomePartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CommandProcessorTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startTemporary();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void decidesEveryRuleAndNumbersEachValuesEventsWithoutGaps() {
        try (Pipeline pipeline = Pipeline.create(kafka, "rules", 3)) {
            CommandProcessor processor = pipeline.start("rules-1");
            UUID value = UUID.randomUUID();
            UUID huge = UUID.randomUUID();
            CreateValue create = create(value, 3);
            UpdateValue multiply = update(value, Operation.MULTIPLY, 3);
            UpdateValue add = update(value, Operation.ADD, 1.5);
            CreateValue createAgain = create(value, 7);
            UpdateValue missing = update(UUID.randomUUID(), Operation.ADD, 1);
            CreateValue createHuge = create(huge, 1e308);
            UpdateValue overflow = update(huge, Operation.MULTIPLY, 10);
            UpdateValue afterOverflow = update(huge, Operation.ADD, 1);
            List<Command> sent = List.of(create, multiply, add, createAgain, missing, createHuge, overflow, afterOverflow);
            sent.forEach(pipeline::send);
            pipeline.awaitAllDecided();

            Map<UUID, List<Outcome>> outcomes = pipeline.outcomesByCommand();
            assertThat(outcomes).hasSize(sent.size());
            assertThat(outcomes.values()).allSatisfy(list -> assertThat(list).hasSize(1));
            assertAccepted(outcomes.get(create.id()), 3, 1);
            assertAccepted(outcomes.get(multiply.id()), 9, 2);
            assertAccepted(outcomes.get(add.id()), 10.5, 3);
            assertRejected(outcomes.get(createAgain.id()), RejectionReason.VALUE_ALREADY_EXISTS);
            assertRejected(outcomes.get(missing.id()), RejectionReason.VALUE_NOT_FOUND);
            assertAccepted(outcomes.get(createHuge.id()), 1e308, 1);
            assertRejected(outcomes.get(overflow.id()), RejectionReason.NON_FINITE_RESULT);
            assertAccepted(outcomes.get(afterOverflow.id()), 1e308 + 1, 2);

            List<ConsumerRecord<String, byte[]>> eventRecords = pipeline.eventRecords();
            List<Event> events = eventRecords.stream().map(r -> WireCodec.decodeEvent(r.value())).toList();
            assertThat(events).hasSize(5);
            List<Event> valueEvents = events.stream().filter(e -> e.valueId().equals(value)).toList();
            assertThat(valueEvents).extracting(Event::parentId).containsExactly(create.id(), multiply.id(), add.id());
            assertThat(valueEvents).extracting(Event::version).containsExactly(1L, 2L, 3L);
            assertThat(valueEvents).extracting(Event::value).containsExactly(3.0, 9.0, 10.5);
            assertThat(valueEvents).extracting(Event::id).containsExactly(
                    ValueDecider.eventIdFor(create.id()), ValueDecider.eventIdFor(multiply.id()), ValueDecider.eventIdFor(add.id()));
            assertThat(eventRecords).allSatisfy(r -> assertThat(r.key()).isEqualTo(WireCodec.decodeEvent(r.value()).valueId().toString()));
            // the meters are updated just after commitTransaction, so after the committed offsets show
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pipeline.registries.get(processor)
                    .get("abacus.processor.commands").tag("result", "accepted").counter().count()).isEqualTo(5));
        }
    }

    /** Under read_committed a consumer warns when asked for the offsets of a partition it is not assigned. */
    @Test
    void opensItsPartitionsWithoutAWarningFromTheConsumer() {
        Logger offsets = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils");
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        offsets.addAppender(warnings);
        try (Pipeline pipeline = Pipeline.create(kafka, "quiet", 3)) {
            CommandProcessor first = pipeline.start("quiet-1");
            pipeline.send(create(UUID.randomUUID(), 1));
            pipeline.awaitAllDecided();
            first.close();
            CommandProcessor restarted = pipeline.start("quiet-2");
            Pipeline.awaitReady(restarted);
            assertThat(restarted.status().partitions()).hasSize(3);
        } finally {
            offsets.detachAppender(warnings);
        }
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(message -> message.contains("quiet-events")).isEmpty();
    }

    @Test
    void poisonRecordsGetInvalidOutcomesAndLaterCommandsAreStillDecided() {
        try (Pipeline pipeline = Pipeline.create(kafka, "poison", 2)) {
            CommandProcessor processor = pipeline.start("poison-1");
            UUID value = UUID.randomUUID();
            UUID readableId = UUID.randomUUID();
            CreateValue valid = create(value, 1);
            CreateValue keyless = create(UUID.randomUUID(), 1);
            CreateValue badKey = create(UUID.randomUUID(), 1);
            CreateValue otherKey = create(UUID.randomUUID(), 1);
            String unknownAction = "{\"id\":\"" + readableId + "\",\"action\":\"DeleteValue\",\"data\":{\"value-id\":\""
                    + value + "\"},\"timestamp\":\"2024-01-01T00:00:00Z\"}";
            String newerSchema = new String(WireCodec.encode(create(value, 2)), StandardCharsets.UTF_8)
                    .replace("\"schema\":1", "\"schema\":2");
            byte[] oversized = ("{\"id\":\"" + UUID.randomUUID() + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);

            RecordMetadata notJson = pipeline.sendRaw(value.toString(), "hello".getBytes(StandardCharsets.UTF_8));
            RecordMetadata tombstone = pipeline.sendRaw(value.toString(), null);
            pipeline.sendRaw(value.toString(), unknownAction.getBytes(StandardCharsets.UTF_8));
            pipeline.sendRaw(value.toString(), newerSchema.getBytes(StandardCharsets.UTF_8));
            pipeline.sendRaw(value.toString(), oversized);
            pipeline.sendRaw(null, WireCodec.encode(keyless));
            pipeline.sendRaw("not-a-uuid", WireCodec.encode(badKey));
            pipeline.sendRaw(UUID.randomUUID().toString(), WireCodec.encode(otherKey));
            pipeline.send(valid);
            pipeline.awaitAllDecided();

            List<Outcome> outcomes = pipeline.outcomes();
            assertThat(outcomes).hasSize(9);
            List<Outcome.Rejected> invalid = outcomes.stream()
                    .filter(o -> o instanceof Outcome.Rejected)
                    .map(o -> (Outcome.Rejected) o)
                    .toList();
            assertThat(invalid).hasSize(8).allSatisfy(o -> {
                assertThat(o.reason()).isEqualTo(RejectionReason.INVALID);
                assertThat(o.detail()).isNotBlank();
            });
            assertThat(invalid).extracting(Outcome::commandId).contains(
                    CommandRecordReader.poisonCommandId(pipeline.commands, notJson.partition(), notJson.offset()),
                    CommandRecordReader.poisonCommandId(pipeline.commands, tombstone.partition(), tombstone.offset()),
                    readableId,
                    keyless.id(),
                    badKey.id(),
                    otherKey.id());
            assertThat(invalid.stream().filter(o -> o.commandId().equals(readableId)).findFirst().orElseThrow().valueId())
                    .isEqualTo(value);
            assertThat(outcomes).filteredOn(o -> o.commandId().equals(valid.id()))
                    .singleElement()
                    .isInstanceOf(Outcome.Accepted.class);
            assertThat(pipeline.events()).singleElement().extracting(Event::parentId).isEqualTo(valid.id());
            // meters and status are updated just after commitTransaction, so after the committed offsets show
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(pipeline.registries.get(processor).get("abacus.processor.poison.records").counter().count())
                        .isEqualTo(8);
                assertThat(processor.status().ready()).isTrue();
            });
        }
    }

    @Test
    void aRestartedProcessorRebuildsStateAndAnswersRetriesAsDuplicates() {
        try (Pipeline pipeline = Pipeline.create(kafka, "restart", 2)) {
            CommandProcessor first = pipeline.start("restart-1");
            UUID value = UUID.randomUUID();
            CreateValue create = create(value, 3);
            UpdateValue multiply = update(value, Operation.MULTIPLY, 3);
            pipeline.send(create);
            pipeline.send(multiply);
            pipeline.awaitAllDecided();
            first.close();

            CommandProcessor second = pipeline.start("restart-2");
            Pipeline.awaitReady(second);
            assertThat(second.status().valuesHeld()).isEqualTo(1);
            UpdateValue add = update(value, Operation.ADD, 1);
            pipeline.send(add);
            pipeline.send(create);
            pipeline.send(multiply);
            pipeline.awaitAllDecided();

            Map<UUID, List<Outcome>> outcomes = pipeline.outcomesByCommand();
            assertAccepted(outcomes.get(add.id()), 10, 3);
            assertThat(outcomes.get(create.id())).hasSize(2);
            Outcome.Accepted retried = (Outcome.Accepted) outcomes.get(create.id()).get(1);
            assertThat(retried.duplicate()).isTrue();
            assertThat(retried.eventId()).isEqualTo(ValueDecider.eventIdFor(create.id()));
            assertThat(retried.version()).isEqualTo(1);
            assertThat(retried.value()).isEqualTo(3);
            Outcome.Accepted retriedMultiply = (Outcome.Accepted) outcomes.get(multiply.id()).get(1);
            assertThat(retriedMultiply.duplicate()).isTrue();
            assertThat(retriedMultiply.version()).isEqualTo(2);
            assertThat(retriedMultiply.value()).isEqualTo(9);

            List<Event> events = pipeline.events();
            assertThat(events).extracting(Event::parentId).containsExactly(create.id(), multiply.id(), add.id());
            assertThat(events).extracting(Event::version).containsExactly(1L, 2L, 3L);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    pipeline.registries.get(second).get("abacus.processor.duplicates").counter().count()).isEqualTo(2));
        }
    }

    @Test
    void twoInstancesSplitThePartitionsAndDecideEveryCommandOnce() {
        try (Pipeline pipeline = Pipeline.create(kafka, "pair", 4)) {
            CommandProcessor a = pipeline.start("pair-a");
            CommandProcessor b = pipeline.start("pair-b");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !a.status().partitions().isEmpty() && !b.status().partitions().isEmpty());
            Pipeline.awaitReady(a, b);
            List<Command> sent = workload(24, 8);
            sent.forEach(pipeline::sendAsync);
            pipeline.flush();
            pipeline.awaitAllDecided();

            assertDecidedExactlyOnce(pipeline, sent);
            assertThat(a.status().partitions()).extracting(ProcessorStatus.PartitionStatus::partition)
                    .doesNotContainAnyElementsOf(b.status().partitions().stream()
                            .map(ProcessorStatus.PartitionStatus::partition).toList());
        }
    }

    @Test
    void aCrashedInstancesPartitionsAreTakenOverWithoutLosingOrRepeatingAnything() {
        try (Pipeline pipeline = Pipeline.create(kafka, "crash", 4)) {
            CommandProcessor a = pipeline.start("crash-a");
            CommandProcessor b = pipeline.start("crash-b");
            Pipeline.awaitReady(a, b);
            List<Command> sent = workload(30, 10);
            List<Command> early = sent.subList(0, sent.size() / 2);
            List<Command> late = sent.subList(sent.size() / 2, sent.size());
            List<Integer> ownedByA = a.status().partitions().stream().map(ProcessorStatus.PartitionStatus::partition).toList();
            early.forEach(pipeline::sendAsync);
            pipeline.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.registries.get(a)
                    .get("abacus.processor.transactions").tag("result", "committed").counter().count() >= 1);
            late.forEach(pipeline::sendAsync);
            a.closeAbruptly();
            pipeline.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> b.status().partitions().size() == 4);
            pipeline.awaitAllDecided();

            assertDecidedExactlyOnce(pipeline, sent);
            assertThat(b.status().partitions())
                    .filteredOn(p -> ownedByA.contains(p.partition()))
                    .extracting(ProcessorStatus.PartitionStatus::eventsReplayed)
                    .anyMatch(replayed -> replayed > 0);
        }
    }

    @Test
    void aBacklogIsDecidedInTransactionsThatSpanPollsAndCommitOnceCaughtUp() {
        int maxPollRecords = 100;
        List<Command> sent = workload(300, 9);
        int fullPolls = sent.size() / maxPollRecords;
        double spanning = committedTransactionsForBacklog("span", sent, maxPollRecords, Duration.ofSeconds(15));
        double perPoll = committedTransactionsForBacklog("per-poll", sent, maxPollRecords, Duration.ZERO);
        assertThat(perPoll).isGreaterThanOrEqualTo(fullPolls);
        assertThat(spanning).isLessThanOrEqualTo(fullPolls / 3.0);
    }

    /** Decides a backlog written before the processor starts; answers how many transactions it committed. */
    private static double committedTransactionsForBacklog(String name, List<Command> sent, int maxPollRecords,
            Duration commitInterval) {
        try (Pipeline pipeline = Pipeline.create(kafka, "backlog-" + name, 1)) {
            sent.forEach(pipeline::sendAsync);
            pipeline.flush();
            CommandProcessor processor = pipeline.start("backlog-" + name + "-1",
                    config -> config.withMaxPollRecords(maxPollRecords).withCommitInterval(commitInterval));
            pipeline.awaitAllDecided();
            assertDecidedExactlyOnce(pipeline, sent);
            return pipeline.registries.get(processor).get("abacus.processor.transactions").tag("result", "committed")
                    .counter().count();
        }
    }

    @Test
    void commandsThatFollowACommitCloselyLingerIntoOneTransaction() {
        try (Pipeline pipeline = Pipeline.create(kafka, "linger", 1)) {
            CommandProcessor processor = pipeline.start("linger-1", config -> config
                    .withCommitInterval(Duration.ofSeconds(10)).withCommitLinger(Duration.ofSeconds(5)));
            Pipeline.awaitReady(processor);
            CreateValue first = create(UUID.randomUUID(), 1);
            pipeline.send(first);
            pipeline.awaitAllDecided();
            List<Command> following = List.of(create(UUID.randomUUID(), 2), create(UUID.randomUUID(), 3),
                    create(UUID.randomUUID(), 4));
            following.forEach(pipeline::send);
            pipeline.awaitAllDecided();

            List<Command> sent = new ArrayList<>(List.of(first));
            sent.addAll(following);
            assertDecidedExactlyOnce(pipeline, sent);
            // the first after a quiet start commits alone; the rest open within the linger of that commit, so they
            // wait for it in one transaction instead of committing each fetch
            assertThat(pipeline.registries.get(processor).get("abacus.processor.transactions")
                    .tag("result", "committed").counter().count()).isEqualTo(2);
        }
    }

    @Test
    void refusesToDecideUntilCommandsAndEventsAreCoPartitioned() throws Exception {
        try (Pipeline pipeline = Pipeline.create(kafka, "skew", 2, 3)) {
            CommandProcessor processor = pipeline.start("skew-1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ProcessorStatus status = processor.status();
                assertThat(status.alive()).isTrue();
                assertThat(status.ready()).isFalse();
                assertThat(status.problem()).contains("co-partitioned");
            });
            // its home once commands has 3 partitions is the new one: forwarded there, it waits for an owner
            UUID valueId = UUID.randomUUID();
            while (HomePartition.of(valueId, 3) != 2) {
                valueId = UUID.randomUUID();
            }
            CreateValue create = create(valueId, 1);
            pipeline.send(create);
            assertThat(processor.status().partitions()).noneMatch(p -> p.phase() == ProcessorStatus.Phase.READY);

            try (var admin = kafka.admin()) {
                admin.createPartitions(Map.of(pipeline.commands, NewPartitions.increaseTo(3))).all().get(30, TimeUnit.SECONDS);
            }
            Pipeline.awaitReady(processor);
            pipeline.awaitAllDecided();
            assertThat(pipeline.outcomesByCommand().get(create.id())).singleElement().isInstanceOf(Outcome.Accepted.class);
        }
    }

    /** {@code values} values, each created then updated {@code updates} times. */
    static List<Command> workload(int values, int updates) {
        List<Command> commands = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < values; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            commands.add(create(id, i));
        }
        for (int round = 0; round < updates; round++) {
            for (UUID id : ids) {
                commands.add(update(id, round % 2 == 0 ? Operation.ADD : Operation.MULTIPLY, 2));
            }
        }
        return commands;
    }

    static void assertDecidedExactlyOnce(Pipeline pipeline, List<Command> sent) {
        Map<UUID, List<Outcome>> outcomes = pipeline.outcomesByCommand();
        assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(Command::id).toList());
        assertThat(outcomes.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        assertThat(outcomes.values()).allSatisfy(list -> assertThat(list.get(0)).isInstanceOf(Outcome.Accepted.class));

        List<Event> events = pipeline.events();
        Map<UUID, Long> eventsPerCommand = events.stream()
                .collect(Collectors.groupingBy(Event::parentId, Collectors.counting()));
        assertThat(eventsPerCommand).hasSize(sent.size()).allSatisfy((command, count) -> assertThat(count).isEqualTo(1));
        Map<UUID, List<Event>> byValue = events.stream().collect(Collectors.groupingBy(Event::valueId));
        byValue.values().forEach(list -> {
            List<Long> versions = list.stream().map(Event::version).toList();
            assertThat(versions).isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(versions.get(versions.size() - 1)).isEqualTo(versions.size());
        });
    }

    private static void assertAccepted(List<Outcome> outcomes, double value, long version) {
        assertThat(outcomes).isNotNull();
        Outcome outcome = outcomes.get(0);
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        Outcome.Accepted accepted = (Outcome.Accepted) outcome;
        assertThat(accepted.value()).isEqualTo(value);
        assertThat(accepted.version()).isEqualTo(version);
        assertThat(accepted.duplicate()).isFalse();
        assertThat(accepted.eventId()).isEqualTo(ValueDecider.eventIdFor(accepted.commandId()));
    }

    private static void assertRejected(List<Outcome> outcomes, RejectionReason reason) {
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    static CreateValue create(UUID valueId, double value) {
        return new CreateValue(UUID.randomUUID(), valueId, value, Instant.now());
    }

    static UpdateValue update(UUID valueId, Operation operation, double operand) {
        return new UpdateValue(UUID.randomUUID(), valueId, operation, operand, Instant.now());
    }
}
