package dev.gerbang.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bounded labels for Vert.x's HTTP server meters. Vert.x web reports every route a request matched, joined by
 * '>' ("/api/>/articles/:id"): we keep the template of the route that answered ("/api/articles/:id"), never
 * the raw path, so an id cannot become a label. A request no route matched is "unmatched" (a flood of random
 * paths adds one series, not one each), the SPA's static files are "static". The status code becomes its
 * class (2xx .. 5xx). Unknown templates cannot appear: each is a route we wrote.
 */
final class RouteLabels implements MeterFilter {
  static final String HTTP_SERVER = "vertx.http.server.";
  static final String RESPONSE_TIME = HTTP_SERVER + "response.time";
  /** The API sub-router's mount: Vert.x names it by its path without the wildcard. */
  private static final Set<String> API_MOUNT = Set.of("/api/", "/api/*");

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith(HTTP_SERVER)) {
      return id;
    }
    List<Tag> tags = new ArrayList<>();
    for (Tag tag : id.getTagsAsIterable()) {
      switch (tag.getKey()) {
        case "route" -> tags.add(Tag.of("route", template(tag.getValue())));
        case "code" -> tags.add(Tag.of("status", statusClass(tag.getValue())));
        default -> tags.add(tag);
      }
    }
    return id.replaceTags(tags);
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

  static String template(String routes) {
    if (routes == null || routes.isEmpty()) {
      return "unmatched";
    }
    Set<String> parts = new LinkedHashSet<>(List.of(routes.split(">")));
    String last = null;
    for (String part : parts) {
      last = part;
    }
    if (last.startsWith("^")) {
      // The regular expression of the static files and the SPA's fallback page.
      return "static";
    }
    if (API_MOUNT.contains(last)) {
      // Inside /api, but no API route matched: a 404 or 405.
      return "unmatched";
    }
    return parts.stream().anyMatch(API_MOUNT::contains) ? "/api" + last : last;
  }

  static String statusClass(String code) {
    return code.length() == 3 && Character.isDigit(code.charAt(0)) ? code.charAt(0) + "xx" : "other";
  }
}
