package dev.gerbang.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The product's counters exist at 0 from the start, before their first count: a series that first appears at 1 reads
 * to Prometheus' increase() and rate() as if it had always been 1, so the first lock, the first failed webhook or the
 * first dead mail would be missed by the alerts and panels that read them.
 */
class SeriesAtStartTest {
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyFeaturesCountersAreThereAtZeroBeforeAnythingHappened() {
    server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("refreshSeconds", 1)));
    List<Scrape.Sample> all = Scrape.of(server).all();

    List<Map.Entry<String, Map<String, String>>> expected = List.of(
        Map.entry("gerbang_signins_total", Map.of("method", "password", "outcome", "locked")),
        Map.entry("gerbang_signins_total", Map.of("method", "password", "outcome", "wrong_credentials")),
        Map.entry("gerbang_signins_total", Map.of("method", "second_step", "outcome", "locked")),
        Map.entry("gerbang_signins_total", Map.of("method", "passkey", "outcome", "ok")),
        Map.entry("gerbang_signins_total", Map.of("method", "social", "outcome", "mfa_pending")),
        Map.entry("gerbang_registrations_total", Map.of("method", "social")),
        Map.entry("gerbang_refresh_reuse_total", Map.of()),
        Map.entry("gerbang_ratelimit_rejections_total", Map.of("route_class", "auth")),
        Map.entry("gerbang_deliveries_total", Map.of("channel", "email", "outcome", "dead")),
        Map.entry("gerbang_deliveries_total", Map.of("channel", "fcm", "outcome", "retry")),
        Map.entry("gerbang_webhook_deliveries_total", Map.of("outcome", "failed")),
        Map.entry("gerbang_payment_events_total", Map.of("provider", "stripe", "verdict", "mismatch")),
        Map.entry("gerbang_payment_events_total", Map.of("provider", "midtrans", "verdict", "other")),
        Map.entry("gerbang_medical_record_reads_total", Map.of("reader", "doctor")));
    for (Map.Entry<String, Map<String, String>> series : expected) {
      assertThat(all).as(series.toString()).anySatisfy(sample -> {
        assertThat(sample.family()).isEqualTo(series.getKey());
        assertThat(sample.labels()).containsAllEntriesOf(series.getValue());
      });
      String[] labels = series.getValue().entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
          .toArray(String[]::new);
      assertThat(Scrape.of(server).value(series.getKey(), labels)).as(series.toString()).isZero();
    }
  }
}
