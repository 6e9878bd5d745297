package dev.abacus.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checked list of metrics the chart's dashboard and alerts may use: {@code exported-metrics.txt}. */
final class ExportedMetrics {

    static final Path LIST = Charts.MODULE_DIR.resolve("src/test/resources/exported-metrics.txt");

    /** Labels every scraped series may carry besides its own: Prometheus' and the chart's PodMonitor's. */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "container", "endpoint", "job", "instance",
            "service", "pipeline", "component", "view_generation");

    /** One entry; {@code labels} maps each label to its known values, empty when any value may occur. */
    record Metric(Set<String> components, String name, Map<String, Set<String>> labels) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ExportedMetrics() {
    }

    static Map<String, Metric> load() {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(LIST)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                Map<String, Set<String>> labels = new LinkedHashMap<>();
                for (int i = 2; i < fields.length; i++) {
                    String[] label = fields[i].split("=", 2);
                    labels.put(label[0], label.length == 1 ? Set.of() : new LinkedHashSet<>(Arrays.asList(label[1].split("\\|"))));
                }
                metrics.put(fields[1], new Metric(Set.of(fields[0].split(",")), fields[1], labels));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metrics;
    }

    /** Metric name → label → values seen, from Prometheus text exposition. */
    static Map<String, Map<String, Set<String>>> scraped(String exposition) {
        Map<String, Map<String, Set<String>>> series = new LinkedHashMap<>();
        exposition.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                return;
            }
            Map<String, Set<String>> labels = series.computeIfAbsent(sample.group(1), name -> new LinkedHashMap<>());
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.computeIfAbsent(label.group(1), name -> new LinkedHashSet<>()).add(label.group(2));
                }
            }
        });
        return series;
    }

    /** What {@code scraped} lacks of the entries of {@code component}: missing metrics, labels and values. */
    static List<String> missingFrom(Map<String, Map<String, Set<String>>> scraped, String component) {
        List<String> missing = new ArrayList<>();
        for (Metric metric : load().values()) {
            if (!metric.components().contains(component)) {
                continue;
            }
            Map<String, Set<String>> labels = scraped.get(metric.name());
            if (labels == null) {
                missing.add(metric.name());
                continue;
            }
            metric.labels().forEach((label, values) -> {
                if (!labels.containsKey(label)) {
                    missing.add(metric.name() + " label " + label);
                } else if (!labels.get(label).containsAll(values)) {
                    Set<String> absent = new LinkedHashSet<>(values);
                    absent.removeAll(labels.get(label));
                    missing.add(metric.name() + " " + label + " values " + absent);
                }
            });
        }
        return missing;
    }
}
