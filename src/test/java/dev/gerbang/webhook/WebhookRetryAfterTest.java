package dev.gerbang.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.webhook.Receiver.Received;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver's Retry-After, as the delivery row shows it: a 429 or 503 gets the next attempt when it asked (delay-
 * seconds or an HTTP-date), never sooner than the backoff and never later than an hour; garbage, and the header on
 * other statuses, change nothing; and an endpoint that keeps asking to wait still meets the disable rule. The
 * schedule is read from the row, not waited for. Backoff after the first attempt is 20 s here unless said otherwise.
 */
class WebhookRetryAfterTest {
  private static final long BACKOFF = 20_000;
  /** The backoff less the most its jitter takes off (a fifth). */
  private static final long LEAST_BACKOFF = 16_000;
  private static final long HOUR = 3_600_000;
  /** How long the attempt itself may take, between its claim (last_attempt_at) and the scheduling of the next. */
  private static final long SLACK = 5_000;
  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
      Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private TestServer server;
  private Receiver receiver;
  private String admin;

  private void start(long retryBaseMillis) {
    server = TestServer.start(new JsonObject().put("webhooks", new JsonObject().put("allowInsecure", true)
        .put("timeoutMillis", 500).put("retryBaseMillis", retryBaseMillis).put("pollMillis", 50)
        .put("disableAfterSeconds", 2)));
    receiver = new Receiver(server.clientVertx());
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** An endpoint on a fresh /ok/ path whose first answer is scripted, and a test event sent to it; answers the path. */
  private String firstAnswer(int status, String retryAfter) {
    String path = "/ok/" + UUID.randomUUID();
    receiver.script(path, status, retryAfter);
    HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin, new JsonObject().put("url", receiver.url(path))
        .put("eventTypes", new JsonArray().add("user.registered")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> sent = server.post("/api/admin/webhooks/" + created.bodyAsJsonObject().getString("id") + "/test",
        admin, null);
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    return path;
  }

  /** The delivery to the path once its first attempt failed and the next is scheduled. */
  private Map<String, Object> afterFirstFailure(String path) {
    String sql = "SELECT d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error,"
        + " e.failing_since FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url = ?";
    Map<String, Object> row = TestDb.eventually(() -> TestDb.row(server, sql, receiver.url(path)),
        found -> found != null && found.get("last_status_code") != null && "pending".equals(found.get("status")), 20_000);
    assertThat(row).as("the first attempt recorded").isNotNull().containsEntry("status", "pending");
    assertThat(((Number) row.get("attempts")).longValue()).isEqualTo(1);
    return row;
  }

  private static long wait(Map<String, Object> row) {
    return ((Number) row.get("next_attempt_at")).longValue() - ((Number) row.get("last_attempt_at")).longValue();
  }

  @Test
  void a503WithRetryAfterSecondsIsTriedAgainThatMuchLater() {
    start(BACKOFF);
    Map<String, Object> row = afterFirstFailure(firstAnswer(503, "120"));

    assertThat(wait(row)).isBetween(120_000L, 120_000L + SLACK);
    assertThat(((Number) row.get("last_status_code")).intValue()).isEqualTo(503);
    assertThat((String) row.get("last_error")).isEqualTo("HTTP 503; Retry-After \"120\" honoured, next attempt in 120 s");
    assertThat(row.get("failing_since")).as("a wait asked for is still a failure of the streak").isNotNull();
  }

  @Test
  void a429WithRetryAfterIsHonouredLikewise() {
    start(BACKOFF);
    Map<String, Object> row = afterFirstFailure(firstAnswer(429, "120"));

    assertThat(wait(row)).isBetween(120_000L, 120_000L + SLACK);
    assertThat((String) row.get("last_error")).startsWith("HTTP 429; Retry-After \"120\" honoured");
  }

  @Test
  void anHttpDateIsTheTimeOfTheNextAttempt() {
    start(BACKOFF);
    Instant at = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> row = afterFirstFailure(firstAnswer(503, IMF_FIXDATE.format(at)));

    assertThat(((Number) row.get("next_attempt_at")).longValue()).isEqualTo(at.toEpochMilli());
    assertThat((String) row.get("last_error")).contains("honoured");
  }

  @Test
  void aHugeRetryAfterIsCappedAtAnHour() {
    start(BACKOFF);
    Map<String, Object> seconds = afterFirstFailure(firstAnswer(503, "99999999999999999999"));
    Map<String, Object> date = afterFirstFailure(firstAnswer(429,
        IMF_FIXDATE.format(Instant.now().plus(400, ChronoUnit.DAYS))));

    assertThat(wait(seconds)).isBetween(HOUR, HOUR + SLACK);
    assertThat((String) seconds.get("last_error")).contains("capped, next attempt in 3600 s");
    assertThat(wait(date)).isBetween(HOUR, HOUR + SLACK);
    assertThat((String) date.get("last_error")).contains("capped");
  }

  @Test
  void aRetryAfterShorterThanTheBackoffDoesNotHurryTheNextAttempt() {
    start(BACKOFF);
    Map<String, Object> row = afterFirstFailure(firstAnswer(503, "1"));

    assertThat(wait(row)).isBetween(LEAST_BACKOFF, BACKOFF + SLACK);
    assertThat((String) row.get("last_error")).containsPattern("sooner than the backoff, next attempt in (1[6-9]|20) s$");
  }

  @Test
  void aMalformedOrNegativeRetryAfterIsIgnored() {
    start(BACKOFF);
    for (String garbage : List.of("soon", "-120", "1.5", "Thu, 99 Foo 2026 00:00:00 GMT")) {
      Map<String, Object> row = afterFirstFailure(firstAnswer(503, garbage));

      assertThat(wait(row)).as(garbage).isBetween(LEAST_BACKOFF, BACKOFF + SLACK);
      assertThat((String) row.get("last_error")).as(garbage).contains("ignored");
    }
  }

  @Test
  void aRetryAfterWithAnotherStatusIsNotHonoured() {
    start(BACKOFF);
    Map<String, Object> row = afterFirstFailure(firstAnswer(500, "120"));

    assertThat(wait(row)).isBetween(LEAST_BACKOFF, BACKOFF + SLACK);
    assertThat((String) row.get("last_error")).matches("HTTP 500; Retry-After \"120\" not honoured with HTTP 500, "
        + "next attempt in (1[6-9]|20) s");
  }

  @Test
  void theNextAttemptWaitsForTheRetryAfterAndThenDelivers() {
    start(50);
    String path = firstAnswer(503, "1");

    List<Received> attempts = receiver.await(path, 2);
    assertThat(attempts.get(1).receivedAt() - attempts.get(0).receivedAt()).isGreaterThanOrEqualTo(1_000);
    assertThat(attempts.get(1).id()).isEqualTo(attempts.get(0).id());
    Map<String, Object> delivered = TestDb.eventually(() -> TestDb.row(server,
        "SELECT d.status, d.attempts FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url = ?",
        receiver.url(path)), row -> "delivered".equals(row.get("status")));
    assertThat(delivered).containsEntry("status", "delivered");
    assertThat(((Number) delivered.get("attempts")).longValue()).isEqualTo(2);
  }

  @Test
  void anEndpointThatKeepsAskingToWaitIsStillDisabledWhenItsWindowIsOver() {
    start(BACKOFF);
    String path = firstAnswer(503, "99999999");
    receiver.script(path, 503, "99999999");
    Map<String, Object> first = afterFirstFailure(path);
    assertThat(wait(first)).isBetween(HOUR, HOUR + SLACK);

    // The hour it asked for has passed, and so has the 2 s window since its first failure: the next attempt, which
    // fails in the same way, disables the endpoint.
    long now = System.currentTimeMillis();
    assertThat(TestDb.update(server, "UPDATE webhook_endpoints SET failing_since = ? WHERE url = ?", now - 10_000,
        receiver.url(path))).isEqualTo(1);
    assertThat(TestDb.update(server, "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE status = 'pending'"
        + " AND endpoint_id = (SELECT id FROM webhook_endpoints WHERE url = ?)", now, receiver.url(path))).isEqualTo(1);

    receiver.await(path, 2);
    Map<String, Object> endpoint = TestDb.eventually(() -> TestDb.row(server,
        "SELECT enabled, disabled_reason FROM webhook_endpoints WHERE url = ?", receiver.url(path)),
        row -> ((Number) row.get("enabled")).intValue() == 0);
    assertThat(((Number) endpoint.get("enabled")).intValue()).isZero();
    assertThat((String) endpoint.get("disabled_reason")).startsWith("failing for");
  }
}
