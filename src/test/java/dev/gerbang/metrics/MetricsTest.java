package dev.gerbang.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.mfa.MfaClient;
import dev.gerbang.config.ConfigReader;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.webhook.Receiver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The management listener's /metrics, scraped in the protobuf format and parsed (see {@link Scrape}) after driving
 * traffic: each counter moved by what the test did, HTTP meters carry route templates, no label holds an id, an
 * email or a token, and none of it is served on the public port.
 */
class MetricsTest {
  private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}|[A-Za-z0-9_-]{32,}");
  private TestServer server;
  private Mailbox mailbox;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (mailbox != null) {
      mailbox.close();
    }
  }

  private void start(JsonObject overrides) {
    server = TestServer.start(overrides.put("metrics", new JsonObject().put("refreshSeconds", 1)));
  }

  @Test
  void signInsRegistrationsAndRefreshReuseAreCountedByOutcome() {
    start(new JsonObject().put("loginThrottle", new JsonObject().put("freeFailures", 2))
        .put("session", new JsonObject().put("refreshGraceSeconds", 0)));
    Scrape before = Scrape.of(server);
    String email = TestServer.uniqueEmail();
    server.register(email);
    server.register(TestServer.uniqueEmail());
    JsonObject pair = server.login(email, TestServer.PASSWORD);
    int wrong = 0;
    int locked = 0;
    for (int i = 0; i < 5; i++) {
      int status = server.post("/api/auth/login", new JsonObject().put("email", email).put("password", "not the password"))
          .statusCode();
      if (status == 401) {
        wrong++;
      } else if (status == 429) {
        locked++;
      }
    }
    assertThat(wrong).isGreaterThan(0);
    assertThat(locked).isGreaterThan(0);
    String refresh = pair.getString("refreshToken");
    assertThat(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).statusCode()).isEqualTo(401);

    Scrape after = Scrape.of(server);
    assertThat(moved(before, after, "gerbang_registrations_total", "method", "password")).isEqualTo(2);
    assertThat(moved(before, after, "gerbang_signins_total", "outcome", "ok")).isEqualTo(1);
    assertThat(moved(before, after, "gerbang_signins_total", "outcome", "wrong_credentials")).isEqualTo(wrong);
    assertThat(moved(before, after, "gerbang_signins_total", "outcome", "locked")).isEqualTo(locked);
    assertThat(moved(before, after, "gerbang_refresh_reuse_total")).isEqualTo(1);
    assertNoIdEmailOrToken(after, List.of(email, refresh, pair.getString("accessToken"),
        pair.getJsonObject("user").getString("id")));
  }

  @Test
  void aSignInWithASecondStepCountsMfaPendingThenTheSecondStepsOutcome() {
    start(new JsonObject());
    MfaClient mfa = new MfaClient(server);
    String email = TestServer.uniqueEmail();
    MfaClient.Enrolled enrolled = mfa.enrol(server.newSessionFor(email).getString("accessToken"));
    Scrape before = Scrape.of(server);

    String token = mfa.firstStep(email);
    List<String> valid = List.of(MfaClient.code(enrolled.secret(), -1), MfaClient.code(enrolled.secret(), 0),
        MfaClient.code(enrolled.secret(), 1));
    String wrong = java.util.stream.Stream.of("000000", "111111", "222222", "333333").filter(c -> !valid.contains(c)).findFirst().orElseThrow();
    assertThat(mfa.second(token, "code", wrong).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> done = mfa.second(token, "recoveryCode", enrolled.recoveryCodes().get(0));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);

    Scrape after = Scrape.of(server);
    assertThat(moved(before, after, "gerbang_signins_total", "method", "password", "outcome", "mfa_pending")).isEqualTo(1);
    assertThat(moved(before, after, "gerbang_signins_total", "method", "password", "outcome", "ok")).isZero();
    assertThat(moved(before, after, "gerbang_signins_total", "method", "second_step", "outcome", "wrong_credentials")).isEqualTo(1);
    assertThat(moved(before, after, "gerbang_signins_total", "method", "second_step", "outcome", "ok")).isEqualTo(1);
    assertNoIdEmailOrToken(after, List.of(email, token, enrolled.secret()));
  }

  @Test
  void httpRequestsAreCountedByRouteTemplateMethodAndStatusClassWithLatencyBuckets() {
    start(new JsonObject());
    Scrape before = Scrape.of(server);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String slug = "no-such-article-" + java.util.UUID.randomUUID();
      paths.add(slug);
      assertThat(server.get("/api/articles/" + slug, null).statusCode()).isEqualTo(404);
    }
    for (int i = 0; i < 4; i++) {
      String path = "/api/nothing-here/" + java.util.UUID.randomUUID();
      paths.add(path);
      assertThat(server.get(path, null).statusCode()).isEqualTo(404);
    }
    assertThat(server.get("/api/articles", null).statusCode()).isEqualTo(200);

    Scrape after = Scrape.of(server);
    String requests = "vertx_http_server_requests_total";
    assertThat(moved(before, after, requests, "route", "/api/articles/:slug", "method", "GET", "status", "4xx")).isEqualTo(3);
    assertThat(moved(before, after, requests, "route", "/api/articles", "method", "GET", "status", "2xx")).isEqualTo(1);
    // Unknown paths share one series, whatever they are.
    assertThat(moved(before, after, requests, "route", "unmatched", "method", "GET", "status", "4xx")).isEqualTo(4);
    // Methods a client makes up share one label too.
    for (String made : List.of("FROB", "XYZZY")) {
      server.send(io.vertx.core.http.HttpMethod.valueOf(made), "/api/articles", null, null);
    }
    Scrape afterMethods = Scrape.of(server);
    assertThat(afterMethods.value(requests, "method", "OTHER")).isEqualTo(2);
    assertThat(afterMethods.value(requests, "method", "FROB") + afterMethods.value(requests, "method", "XYZZY")).isZero();
    String latency = "vertx_http_server_response_time_seconds";
    assertThat(after.count(latency, "route", "/api/articles", "status", "2xx")
        - before.count(latency, "route", "/api/articles", "status", "2xx")).isEqualTo(1);
    assertThat(after.hasBuckets(latency)).isTrue();
    // Event bus, pools, JVM and process meters are there too.
    assertThat(after.has("vertx_eventbus_handlers")).isTrue();
    assertThat(after.has("jvm_memory_used_bytes")).isTrue();
    assertThat(after.has("process_uptime_seconds")).isTrue();
    assertNoIdEmailOrToken(after, paths);
  }

  @Test
  void rateLimitRejectionsAreCountedByRouteClass() {
    start(new JsonObject().put("rateLimit", new JsonObject().put("readPerMinute", 3)));
    Scrape before = Scrape.of(server);
    int rejected = 0;
    for (int i = 0; i < 6; i++) {
      if (server.get("/api/articles", null).statusCode() == 429) {
        rejected++;
      }
    }
    assertThat(rejected).isEqualTo(3);
    Scrape after = Scrape.of(server);
    assertThat(moved(before, after, "gerbang_ratelimit_rejections_total", "route_class", "read")).isEqualTo(3);
    assertThat(moved(before, after, "gerbang_ratelimit_rejections_total", "route_class", "write")).isZero();
  }

  @Test
  void deliveriesAreCountedByChannelAndOutcomeAndTheGaugesFollowTheDatabase() {
    mailbox = Mailbox.started();
    start(mailbox.config());
    Scrape before = Scrape.of(server);
    String email = TestServer.uniqueEmail();
    server.register(email);
    mailbox.awaitTo(email, "");
    server.login(email, TestServer.PASSWORD);
    server.newSession();

    long sent = TestDb.eventually(() -> (long) (Scrape.of(server).value("gerbang_deliveries_total", "channel", "email",
        "outcome", "sent") - before.value("gerbang_deliveries_total", "channel", "email", "outcome", "sent")), n -> n >= 2);
    assertThat(sent).isEqualTo(TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND status = 'sent'"));
    long active = TestDb.count(server, "SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > ?",
        System.currentTimeMillis());
    assertThat(active).isEqualTo(2);
    double gauge = TestDb.eventually(() -> Scrape.of(server).value("gerbang_sessions_active"), v -> v == active);
    assertThat(gauge).isEqualTo(2.0);
    assertThat(Scrape.of(server).value("gerbang_outbox_depth", "channel", "email")).isZero();
  }

  @Test
  void theManagementListenerIsNotThePublicPortAndDefaultsToLoopback() throws Exception {
    start(new JsonObject());
    HttpResponse<Buffer> publicMetrics = server.request(HttpMethod.GET, "/metrics", null).putHeader("Accept", "text/plain").send()
        .await();
    assertThat(publicMetrics.statusCode()).isEqualTo(404);
    assertThat(server.gerbang().feature(MetricsFeature.class).managementPort()).isNotEqualTo(server.port());
    MetricsSettings defaults = MetricsSettings.from(ConfigReader.of(new JsonObject()));
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.token()).isEmpty();
    // Plain text for a scraper that asks for nothing in particular.
    int port = server.gerbang().feature(MetricsFeature.class).managementPort();
    HttpResponse<Buffer> text = WebClient.create(server.clientVertx()).get(port, "127.0.0.1", "/metrics").send().await();
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(WebClient.create(server.clientVertx()).get(port, "127.0.0.1", "/api/articles").send().await().statusCode())
        .isEqualTo(404);
    // Bound to loopback: this machine's other addresses do not answer on the port.
    for (java.net.InetAddress address : nonLoopbackAddresses()) {
      assertThat(connects(address, port)).as(address + ":" + port).isFalse();
    }
  }

  private static List<java.net.InetAddress> nonLoopbackAddresses() throws java.net.SocketException {
    List<java.net.InetAddress> addresses = new ArrayList<>();
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static boolean connects(java.net.InetAddress address, int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(address, port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aConfiguredTokenIsRequiredAsABearer() {
    String token = "a-scrape-token-of-some-length";
    start(new JsonObject());
    server.close();
    server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("token", token)));
    int port = server.gerbang().feature(MetricsFeature.class).managementPort();
    WebClient client = WebClient.create(server.clientVertx());
    HttpResponse<Buffer> without = client.get(port, "127.0.0.1", "/metrics").send().await();
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(client.get(port, "127.0.0.1", "/metrics").bearerTokenAuthentication("wrong" + token).send().await().statusCode())
        .isEqualTo(401);
    assertThat(client.get(port, "127.0.0.1", "/metrics").bearerTokenAuthentication(token).send().await().statusCode())
        .isEqualTo(200);
  }

  @Test
  void withMetricsOffThereIsNoListenerAndTheProductStillWorks() {
    start(new JsonObject());
    server.close();
    server = TestServer.start(new JsonObject().put("metrics", new JsonObject().put("enabled", false)));
    assertThat(server.gerbang().feature(MetricsFeature.class).managementPort()).isEqualTo(-1);
    assertThat(server.gerbang().vertx().isMetricsEnabled()).isFalse();
    JsonObject session = server.newSession();
    assertThat(server.get("/api/me", session.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadSettingStopsStartUpNamingItsVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsSettings.from(ConfigReader.of(
            new JsonObject().put("metrics", new JsonObject().put("token", "short")))))
        .hasMessageContaining("GERBANG_METRICS_TOKEN");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsSettings.from(ConfigReader.of(
            new JsonObject().put("metrics", new JsonObject().put("port", 70000)))))
        .hasMessageContaining("GERBANG_METRICS_PORT");
  }

  @Test
  void openNotificationStreamsAreAGaugeOfThisNode() {
    start(new JsonObject());
    String token = server.newSession().getString("accessToken");
    HttpClient client = server.clientVertx().createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI("/api/notifications/stream").putHeader("Authorization", "Bearer " + token);
    for (int i = 0; i < 2; i++) {
      HttpClientResponse response = client.request(options).compose(request -> request.send()).await();
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(TestDb.eventually(() -> Scrape.of(server).value("gerbang_notification_streams"), v -> v == 2.0)).isEqualTo(2.0);
    client.close().await();
    assertThat(TestDb.eventually(() -> Scrape.of(server).value("gerbang_notification_streams"), v -> v == 0.0)).isZero();
  }

  @Test
  void medicalRecordReadsByNonPatientsAreCountedByTheReadersRole() {
    start(new JsonObject());
    MedicalWorld world = new MedicalWorld(server);
    MedicalWorld.Person admin = world.admin();
    MedicalWorld.Person patient = world.patient("Siti Patient");
    MedicalWorld.Person doctor = world.doctor("Dr Budi", "General practice");
    world.assign(admin, patient, doctor);
    String record = world.record(doctor, patient, "2026-11-02", "Cough", "Common cold");
    Scrape before = Scrape.of(server);
    assertThat(server.get("/api/medical-records/" + record, patient.token()).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/medical-records/" + record, doctor.token()).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/medical-records/" + record, doctor.token()).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/medical-records/" + record, admin.token()).statusCode()).isEqualTo(200);
    Scrape after = Scrape.of(server);
    assertThat(moved(before, after, "gerbang_medical_record_reads_total", "reader", "doctor")).isEqualTo(2);
    assertThat(moved(before, after, "gerbang_medical_record_reads_total", "reader", "admin")).isEqualTo(1);
    assertNoIdEmailOrToken(after, List.of(record, patient.userId(), doctor.userId()));
  }

  @Test
  void webhookAttemptsAreCountedByOutcome() {
    start(new JsonObject().put("webhooks", new JsonObject().put("allowInsecure", true).put("timeoutMillis", 500)
        .put("retryBaseMillis", 50).put("pollMillis", 50)));
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    Scrape before = Scrape.of(server);
    try (Receiver receiver = new Receiver(server.clientVertx())) {
      // /fail-once answers 500 (a retry is due) then 200; /reject answers 400 (failed, never retried).
      for (String path : List.of("/fail-once/" + UUID.randomUUID(), "/reject/" + UUID.randomUUID())) {
        HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin, new JsonObject().put("url", receiver.url(path))
            .put("eventTypes", new JsonArray().add("article.published")));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(server.post("/api/admin/webhooks/" + created.bodyAsJsonObject().getString("id") + "/test", admin, null)
            .statusCode()).isEqualTo(202);
      }
      String family = "gerbang_webhook_deliveries_total";
      TestDb.eventually(() -> Scrape.of(server), after -> moved(before, after, family, "outcome", "delivered") >= 1
          && moved(before, after, family, "outcome", "failed") >= 1);
      Scrape after = Scrape.of(server);
      assertThat(moved(before, after, family, "outcome", "delivered")).isEqualTo(1);
      assertThat(moved(before, after, family, "outcome", "retry")).isEqualTo(1);
      assertThat(moved(before, after, family, "outcome", "failed")).isEqualTo(1);
      // The labels docs/operations.md documents, and no other (no endpoint, URL or delivery id).
      assertThat(after.all()).filteredOn(sample -> sample.family().equals(family)).isNotEmpty()
          .allSatisfy(sample -> assertThat(sample.labels()).containsOnlyKeys("outcome"));
      // The receiver's host:port is in no label: the outgoing HTTP clients' pools are not measured.
      assertThat(after.all()).noneSatisfy(sample -> assertThat(sample.labels().values()).contains(receiver.url("").replaceFirst(
          "^http://", "").replaceFirst("/.*$", "")));
    }
  }

  @Test
  void paymentEventsAreCountedByProviderAndVerdict() throws Exception {
    String secret = "whsec_metrics_test";
    start(new JsonObject().put("stripe", new JsonObject().put("secretKey", "sk_test_metrics").put("webhookSecret", secret)
        .put("apiBase", "http://127.0.0.1:9")));
    Scrape before = Scrape.of(server);
    String orderId = UUID.randomUUID().toString();
    JsonObject completed = new JsonObject().put("id", "evt_metrics").put("type", "checkout.session.completed")
        .put("data", new JsonObject().put("object", new JsonObject().put("id", "cs_metrics").put("client_reference_id", orderId)
            .put("metadata", new JsonObject().put("order_id", orderId)).put("amount_total", 1000).put("currency", "usd")
            .put("payment_status", "paid")));
    JsonObject other = new JsonObject().put("id", "evt_other").put("type", "customer.created")
        .put("data", new JsonObject().put("object", new JsonObject()));
    assertThat(stripe(completed, stripeSignature(completed, "whsec_someone_else")).statusCode()).isEqualTo(401);
    assertThat(stripe(completed, stripeSignature(completed, secret)).statusCode()).isEqualTo(404);
    assertThat(stripe(other, stripeSignature(other, secret)).statusCode()).isEqualTo(200);

    Scrape after = Scrape.of(server);
    String family = "gerbang_payment_events_total";
    assertThat(moved(before, after, family, "provider", "stripe", "verdict", "bad_signature")).isEqualTo(1);
    assertThat(moved(before, after, family, "provider", "stripe", "verdict", "unknown-order")).isEqualTo(1);
    assertThat(moved(before, after, family, "provider", "stripe", "verdict", "ignored")).isEqualTo(1);
    assertThat(after.all()).filteredOn(sample -> sample.family().equals(family)).isNotEmpty()
        .allSatisfy(sample -> assertThat(sample.labels()).containsOnlyKeys("provider", "verdict"));
    assertNoIdEmailOrToken(after, List.of(orderId, "evt_metrics", "cs_metrics"));
  }

  private HttpResponse<Buffer> stripe(JsonObject event, String signature) {
    return server.request(HttpMethod.POST, "/api/payments/stripe/webhook", null).putHeader("Stripe-Signature", signature)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(event.encode()))
        .await();
  }

  /** Stripe's scheme, written out here: t=seconds,v1=hex HMAC-SHA256 of "t.payload" under the endpoint's secret. */
  private static String stripeSignature(JsonObject event, String secret) throws Exception {
    long t = System.currentTimeMillis() / 1000;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + event.encode()).getBytes(StandardCharsets.UTF_8)));
  }

  private static double moved(Scrape before, Scrape after, String family, String... labels) {
    return after.value(family, labels) - before.value(family, labels);
  }

  /** No label value of any sample is an id, an email, a token, or one of the values the test sent. */
  private static void assertNoIdEmailOrToken(Scrape scrape, List<String> sent) {
    for (Scrape.Sample sample : scrape.all()) {
      for (var label : sample.labels().entrySet()) {
        String value = label.getValue();
        String where = sample.family() + "{" + label.getKey() + "=" + value + "}";
        assertThat(ID.matcher(value).find()).as(where).isFalse();
        assertThat(value).as(where).doesNotContain("@");
        assertThat(TOKEN.matcher(value).find()).as(where).isFalse();
        for (String s : sent) {
          assertThat(value).as(where).doesNotContain(s);
        }
      }
    }
  }
}
