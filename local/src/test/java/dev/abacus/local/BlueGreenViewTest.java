package dev.abacus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-plane half of a blue-green rebuild: a green view copy replays the same live log that
 * a blue copy serves while commands keep flowing. Clients never see an error or a value going
 * back in time within one generation, and green reports ready only once it has reached the log
 * end it saw at start. (Traffic switching itself is the operator's; see its tests.)
 */
class BlueGreenViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VALUES = 40;
    private static final int UPDATES = 1500;
    /** Successful reads the green poller makes at least, even if the writer finishes before it got going. */
    private static final int GREEN_READS = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    // guards the whole run, as the joins below have no bound of their own; its awaits add up to 5 min
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void greenReplaysTheLiveLogAndTurnsReadyOnlyAfterReachingItsEnd(@TempDir Path dataDir) throws Exception {
        try (LocalAbacus blue = LocalAbacus.start(new LocalOptions(dataDir, LocalOptions.LOOPBACK, 0, 0, 3))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> send(blue.port(), "GET", "/health/readiness", null, null).statusCode() == 200);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < VALUES; i++) {
                JsonNode created = JSON.readTree(send(blue.port(), "POST", "/values", "{\"value\": " + i + "}", "wait=30").body());
                ids.add(created.get("value_id").asText());
            }
            // the poller counts every non-200 as an error: start it only once blue's view has applied all creates
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (String id : ids) {
                    if (send(blue.port(), "GET", "/values/" + id, null, null).statusCode() != 200) {
                        return false;
                    }
                }
                return true;
            });

            Observations observations = new Observations();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread writer = start("bg-writer", () -> {
                Random random = new Random(7);
                while (sent.get() < UPDATES) {
                    String id = ids.get(random.nextInt(ids.size()));
                    try {
                        int status = send(blue.port(), "PUT", "/values/" + id, "{\"operation\": \"ADD\", \"value\": 1}", null).statusCode();
                        if (status == 202) {
                            sent.incrementAndGet();
                        } else {
                            observations.errors.add("writer got " + status);
                        }
                    } catch (Exception e) {
                        observations.errors.add("writer: " + e);
                    }
                }
                writing.set(false);
            });
            Thread bluePoller = poller("blue", blue.port(), ids, writing::get, new AtomicInteger(), observations);
            await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() > UPDATES / 4);

            Map<Integer, Long> endAtGreenStart = committedEndOffsets(blue.bootstrapServers());
            try (ApplicationContext green = startGreenView(blue.bootstrapServers())) {
                int greenPort = green.getBean(EmbeddedServer.class).getPort();
                JsonNode statusAtReady = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> JSON.readTree(send(greenPort, "GET", "/view/status", null, null).body()),
                                status -> status.get("ready").asBoolean());
                for (JsonNode partition : statusAtReady.get("partitions")) {
                    assertThat(partition.get("position").asLong())
                            .as("green's position on partition %s in the status that first said ready", partition.get("partition"))
                            .isGreaterThanOrEqualTo(endAtGreenStart.get(partition.get("partition").asInt()));
                }
                assertThat(send(greenPort, "GET", "/health/readiness", null, null).statusCode()).isEqualTo(200);

                // green reads while the writer writes, and at least GREEN_READS times even if the writer is
                // already done; it stops early only on an error, which fails the test below anyway
                AtomicInteger greenReads = new AtomicInteger();
                Thread greenPoller = poller("green", greenPort, ids,
                        () -> writing.get() || (greenReads.get() < GREEN_READS && observations.errors.isEmpty()),
                        greenReads, observations);
                writer.join();
                bluePoller.join();
                greenPoller.join();

                assertThat(writing.get()).as("writer finished").isFalse();
                assertThat(observations.errors).isEmpty();
                assertThat(observations.regressions).isEmpty();
                assertThat(observations.reads.get()).isGreaterThan(100);
                assertThat(observations.generations.keySet()).containsExactlyInAnyOrder("local", "green");

                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (String id : ids) {
                        if (!read(blue.port(), id).equals(read(greenPort, id))) {
                            return false;
                        }
                    }
                    return true;
                });
                double total = 0;
                for (String id : ids) {
                    total += JSON.readTree(send(greenPort, "GET", "/values/" + id, null, null).body()).get("value").asDouble();
                }
                double expected = VALUES * (VALUES - 1) / 2.0 + UPDATES;
                assertThat(total).as("sum of all values after %d creates and %d ADD 1", VALUES, UPDATES).isEqualTo(expected);
            }
        }
    }

    /** A green copy: the view alone (processor off), its own generation, its own port. */
    private static ApplicationContext startGreenView(String bootstrapServers) {
        ApplicationContext context = ApplicationContext.builder()
                .environments("view")
                .properties(Map.of(
                        "micronaut.server.port", -1,
                        "abacus.kafka.bootstrap-servers", bootstrapServers,
                        "abacus.processor.enabled", false,
                        "abacus.view.generation", "green"))
                .properties(LocalAbacus.LocalTopics.PROPERTIES)
                .start();
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private Thread poller(String name, int port, List<String> ids, BooleanSupplier keepPolling, AtomicInteger reads,
            Observations observations) {
        return start("bg-poll-" + name, () -> {
            Random random = new Random(name.hashCode());
            while (keepPolling.getAsBoolean()) {
                String id = ids.get(random.nextInt(ids.size()));
                try {
                    HttpResponse<String> response = send(port, "GET", "/values/" + id, null, null);
                    String generation = response.headers().firstValue("X-View-Generation").orElse("?");
                    if (response.statusCode() != 200) {
                        observations.errors.add(name + " GET " + id + " -> " + response.statusCode());
                        continue;
                    }
                    observations.reads.incrementAndGet();
                    reads.incrementAndGet();
                    observations.generations.merge(generation, 1, Integer::sum);
                    long version = JSON.readTree(response.body()).get("version").asLong();
                    Long before = observations.highest.put(generation + "/" + id, version);
                    if (before != null && before > version) {
                        observations.highest.merge(generation + "/" + id, before, Math::max);
                        observations.regressions.add(generation + " " + id + " went from v" + before + " to v" + version);
                    }
                } catch (Exception e) {
                    observations.errors.add(name + ": " + e);
                }
            }
        });
    }

    private static Map<Integer, Long> committedEndOffsets(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            String events = LocalAbacus.LocalTopics.EVENTS;
            int partitions = admin.describeTopics(List.of(events)).allTopicNames().get().get(events).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(events, p), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private String read(int port, String id) throws Exception {
        JsonNode node = JSON.readTree(send(port, "GET", "/values/" + id, null, null).body());
        return node.get("value").asText() + "@" + node.get("version").asText();
    }

    private HttpResponse<String> send(int port, String method, String path, String body, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class Observations {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> regressions = new CopyOnWriteArrayList<>();
        final Map<String, Long> highest = new ConcurrentHashMap<>();
        final Map<String, Integer> generations = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
    }
}
