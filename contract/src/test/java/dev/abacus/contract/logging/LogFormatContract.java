package dev.abacus.contract.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What every component's logback.xml promises (docs/operations.md): {@code ABACUS_LOG_FORMAT=json} writes one JSON
 * object a line, anything else text, and {@code ABACUS_LOG_LEVEL} sets the root level. Each component's test extends
 * this with the text line it writes, and runs it on its own main logback.xml.
 */
public abstract class LogFormatContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGGER = "dev.abacus.logging.sample";
    private static final URL CONFIG = LogFormatContract.class.getResource("/logback.xml");

    /** The component's text line for an INFO "value v-1 created", as a regular expression. */
    protected abstract String textLine();

    @Test
    void jsonFormatWritesEveryEventAsOneJsonObjectOnItsOwnLine() throws JsonProcessingException {
        List<String> lines = logWith(Map.of("ABACUS_LOG_FORMAT", "json"), log -> {
            log.info("value {} created", "v-1");
            log.warn("a \"quoted\"\nsecond line", new IllegalStateException("broker gone"));
        });

        assertThat(lines).hasSize(2);
        JsonNode info = JSON.readTree(lines.get(0));
        assertThat(info.path("level").asText()).isEqualTo("INFO");
        assertThat(info.path("loggerName").asText()).isEqualTo(LOGGER);
        assertThat(info.path("threadName").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(info.path("formattedMessage").asText()).isEqualTo("value v-1 created");
        assertThat(info.path("timestamp").asLong()).isPositive();
        JsonNode warning = JSON.readTree(lines.get(1));
        assertThat(warning.path("level").asText()).isEqualTo("WARN");
        assertThat(warning.path("formattedMessage").asText()).isEqualTo("a \"quoted\"\nsecond line");
        assertThat(warning.path("throwable").path("className").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(warning.path("throwable").path("message").asText()).isEqualTo("broker gone");
    }

    @Test
    void textIsTheDefaultAndWhatAnUnknownFormatGets() {
        for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("ABACUS_LOG_FORMAT", "xml"))) {
            List<String> lines = logWith(settings, log -> log.info("value {} created", "v-1"));

            assertThat(lines).as("%s", settings).singleElement().satisfies(line -> {
                assertThat(line).matches(textLine());
                assertThatThrownBy(() -> JSON.readTree(line)).isInstanceOf(JsonProcessingException.class);
            });
        }
    }

    @Test
    void logLevelSetsTheRootLevelInEitherFormat() {
        for (String format : List.of("text", "json")) {
            List<String> lines = logWith(Map.of("ABACUS_LOG_FORMAT", format, "ABACUS_LOG_LEVEL", "WARN"), log -> {
                log.info("dropped");
                log.warn("kept");
            });

            assertThat(lines).as(format).singleElement().asString().contains("kept");
        }
    }

    @Test
    void aJvmStartedWithTheEnvironmentVariablesWritesNothingButJsonLines() throws IOException, InterruptedException {
        ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + CONFIG, "-cp", System.getProperty("java.class.path"),
                Emit.class.getName()).redirectErrorStream(true);
        jvm.environment().put("ABACUS_LOG_FORMAT", "json");
        jvm.environment().put("ABACUS_LOG_LEVEL", "DEBUG");
        Process process = jvm.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        })).extracting(line -> line.path("level").asText() + " " + line.path("formattedMessage").asText())
                .containsExactly("DEBUG emitted at debug", "INFO emitted at info");
    }

    /** Logs through the JVM's own logback initialisation, as a component's main does. */
    public static final class Emit {
        public static void main(String[] args) {
            org.slf4j.Logger log = LoggerFactory.getLogger(LOGGER);
            log.debug("emitted at debug");
            log.info("emitted at info");
        }
    }

    /** Configures a fresh logback context from the real logback.xml and returns what it wrote to stdout. */
    private static List<String> logWith(Map<String, String> settings, Consumer<Logger> events) {
        assertThat(CONFIG).as("the main logback.xml").isNotNull().asString().endsWith("classes/logback.xml");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        settings.forEach(context::putProperty);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(CONFIG);
            events.accept(context.getLogger(LOGGER));
        } catch (JoranException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(stdout);
            context.stop();
        }
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("a warning makes logback print its own status lines to stdout, between the JSON lines")
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
