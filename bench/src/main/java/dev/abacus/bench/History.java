package dev.abacus.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runs kept so far, one JSON object per line (JSON Lines): each run appends its whole result with
 * the commit it measured, so a regression shows as a ratio that fell between two lines.
 */
final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    History(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The repository's {@code bench/history/runs.jsonl} when the jar runs from {@code bench/target}. */
    static Path defaultFile(Path jarDir) {
        Path bench = jarDir.getParent();
        if (bench != null && Files.isDirectory(bench.resolve("src")) && Files.exists(bench.resolve("pom.xml"))) {
            return bench.resolve("history").resolve("runs.jsonl");
        }
        return jarDir.resolve("abacus-bench-history.jsonl");
    }

    List<Map<String, Object>> runs() throws IOException {
        List<Map<String, Object>> runs = new ArrayList<>();
        if (!Files.exists(file)) {
            return runs;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                runs.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
            }
        }
        return runs;
    }

    void append(Map<String, Object> run) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The latest earlier run in the same mode that measured {@code figure}, or null. */
    static Map<String, Object> previousRow(List<Map<String, Object>> runs, String mode, String key) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            Map<String, Object> run = runs.get(i);
            if (!mode.equals(run.get("mode"))) {
                continue;
            }
            for (Map<String, Object> row : rows(run)) {
                if (key.equals(key(row))) {
                    Map<String, Object> found = new LinkedHashMap<>(row);
                    found.put("_commit", run.get("commit"));
                    found.put("_started", run.get("started"));
                    return found;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> run) {
        Object table = run.get("table");
        return table instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    static String key(Map<String, Object> row) {
        return row.get("figure") + " | " + row.get("ceiling");
    }

    /** Prints, per figure, the ratio (or value) of the last {@code count} runs, oldest first. */
    void printCompare(int count) throws IOException {
        List<Map<String, Object>> runs = runs();
        List<Map<String, Object>> last = runs.subList(Math.max(0, runs.size() - count), runs.size());
        System.out.printf("last %d of %d runs in %s%n", last.size(), runs.size(), file);
        for (int i = 0; i < last.size(); i++) {
            Map<String, Object> run = last.get(i);
            System.out.printf(Locale.ROOT, "  #%d %s %s %s, load %s -> %s%n", i + 1, run.get("started"), run.get("commit"),
                    run.get("mode"), loadOf(run, "load_average_1m_before"), loadOf(run, "load_average_1m_after"));
        }
        Map<String, List<String>> byFigure = new LinkedHashMap<>();
        for (int i = 0; i < last.size(); i++) {
            for (Map<String, Object> row : rows(last.get(i))) {
                List<String> cells = byFigure.computeIfAbsent(key(row), k -> new ArrayList<>());
                while (cells.size() < i) {
                    cells.add("-");
                }
                cells.add(cell(row));
            }
        }
        byFigure.forEach((figure, cells) -> {
            while (cells.size() < last.size()) {
                cells.add("-");
            }
            System.out.printf("%s%n    %s%n", figure, String.join("  ", cells));
        });
    }

    private static String cell(Map<String, Object> row) {
        Object ratio = row.get("ratio");
        String shown = ratio instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : String.valueOf(row.get("value"));
        Object verdict = row.get("verdict");
        return shown + (verdict == null ? "" : " (" + (String.valueOf(verdict).startsWith("disturbed") ? "disturbed" : verdict) + ")");
    }

    @SuppressWarnings("unchecked")
    private static Object loadOf(Map<String, Object> run, String field) {
        Object hygiene = run.get("hygiene");
        return hygiene instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(field) : "?";
    }

    /** The commit the jar's sources are at, with "+dirty" when tracked files differ from it; "unknown" outside git. */
    static Map<String, Object> commit(Path dir) {
        Map<String, Object> commit = new LinkedHashMap<>();
        String head = git(dir, "rev-parse", "HEAD");
        commit.put("commit", head == null ? "unknown" : head);
        String status = head == null ? null : git(dir, "status", "--porcelain", "--untracked-files=no");
        commit.put("dirty", status != null && !status.isBlank());
        return commit;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
