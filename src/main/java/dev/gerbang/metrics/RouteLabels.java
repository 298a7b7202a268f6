package dev.gerbang.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Bounded labels for the HTTP server meters ({@link HttpMeters}). Vert.x web reports every route a request
 * matched ("/api/*", then "/articles/:id"): we keep the template of the route that answered ("/api/articles/:id"),
 * never the raw path, so an id cannot become a label. A request no route matched is "unmatched" (a flood of random
 * paths adds one series, not one each), the SPA's static files are "static". Unknown templates cannot appear:
 * each is a route we wrote.
 */
final class RouteLabels {
  static final String HTTP_SERVER = "vertx.http.server.";
  static final String RESPONSE_TIME = HTTP_SERVER + "response.time";
  /** The API sub-router's mount: Vert.x names it by its path without the wildcard. */
  private static final Set<String> API_MOUNT = Set.of("/api/", "/api/*");

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

  /** The template of the routes a request passed, each once, in the order they first matched (null: none). */
  static String template(List<String> routes) {
    if (routes == null || routes.isEmpty()) {
      return "unmatched";
    }
    String last = routes.get(routes.size() - 1);
    if (last.startsWith("^")) {
      // The regular expression of the static files and the SPA's fallback page.
      return "static";
    }
    if (API_MOUNT.contains(last)) {
      // Inside /api, but no API route matched: a 404 or 405.
      return "unmatched";
    }
    for (String route : routes) {
      if (API_MOUNT.contains(route)) {
        return "/api" + last;
      }
    }
    return last;
  }
}
