package dev.gerbang.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The last hour of this node's public HTTP traffic, a minute at a time: requests, 5xx answers and the 95th
 * percentile of the response time, taken from Vert.x's response-time histogram (the management listener's
 * scrapes left out). 60 snapshots of a few numbers each: the admin overview draws them without a Prometheus.
 */
final class RequestWindow {
  static final String MANAGEMENT_ROUTE = "/metrics";
  private static final int MINUTES = 60;

  private final MeterRegistry registry;
  private final Deque<JsonObject> minutes = new ArrayDeque<>();
  private Totals last;
  private long lastAt;

  RequestWindow(MeterRegistry registry, long now) {
    this.registry = registry;
    this.last = totals();
    this.lastAt = now;
  }

  /** Closes the minute that ends now (called once a minute). */
  synchronized void tick(long now) {
    Totals current = totals();
    minutes.addLast(minute(lastAt, current, last));
    while (minutes.size() > MINUTES) {
      minutes.removeFirst();
    }
    last = current;
    lastAt = now;
  }

  /** The closed minutes, then the one running: {at, requests, errors5xx, p95Ms}, oldest first. */
  synchronized JsonArray lastHour() {
    JsonArray list = new JsonArray();
    minutes.forEach(list::add);
    list.add(minute(lastAt, totals(), last));
    return list;
  }

  private static JsonObject minute(long at, Totals now, Totals before) {
    long requests = now.count - before.count;
    return new JsonObject().put("at", Instant.ofEpochMilli(at).toString()).put("requests", requests)
        .put("errors5xx", now.errors - before.errors).put("p95Ms", p95(now, before, requests));
  }

  /** The upper bound of the histogram bucket the 95th percentile of this minute's requests fell in; null if none. */
  private static Double p95(Totals now, Totals before, long requests) {
    if (requests <= 0) {
      return null;
    }
    double wanted = 0.95 * requests;
    for (var bucket : now.buckets.entrySet()) {
      double below = bucket.getValue() - before.buckets.getOrDefault(bucket.getKey(), 0.0);
      if (below >= wanted) {
        return bucket.getKey();
      }
    }
    return null;
  }

  private Totals totals() {
    Totals totals = new Totals();
    for (Timer timer : registry.find(RouteLabels.RESPONSE_TIME).timers()) {
      if (MANAGEMENT_ROUTE.equals(timer.getId().getTag("route"))) {
        continue;
      }
      HistogramSnapshot snapshot = timer.takeSnapshot();
      totals.count += snapshot.count();
      if ("5xx".equals(timer.getId().getTag("status"))) {
        totals.errors += snapshot.count();
      }
      for (CountAtBucket bucket : snapshot.histogramCounts()) {
        totals.buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
      }
    }
    return totals;
  }

  /** Counts since start: requests, 5xx, and requests at or under each bucket's bound (ms). */
  private static final class Totals {
    long count;
    long errors;
    final TreeMap<Double, Double> buckets = new TreeMap<>();
  }
}
