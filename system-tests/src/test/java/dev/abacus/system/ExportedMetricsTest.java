package dev.abacus.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The commander, processor and view entries of the chart's checked metric list
 * ({@code charts/src/test/resources/exported-metrics.txt}, what its dashboard and alerts may use) against what the
 * services really export on {@code /prometheus} after some traffic: names, labels and label values.
 */
class ExportedMetricsTest {

    private static final Path LIST = Path.of("..", "charts", "src", "test", "resources", "exported-metrics.txt");
    private static final Set<String> SERVICES = Set.of("commander", "processor", "view");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void theServicesExportEveryServiceMetricTheChartUses() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start("scraped", 2)) {
            ApplicationContext services = pipeline.startServices("scraped", true, Map.of());
            Http http = new Http(() -> Pipeline.uri(services), Duration.ofSeconds(30));
            Pipeline.awaitReady(http, Duration.ofSeconds(60));
            assertThat(http.post("/values?wait=20s", "{\"value\": 1}").status()).isEqualTo(201);
            assertThat(http.put("/values/" + UUID.randomUUID() + "?wait=20s", "{\"operation\": \"ADD\", \"value\": 1}")
                    .status()).as("rejected: no such value").isEqualTo(404);

            Map<String, Map<String, Set<String>>> scraped = scrape(http);
            for (String line : Files.readAllLines(LIST)) {
                missing.addAll(missing(line, scraped));
            }
        }

        assertThat(missing).as("in %s but not exported", LIST).isEmpty();
    }

    private static List<String> missing(String entry, Map<String, Map<String, Set<String>>> scraped) {
        if (entry.isBlank() || entry.startsWith("#")) {
            return List.of();
        }
        String[] fields = entry.trim().split("\\s+");
        if (Set.of(fields[0].split(",")).stream().noneMatch(SERVICES::contains)) {
            return List.of();
        }
        Map<String, Set<String>> labels = scraped.get(fields[1]);
        if (labels == null) {
            return List.of(fields[1]);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 2; i < fields.length; i++) {
            String[] label = fields[i].split("=", 2);
            if (!labels.containsKey(label[0])) {
                missing.add(fields[1] + " label " + label[0]);
            } else if (label.length == 2 && !labels.get(label[0]).containsAll(List.of(label[1].split("\\|")))) {
                missing.add(fields[1] + " " + fields[i] + ", exported: " + labels.get(label[0]));
            }
        }
        return missing;
    }

    private static Map<String, Map<String, Set<String>>> scrape(Http http) {
        Http.Answer answer = http.get("/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Map<String, Set<String>>> series = new LinkedHashMap<>();
        answer.response().body().lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                Map<String, Set<String>> labels = series.computeIfAbsent(sample.group(1), name -> new LinkedHashMap<>());
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.computeIfAbsent(label.group(1), name -> new LinkedHashSet<>()).add(label.group(2));
                }
            }
        });
        return series;
    }
}
