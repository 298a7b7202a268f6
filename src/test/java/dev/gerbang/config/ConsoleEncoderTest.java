package dev.gerbang.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.argument.StructuredArguments;
import org.junit.jupiter.api.Test;

/** Readable lines on a terminal, JSON lines otherwise, and GERBANG_LOG_FORMAT to choose. */
class ConsoleEncoderTest {
  private final LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("dev.gerbang.http.AccessLog");

  @Test
  void aTerminalGetsTextAPipeGetsJsonAndTheVariableWins() {
    assertThat(ConsoleEncoder.choose(null, true)).isEqualTo("text");
    assertThat(ConsoleEncoder.choose(null, false)).isEqualTo("json");
    assertThat(ConsoleEncoder.choose("auto", true)).isEqualTo("text");
    assertThat(ConsoleEncoder.choose("json", true)).isEqualTo("json");
    assertThat(ConsoleEncoder.choose(" TEXT ", false)).isEqualTo("text");
    assertThat(ConsoleEncoder.choose("xml", false)).isNull();
  }

  @Test
  void aTextRequestLineKeepsItsFieldsAsKeyValues() {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "{} {} {}", null,
        new Object[] {"GET", "/api/me", 200, StructuredArguments.keyValue("durationMs", 1.5),
            StructuredArguments.keyValue("requestId", "req-1")});
    String line = ConsoleEncoder.text(event);
    assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  AccessLog  GET /api/me 200 durationMs=1.5 requestId=req-1\\R");
  }

  @Test
  void jsonLinesCarryTheFieldsAndAreOneObjectPerLine() {
    ConsoleEncoder encoder = new ConsoleEncoder();
    encoder.setContext(context);
    encoder.start();
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "{} {} {}", null,
        new Object[] {"GET", "/api/me", 200, StructuredArguments.keyValue("requestId", "req-2")});
    String out = new String(encoder.encode(event), StandardCharsets.UTF_8);
    // The test JVM's standard output is not a terminal (nor is GERBANG_LOG_FORMAT set): JSON.
    JsonObject json = new JsonObject(out.strip());
    assertThat(json.getString("message")).isEqualTo("GET /api/me 200");
    assertThat(json.getString("requestId")).isEqualTo("req-2");
    assertThat(json.containsKey("level_value")).isFalse();
  }
}
