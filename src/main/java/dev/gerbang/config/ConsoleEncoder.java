package dev.gerbang.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * Log lines for people or for machines: a short readable line when standard output is a terminal (the first
 * `java -jar` of a newcomer), JSON lines (logstash) otherwise, so production stays machine-parsable.
 * GERBANG_LOG_FORMAT=json|text|auto overrides the guess; it is read from the environment, since the log starts
 * before any setting is read. In text, a request line keeps its fields (duration, request id, user id) as key=value.
 */
public final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private LogstashEncoder json;

  /** "json" or "text", from the variable (json|text|auto) and whether a terminal is attached; null if invalid. */
  static String choose(String variable, boolean terminal) {
    String wanted = variable == null || variable.isBlank() ? "auto" : variable.strip().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "json", "text" -> wanted;
      case "auto" -> terminal ? "text" : "json";
      default -> null;
    };
  }

  @Override
  public void start() {
    String variable = System.getenv("GERBANG_LOG_FORMAT");
    String format = choose(variable, System.console() != null);
    if (format == null) {
      System.err.println("gerbang: GERBANG_LOG_FORMAT must be json, text or auto, not '" + variable + "': using json");
      format = "json";
    }
    if (format.equals("json")) {
      json = new LogstashEncoder();
      json.setContext(getContext());
      json.setIncludeCallerData(false);
      json.getFieldNames().setLevelValue("[ignore]");
      json.getFieldNames().setVersion("[ignore]");
      json.start();
    }
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return json == null ? null : json.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return json != null ? json.encode(event) : text(event).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return json == null ? null : json.footerBytes();
  }

  /** 12:00:01.234 INFO  AccessLog  GET /api/me 200 durationMs=1.2 requestId=... */
  static String text(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160)
        .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
        .append(String.format("%-5s", event.getLevel())).append(' ')
        .append(shortName(event.getLoggerName())).append("  ")
        .append(event.getFormattedMessage());
    Object[] arguments = event.getArgumentArray();
    if (arguments != null) {
      int placeholders = count(event.getMessage());
      for (int i = placeholders; i < arguments.length; i++) {
        if (arguments[i] instanceof StructuredArgument field) {
          line.append(' ').append(field);
        }
      }
    }
    line.append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return line.toString();
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }

  private static int count(String pattern) {
    int n = 0;
    for (int i = pattern == null ? -1 : pattern.indexOf("{}"); i >= 0; i = pattern.indexOf("{}", i + 2)) {
      n++;
    }
    return n;
  }

  @Override
  public void stop() {
    if (json != null) {
      json.stop();
    }
    super.stop();
  }
}
