package dev.gerbang.metrics;

import dev.gerbang.TestServer;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_31_1.Metrics.MetricFamily;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of the management listener, asked for in Prometheus' protobuf exposition format and parsed with the
 * Prometheus client's own generated classes (no string matching): each family's samples with their labels.
 */
final class Scrape {
  static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

  record Sample(String family, Map<String, String> labels, double value) {
  }

  private final Map<String, MetricFamily> families;

  private Scrape(Map<String, MetricFamily> families) {
    this.families = families;
  }

  static Scrape of(TestServer server) {
    int port = server.gerbang().feature(MetricsFeature.class).managementPort();
    HttpResponse<Buffer> response = TestServer.await(WebClient.create(server.clientVertx())
        .get(port, "127.0.0.1", "/metrics").putHeader("Accept", PROTOBUF).send());
    if (response.statusCode() != 200) {
      throw new AssertionError("scrape: " + response.statusCode());
    }
    return parse(response.body().getBytes());
  }

  static Scrape parse(byte[] body) {
    Map<String, MetricFamily> families = new LinkedHashMap<>();
    try (InputStream in = new ByteArrayInputStream(body)) {
      MetricFamily family;
      while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
        families.put(family.getName(), family);
      }
    } catch (IOException e) {
      throw new AssertionError("not the protobuf exposition format", e);
    }
    return new Scrape(families);
  }

  boolean has(String family) {
    return families.containsKey(family);
  }

  /** The counter's or gauge's value for exactly these labels (key, value pairs; others may be present): 0 if none. */
  double value(String family, String... labels) {
    return samples(family).stream().filter(sample -> matches(sample.labels(), labels)).mapToDouble(Sample::value).sum();
  }

  /** A timer's or histogram's sample count for these labels: 0 if none. */
  long count(String family, String... labels) {
    MetricFamily found = families.get(family);
    if (found == null) {
      return 0;
    }
    long count = 0;
    for (Metric metric : found.getMetricList()) {
      if (matches(labels(metric), labels)) {
        count += metric.hasHistogram() ? metric.getHistogram().getSampleCount() : metric.getSummary().getSampleCount();
      }
    }
    return count;
  }

  /** Whether this histogram family has buckets (a latency histogram, not a bare sum and count). */
  boolean hasBuckets(String family) {
    MetricFamily found = families.get(family);
    return found != null && found.getMetricList().stream().anyMatch(m -> m.hasHistogram() && m.getHistogram().getBucketCount() > 0);
  }

  List<Sample> samples(String family) {
    MetricFamily found = families.get(family);
    List<Sample> samples = new ArrayList<>();
    if (found != null) {
      for (Metric metric : found.getMetricList()) {
        double value = metric.hasCounter() ? metric.getCounter().getValue()
            : metric.hasGauge() ? metric.getGauge().getValue() : metric.getUntyped().getValue();
        samples.add(new Sample(family, labels(metric), value));
      }
    }
    return samples;
  }

  /** Every sample of every family, labels included. */
  List<Sample> all() {
    List<Sample> all = new ArrayList<>();
    for (MetricFamily family : families.values()) {
      for (Metric metric : family.getMetricList()) {
        all.add(new Sample(family.getName(), labels(metric), 0));
      }
    }
    return all;
  }

  private static Map<String, String> labels(Metric metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (LabelPair pair : metric.getLabelList()) {
      labels.put(pair.getName(), pair.getValue());
    }
    return labels;
  }

  private static boolean matches(Map<String, String> actual, String... wanted) {
    for (int i = 0; i < wanted.length; i += 2) {
      if (!wanted[i + 1].equals(actual.get(wanted[i]))) {
        return false;
      }
    }
    return true;
  }
}
