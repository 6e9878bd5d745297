package dev.abacus.commander;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged while it is open, so a test can check that bad input leaves no stack trace. */
final class LogCapture implements AutoCloseable {

    private static final List<String> HTTP_SIDE = List.of("io.micronaut", "io.netty", "dev.abacus");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** What the HTTP side (Micronaut, Netty, Abacus) logged at WARN or above or with a throwable, one line each. */
    List<String> loudHttpLines() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .filter(e -> HTTP_SIDE.stream().anyMatch(e.getLoggerName()::startsWith))
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) || e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                    .toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
