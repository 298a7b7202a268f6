package dev.gerbang.tracing;

import dev.gerbang.config.AppConfig;

/**
 * Tracing (tracing.enabled, off by default). When on, everything else about it (where the spans go, the
 * sampler, the service name) is OpenTelemetry's own configuration: the standard OTEL_* variables.
 */
public record TracingSettings(boolean enabled) {

  public static TracingSettings from(AppConfig core) {
    return new TracingSettings(core.reader().bool("tracing.enabled"));
  }
}
