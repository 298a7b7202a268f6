package dev.gerbang.tracing;

import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The OpenTelemetry SDK behind Vert.x's tracer: built from the OTEL_* variables, shut down with Vert.x. */
final class OpenTelemetryTracing {
  private static final Logger log = LoggerFactory.getLogger(OpenTelemetryTracing.class);

  /**
   * Defaults under the OTEL_* variables (and otel.* system properties), which override them: our service name; OTLP
   * over HTTP, the one protocol the JDK's HTTP sender speaks (gRPC would need OkHttp or grpc-java); traces only, since
   * Vert.x reports no OpenTelemetry metrics or logs here.
   */
  static final Map<String, String> DEFAULTS = Map.of(
      "otel.service.name", "gerbang",
      "otel.exporter.otlp.protocol", "http/protobuf",
      "otel.metrics.exporter", "none",
      "otel.logs.exporter", "none");

  private OpenTelemetryTracing() {
  }

  static VertxTracerFactory factory() {
    return options -> {
      OpenTelemetrySdk sdk = sdk();
      VertxTracer<?, ?> tracer = new OpenTelemetryTracingFactory(sdk).tracer(options);
      return new SafeTracer(tracer, () -> shutdown(sdk));
    };
  }

  private static OpenTelemetrySdk sdk() {
    try {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          // Vert.x closing shuts it down (Gerbang.stop, from the shutdown hook): not a hook of its own, nor the global.
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
      log.info("tracing is on: spans go to the OTLP endpoint the OTEL_* variables name ({}, service {})",
          setting("otel.exporter.otlp.protocol"), setting("otel.service.name"));
      return sdk;
    } catch (ConfigurationException | IllegalStateException e) {
      // IllegalStateException: an exporter whose sender is not in the jar (OTLP over gRPC).
      String why = e.getCause() == null || e.getCause().getMessage() == null ? e.getMessage()
          : e.getMessage() + ": " + e.getCause().getMessage();
      throw new ConfigException(ConfigReader.envName("tracing.enabled") + ": the OTEL_* settings of tracing are not usable: "
          + String.valueOf(why).replaceAll("[\r\n]+", " "));
    }
  }

  /** A setting as the SDK sees it, for the start-up line: system property, then variable, then our default. */
  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }
    return value == null ? DEFAULTS.get(property) : value;
  }

  /** Sends what is still buffered; a collector that does not answer holds the stop for 5 s at most. */
  private static void shutdown(OpenTelemetrySdk sdk) {
    CompletableResultCode done = sdk.shutdown().join(5, TimeUnit.SECONDS);
    if (!done.isSuccess()) {
      log.warn("tracing: the last spans could not be sent before the stop");
    }
  }
}
