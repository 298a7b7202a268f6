package dev.gerbang.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.metrics.MonitoringDocs.Query;
import dev.gerbang.webhook.Receiver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring docs are checked, not only read: the alert rules (docs/gerbang-alerts.yml), the scrape configuration
 * of docs/operations.md and every query of docs/grafana-dashboard.json pass promtool (skipped, saying why, where it
 * is not installed), and every metric and label they read is one a running server exports (always).
 */
class MonitoringDocsTest {
  @Test
  void theDocsNameEveryAlertAndEveryPanelHasAQueryWithNoUnknownVariable() throws IOException {
    List<Query> alerts = MonitoringDocs.alertQueries();
    assertThat(alerts).hasSize(4);
    String operations = Files.readString(MonitoringDocs.OPERATIONS);
    assertThat(operations).contains("](gerbang-alerts.yml)");
    for (Query alert : alerts) {
      assertThat(operations).as("docs/operations.md names " + alert.where()).contains("`" + alert.where().substring(6) + "`");
    }
    List<Query> panels = MonitoringDocs.dashboardQueries();
    assertThat(panels).hasSizeGreaterThan(15);
    assertThat(panels).allSatisfy(query -> assertThat(query.expr()).as(query.where()).isNotBlank().doesNotContain("$"));
  }

  @Test
  void theAlertRulesPassPromtool() throws Exception {
    Promtool.Run run = Promtool.required().run("check", "rules", MonitoringDocs.ALERTS.toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: " + MonitoringDocs.alertQueries().size() + " rules found");
  }

  @Test
  void everyDashboardQueryParsesAsARecordingRule(@TempDir Path dir) throws Exception {
    List<Query> queries = MonitoringDocs.dashboardQueries();
    Promtool.Run run = Promtool.required().run("check", "rules", MonitoringDocs.recordingRules(dir, queries).toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  /** The check above bites: a query with a parenthesis missing fails promtool. */
  @Test
  void aQueryThatDoesNotParseFailsPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.required();
    Path rules = MonitoringDocs.recordingRules(dir, List.of(new Query("broken", "sum(rate(gerbang_signins_total[1m])")));
    Promtool.Run run = promtool.run("check", "rules", rules.toString());
    assertThat(run.exit()).as(run.out()).isNotZero();
    assertThat(run.out()).contains("dashboard:query_0");
  }

  @Test
  void theScrapeConfigurationOfTheDocsPassesPromtoolWithTheAlertRules(@TempDir Path dir) throws Exception {
    List<String> configs = MonitoringDocs.scrapeConfigs();
    assertThat(configs).as("docs/operations.md's prometheus.yml").hasSize(1);
    Path config = Files.writeString(dir.resolve("prometheus.yml"), configs.get(0));
    Files.copy(MonitoringDocs.ALERTS, dir.resolve("gerbang-alerts.yml"));
    Promtool.Run run = Promtool.required().run("check", "config", config.toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void everyMetricAndLabelTheRulesAndTheDashboardReadIsExported() throws Exception {
    List<Query> queries = new ArrayList<>(MonitoringDocs.alertQueries());
    queries.addAll(MonitoringDocs.dashboardQueries());
    TestServer server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("refreshSeconds", 1))
        .put("session", new JsonObject().put("refreshGraceSeconds", 0))
        .put("rateLimit", new JsonObject().put("readPerMinute", 30))
        .put("webhooks", new JsonObject().put("allowInsecure", true).put("pollMillis", 50))
        .put("stripe", new JsonObject().put("secretKey", "sk_test_docs").put("webhookSecret", "whsec_docs_test")
            .put("apiBase", "http://127.0.0.1:9")));
    try (Receiver receiver = new Receiver(server.clientVertx())) {
      driveWhatTheDocsCount(server, receiver);
      Scrape scrape = TestDb.eventually(() -> Scrape.of(server), s -> MonitoringDocs.problems(s, queries).isEmpty(), 10_000);
      List<String> problems = MonitoringDocs.problems(scrape, queries);
      assertThat(problems).as(String.join("\n", problems)).isEmpty();
    } finally {
      server.close();
    }
  }

  /** A sign-up (its mail is held: no SMTP), sign-ins, a refresh token used twice, a doctor reading a record, a webhook,
   *  an unsigned Stripe notification and reads up to the rate limit: each counter the docs read counts once. */
  private static void driveWhatTheDocsCount(TestServer server, Receiver receiver) {
    String email = TestServer.uniqueEmail();
    server.register(email);
    String refresh = server.login(email, TestServer.PASSWORD).getString("refreshToken");
    assertThat(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).statusCode()).isEqualTo(401);

    MedicalWorld world = new MedicalWorld(server);
    MedicalWorld.Person admin = world.admin();
    MedicalWorld.Person patient = world.patient("Siti Patient");
    MedicalWorld.Person doctor = world.doctor("Dr Budi", "General practice");
    world.assign(admin, patient, doctor);
    String record = world.record(doctor, patient, "2026-11-02", "Cough", "Common cold");
    assertThat(server.get("/api/medical-records/" + record, doctor.token()).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin.token(), new JsonObject()
        .put("url", receiver.url("/ok/" + UUID.randomUUID())).put("eventTypes", new JsonArray().add("article.published")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(server.post("/api/admin/webhooks/" + created.bodyAsJsonObject().getString("id") + "/test", admin.token(), null)
        .statusCode()).isEqualTo(202);

    HttpResponse<Buffer> unsigned = server.request(HttpMethod.POST, "/api/payments/stripe/webhook", null)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"id\":\"evt_docs\"}")).await();
    assertThat(unsigned.statusCode()).isEqualTo(401);

    int status = 200;
    for (int i = 0; i < 40 && status != 429; i++) {
      status = server.get("/api/articles", null).statusCode();
    }
    assertThat(status).as("reads reach the rate limit").isEqualTo(429);
  }

  @Test
  void readsMetricsAndLabelsOutOfAnExpression() {
    String expr = "histogram_quantile(0.95, sum by (route, le) (rate(a_seconds_bucket{route!=\"/x{y}\", status=~\"5..\"}[5m])))"
        + " / on(instance) group_left max without (pool) (b_total offset 5m) or vector(0) > bool 1e3";
    assertThat(PromQl.selectors(expr)).containsOnlyKeys("a_seconds_bucket", "b_total");
    assertThat(PromQl.selectors(expr).get("a_seconds_bucket")).containsExactly("route", "status");
    assertThat(PromQl.groupingLabels(expr)).containsExactly("instance", "le", "pool", "route");
    assertThat(PromQl.selectors("sum(rate(gerbang_signins_total[1m])) * 60")).containsOnlyKeys("gerbang_signins_total");
  }
}
