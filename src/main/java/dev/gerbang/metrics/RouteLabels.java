package dev.gerbang.metrics;

import dev.gerbang.http.RouteTemplate;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Bounded labels for the HTTP server meters ({@link HttpMeters}). The route label is the request's
 * {@link RouteTemplate} ("/api/articles/:id"), never the raw path, so an id cannot become a label. A request no route
 * matched is "unmatched" (a flood of random paths adds one series, not one each), the SPA's static files are
 * "static". Unknown templates cannot appear: each is a route we wrote.
 */
final class RouteLabels {
  static final String HTTP_SERVER = "vertx.http.server.";
  static final String RESPONSE_TIME = HTTP_SERVER + "response.time";

  private RouteLabels() {
  }

  /** The latency histogram (buckets from 1 ms to 10 s) on the HTTP server's response time only. */
  static MeterFilter histograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(RESPONSE_TIME)) {
          return config;
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(true)
            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
            .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
            .build().merge(config);
      }
    };
  }

  /** The route label of a request: its template, or "unmatched", or "static". */
  static String template(RouteTemplate routes) {
    if (routes.staticFiles()) {
      return "static";
    }
    return routes.unmatched() ? "unmatched" : routes.template();
  }
}
