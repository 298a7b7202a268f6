package dev.gerbang;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The events one class logs while a test runs: {@code try (LogCapture log = LogCapture.of(Foo.class)) {...}}. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> source) {
    return new LogCapture(source.getName());
  }

  /** For a class the test cannot name (package-private in another package). */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** "LEVEL message" of every event so far, with the arguments filled in. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : new ArrayList<>(appender.list)) {
      lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }
    return lines;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
