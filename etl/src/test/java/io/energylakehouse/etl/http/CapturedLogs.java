package io.energylakehouse.etl.http;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every message the lakehouse logs while open, at every level (debug included), as formatted: for tests that a secret
 * never reaches a log line. The tests' logging is log4j 2 (Spark's binding of SLF4J), so this attaches a log4j
 * appender to the {@code io.energylakehouse} logger and lowers its level until closed.
 */
public final class CapturedLogs
        implements AutoCloseable
{
    private static final String LOGGER = "io.energylakehouse";

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender = new Appender("captured-" + UUID.randomUUID());
    private final LoggerConfig loggerConfig;
    private final boolean added;
    private final Level previousLevel;

    public CapturedLogs()
    {
        Configuration configuration = context.getConfiguration();
        LoggerConfig existing = configuration.getLoggerConfig(LOGGER);
        if (existing.getName().equals(LOGGER)) {
            loggerConfig = existing;
            added = false;
        }
        else {
            loggerConfig = new LoggerConfig(LOGGER, Level.ALL, true);
            configuration.addLogger(LOGGER, loggerConfig);
            added = true;
        }
        previousLevel = loggerConfig.getLevel();
        appender.start();
        loggerConfig.addAppender(appender, Level.ALL, null);
        loggerConfig.setLevel(Level.ALL);
        context.updateLoggers();
    }

    /** The messages so far, oldest first, as {@code LEVEL logger: message}. */
    public List<String> lines()
    {
        return appender.lines();
    }

    public String text()
    {
        return String.join("\n", lines());
    }

    @Override
    public void close()
    {
        loggerConfig.removeAppender(appender.getName());
        loggerConfig.setLevel(previousLevel);
        if (added) {
            context.getConfiguration().removeLogger(LOGGER);
        }
        context.updateLoggers();
        appender.stop();
    }

    private static final class Appender
            extends AbstractAppender
    {
        private final List<String> lines = new ArrayList<>();

        Appender(String name)
        {
            super(name, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public synchronized void append(LogEvent event)
        {
            String message = event.getMessage().getFormattedMessage();
            if (event.getThrown() != null) {
                message += " " + event.getThrown();
            }
            lines.add(event.getLevel() + " " + event.getLoggerName() + ": " + message);
        }

        synchronized List<String> lines()
        {
            return List.copyOf(lines);
        }
    }
}
