package dev.gerbang.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring docs are checked, not only read: the alert rules (docs/gerbang-alerts.yml), the scrape configuration
 * of docs/operations.md and every query of docs/grafana-dashboard.json pass promtool (skipped, saying why, where it
 * is not installed), and every metric and label they read is one a running server exports (always).
 */
class MonitoringDocsTest {
  private static final Path ALERTS = Path.of("docs/gerbang-alerts.yml");
  private static final Path DASHBOARD = Path.of("docs/grafana-dashboard.json");
  private static final Path OPERATIONS = Path.of("docs/operations.md");
  /** Grafana's variables as Grafana fills them with a 15 s scrape interval ($__rate_interval is four scrapes). */
  private static final Map<String, String> GRAFANA = Map.of("$__rate_interval", "1m", "$__interval", "15s", "$__range", "1h");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  record Query(String where, String expr) {
  }

  static List<Query> alertQueries() throws IOException {
    JsonObject rules = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(ALERTS.toFile(), Map.class));
    List<Query> queries = new ArrayList<>();
    for (Object group : rules.getJsonArray("groups")) {
      for (Object rule : ((JsonObject) group).getJsonArray("rules")) {
        JsonObject r = (JsonObject) rule;
        queries.add(new Query("alert " + r.getString("alert"), r.getString("expr").strip()));
      }
    }
    return queries;
  }

  /** Every panel's queries (rows' panels too), Grafana's variables filled in. */
  static List<Query> dashboardQueries() throws IOException {
    List<Query> queries = new ArrayList<>();
    addQueries(new JsonObject(Files.readString(DASHBOARD)).getJsonArray("panels"), queries);
    return queries;
  }

  private static void addQueries(JsonArray panels, List<Query> queries) {
    for (Object p : panels == null ? new JsonArray() : panels) {
      JsonObject panel = (JsonObject) p;
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) t).getString("expr");
        for (var variable : GRAFANA.entrySet()) {
          expr = expr.replace(variable.getKey(), variable.getValue());
        }
        queries.add(new Query("panel \"" + panel.getString("title") + "\" " + ((JsonObject) t).getString("refId"), expr));
      }
      addQueries(panel.getJsonArray("panels"), queries);
    }
  }

  @Test
  void theDocsNameEveryAlertAndEveryPanelHasAQueryWithNoUnknownVariable() throws IOException {
    List<Query> alerts = alertQueries();
    assertThat(alerts).hasSize(4);
    String operations = Files.readString(OPERATIONS);
    assertThat(operations).contains("](gerbang-alerts.yml)");
    for (Query alert : alerts) {
      assertThat(operations).as("docs/operations.md names " + alert.where()).contains("`" + alert.where().substring(6) + "`");
    }
    List<Query> panels = dashboardQueries();
    assertThat(panels).hasSizeGreaterThan(15);
    assertThat(panels).allSatisfy(query -> assertThat(query.expr()).as(query.where()).isNotBlank().doesNotContain("$"));
  }

  @Test
  void theAlertRulesPassPromtool() throws Exception {
    Promtool.Run run = Promtool.required().run("check", "rules", ALERTS.toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: " + alertQueries().size() + " rules found");
  }

  @Test
  void everyDashboardQueryParsesAsARecordingRule(@TempDir Path dir) throws Exception {
    List<Query> queries = dashboardQueries();
    Promtool.Run run = Promtool.required().run("check", "rules", recordingRules(dir, queries).toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  /** The check above bites: a query with a parenthesis missing fails promtool. */
  @Test
  void aQueryThatDoesNotParseFailsPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.required();
    Path rules = recordingRules(dir, List.of(new Query("broken", "sum(rate(gerbang_signins_total[1m])")));
    Promtool.Run run = promtool.run("check", "rules", rules.toString());
    assertThat(run.exit()).as(run.out()).isNotZero();
    assertThat(run.out()).contains("dashboard:query_0");
  }

  @Test
  void theScrapeConfigurationOfTheDocsPassesPromtoolWithTheAlertRules(@TempDir Path dir) throws Exception {
    Matcher blocks = YAML_BLOCK.matcher(Files.readString(OPERATIONS));
    List<String> configs = new ArrayList<>();
    while (blocks.find()) {
      if (blocks.group(1).contains("scrape_configs:")) {
        configs.add(blocks.group(1));
      }
    }
    assertThat(configs).as("docs/operations.md's prometheus.yml").hasSize(1);
    Path config = Files.writeString(dir.resolve("prometheus.yml"), configs.get(0));
    Files.copy(ALERTS, dir.resolve("gerbang-alerts.yml"));
    Promtool.Run run = Promtool.required().run("check", "config", config.toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("SUCCESS: 1 rule files found");
  }

  /** The queries as recording rules dashboard:query_N, in JSON (which YAML reads as it is). */
  private static Path recordingRules(Path dir, List<Query> queries) throws IOException {
    JsonArray rules = new JsonArray();
    for (int i = 0; i < queries.size(); i++) {
      rules.add(new JsonObject().put("record", "dashboard:query_" + i).put("expr", queries.get(i).expr())
          .put("labels", new JsonObject().put("query", queries.get(i).where())));
    }
    JsonObject file = new JsonObject().put("groups", new JsonArray().add(new JsonObject().put("name", "dashboard").put("rules", rules)));
    return Files.writeString(dir.resolve("dashboard-rules.yml"), file.encodePrettily());
  }

  @Test
  void everyMetricAndLabelTheRulesAndTheDashboardReadIsExported() throws Exception {
    List<Query> queries = new ArrayList<>(alertQueries());
    queries.addAll(dashboardQueries());
    TestServer server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("refreshSeconds", 1))
        .put("session", new JsonObject().put("refreshGraceSeconds", 0))
        .put("rateLimit", new JsonObject().put("readPerMinute", 30))
        .put("webhooks", new JsonObject().put("allowInsecure", true).put("pollMillis", 50))
        .put("stripe", new JsonObject().put("secretKey", "sk_test_docs").put("webhookSecret", "whsec_docs_test")
            .put("apiBase", "http://127.0.0.1:9")));
    try (Receiver receiver = new Receiver(server.clientVertx())) {
      driveWhatTheDocsCount(server, receiver);
      Scrape scrape = TestDb.eventually(() -> Scrape.of(server), s -> problems(s, queries).isEmpty(), 10_000);
      List<String> problems = problems(scrape, queries);
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

  /** What the queries read that this scrape lacks: a metric, a matcher's label, or a by/without/on label. */
  static List<String> problems(Scrape scrape, List<Query> queries) {
    List<String> problems = new ArrayList<>();
    for (Query query : queries) {
      Map<String, Set<String>> selectors = PromQl.selectors(query.expr());
      if (selectors.isEmpty()) {
        problems.add(query.where() + " reads no metric: " + query.expr());
      }
      Set<String> labels = new TreeSet<>(Set.of("instance", "job"));
      selectors.forEach((name, matched) -> {
        Optional<Set<String>> exported = exportedLabels(scrape, name);
        if (exported.isEmpty()) {
          problems.add(query.where() + " reads " + name + ", which the server does not export");
          return;
        }
        labels.addAll(exported.get());
        for (String label : matched) {
          if (!exported.get().contains(label) && !Set.of("instance", "job").contains(label)) {
            problems.add(query.where() + " matches " + name + " on " + label + ", a label it does not have");
          }
        }
      });
      for (String label : PromQl.groupingLabels(query.expr())) {
        if (!labels.contains(label)) {
          problems.add(query.where() + " groups by " + label + ", a label of none of " + selectors.keySet());
        }
      }
    }
    return problems;
  }

  /**
   * The labels of the series a name selects, if the server exports it: a family's own name, or a histogram's
   * _bucket (with le), _sum and _count, or a counter's family named without its _total.
   */
  static Optional<Set<String>> exportedLabels(Scrape scrape, String name) {
    String family = null;
    boolean bucket = false;
    if (scrape.has(name)) {
      family = name;
    } else if (name.endsWith("_bucket") && scrape.hasBuckets(name.substring(0, name.length() - 7))) {
      family = name.substring(0, name.length() - 7);
      bucket = true;
    } else {
      for (String suffix : List.of("_sum", "_count", "_total")) {
        String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
        if (base != null && scrape.has(base)) {
          family = base;
        }
      }
    }
    if (family == null) {
      return Optional.empty();
    }
    Set<String> labels = new TreeSet<>();
    scrape.samples(family).forEach(sample -> labels.addAll(sample.labels().keySet()));
    if (bucket) {
      labels.add("le");
    }
    return Optional.of(labels);
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
