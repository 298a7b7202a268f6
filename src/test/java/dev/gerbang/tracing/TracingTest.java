package dev.gerbang.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.gerbang.TestServer;
import dev.gerbang.tracing.OtlpReceiver.Received;
import dev.gerbang.user.UserService;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With tracing on, a request is one trace: the HTTP server span, the event-bus call of the service proxy, the
 * database worker's side of it, and on to the notify verticle; exported by OTLP/HTTP to a receiver in the test, as
 * the OTEL_* settings (here their system properties) say. No span holds a token, an email or a password. With
 * tracing off, Vert.x has no tracer and nothing is sent.
 */
class TracingTest {
  private static final String OUTBOX_WAKE = "gerbang.outbox.wake";
  private static final Map<String, String> saved = new HashMap<>();
  private static OtlpReceiver receiver;
  private static TestServer server;

  @BeforeAll
  static void start() {
    receiver = new OtlpReceiver();
    // The SDK reads otel.* system properties before the OTEL_* variables; restored after this class.
    set("otel.exporter.otlp.endpoint", receiver.endpoint());
    set("otel.bsp.schedule.delay", "50");
    set("otel.traces.sampler", "always_on");
    set("otel.metrics.exporter", "none");
    set("otel.logs.exporter", "none");
    server = TestServer.start(new JsonObject().put("tracing", new JsonObject().put("enabled", true))
        .put("log", new JsonObject().put("requests", true)));
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
      receiver.close();
    } finally {
      saved.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
  }

  private static void set(String key, String value) {
    saved.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  private static String requestId() {
    return "trace-" + UUID.randomUUID();
  }

  private Received serverSpanOf(String requestId) {
    return receiver.await("with request id " + requestId,
        span -> span.kind() == SpanKind.SPAN_KIND_SERVER && requestId.equals(span.attribute(RequestSpan.REQUEST_ID)));
  }

  private Received childOf(Received parent, SpanKind kind, String address) {
    return receiver.await(kind + " on " + address + " under " + parent.spanId(), span -> span.kind() == kind
        && span.traceId().equals(parent.traceId()) && span.parentSpanId().equals(parent.spanId())
        && address.equals(span.attribute("messaging.destination.name")));
  }

  @Test
  void aRegistrationIsOneTraceFromTheHttpVerticleThroughTheDatabaseWorkerToTheNotifyVerticle() {
    String id = requestId();
    String email = TestServer.uniqueEmail();
    HttpResponse<Buffer> response = TestServer.await(server.client().post("/api/auth/register").putHeader("X-Request-Id", id)
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD).put("name", "Traced")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);

    Received http = serverSpanOf(id);
    assertThat(http.service()).isEqualTo("gerbang");
    assertThat(http.name()).isEqualTo("POST /api/auth/register");
    assertThat(http.attribute("http.route")).isEqualTo("/api/auth/register");
    assertThat(http.attribute("http.request.method")).isEqualTo("POST");
    assertThat(http.attribute("url.path")).isEqualTo("/api/auth/register");
    assertThat(http.attribute("http.response.status_code")).contains("201");
    // The HTTP verticle's call of the user service, and the database worker answering it.
    Received call = childOf(http, SpanKind.SPAN_KIND_CLIENT, UserService.ADDRESS);
    Received worker = childOf(call, SpanKind.SPAN_KIND_SERVER, UserService.ADDRESS);
    // After the commit, the worker wakes the notify verticle (the verification mail is in the outbox).
    Received wake = receiver.await("publishing the outbox wake-up in " + http.traceId(), span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && span.traceId().equals(http.traceId()) && OUTBOX_WAKE.equals(span.attribute("messaging.destination.name")));
    assertThat(ancestors(wake)).as("the wake-up is sent by the database worker's call").contains(worker.spanId());
    Received notify = childOf(wake, SpanKind.SPAN_KIND_SERVER, OUTBOX_WAKE);
    assertThat(notify.name()).isEqualTo("publish");
    assertThat(notify.attribute("messaging.system")).isEqualTo("vertx-eventbus");
  }

  @Test
  void anAuthenticatedRequestIsTracedToTheDatabaseWorkerAndNoSpanHoldsATokenAnEmailOrAPassword() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    String token = session.getString("accessToken");
    String id = requestId();
    Logger access = (Logger) LoggerFactory.getLogger("gerbang.access");
    AccessLines lines = new AccessLines();
    lines.start();
    access.addAppender(lines);
    HttpResponse<Buffer> me;
    String line;
    try {
      me = TestServer.await(server.request(io.vertx.core.http.HttpMethod.GET, "/api/notifications", token)
          .putHeader("X-Request-Id", id).send());
      // Written when the response has gone, which may be after the client has it.
      line = lines.await("requestId=" + id);
    } finally {
      access.detachAppender(lines);
    }
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    // A token in the query string (refused by the API, but traced): a URL in a span loses its query.
    String queried = requestId();
    assertThat(TestServer.await(server.request(io.vertx.core.http.HttpMethod.GET, "/api/notifications?access_token=" + token, token)
        .putHeader("X-Request-Id", queried).send()).statusCode()).isEqualTo(400);

    Received http = serverSpanOf(id);
    assertThat(http.attribute("url.path")).isEqualTo("/api/notifications");
    Received withQuery = serverSpanOf(queried);
    assertThat(withQuery.attribute("http.url")).endsWith("/api/notifications");
    assertThat(withQuery.attributes()).doesNotContainKey("url.query");
    Received call = receiver.await("the service call of " + id, span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && span.parentSpanId().equals(http.spanId()) && "vertx-eventbus".equals(span.attribute("messaging.system")));
    childOf(call, SpanKind.SPAN_KIND_SERVER, call.attribute("messaging.destination.name"));
    // The request's log line names its trace.
    assertThat(line).contains("traceId=" + http.traceId());

    List<String> secrets = List.of(token, session.getString("refreshToken", token), email, TestServer.PASSWORD, "Bearer");
    for (Received span : receiver.spans()) {
      assertThat(span.attributes().keySet()).as(span.name()).noneMatch(key -> key.toLowerCase().contains("authorization"));
      for (String value : span.attributes().values()) {
        assertThat(secrets).as(span.name() + " " + span.attributes()).noneMatch(value::contains);
      }
    }
  }

  @Test
  void aServerSpanIsNamedByTheRouteTemplateItMatchedNeverByThePathItsIdsAndItsChildrenStayInItsTrace() {
    String slug = "no-such-article-" + UUID.randomUUID();
    String id = requestId();
    HttpResponse<Buffer> response = TestServer.await(server.client().get("/api/articles/" + slug)
        .putHeader("X-Request-Id", id).send());
    // The route answered, then the article was not found: still that route's request, through the failure handler.
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(404);

    Received http = serverSpanOf(id);
    assertThat(http.name()).isEqualTo("GET /api/articles/:slug");
    assertThat(http.attribute("http.route")).isEqualTo("/api/articles/:slug");
    assertThat(http.attribute("url.path")).isEqualTo("/api/articles/" + slug);
    Received call = receiver.await("the service call of " + id, span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && span.parentSpanId().equals(http.spanId()) && "vertx-eventbus".equals(span.attribute("messaging.system")));
    assertThat(call.traceId()).isEqualTo(http.traceId());
    childOf(call, SpanKind.SPAN_KIND_SERVER, call.attribute("messaging.destination.name"));
    assertThat(receiver.spans()).as("no span is named by the slug").noneMatch(span -> span.name().contains(slug));
  }

  @Test
  void aPathNoRouteAnswersIsNamedByItsMethodAloneWithoutHttpRoute() {
    String made = "no-such-route-" + UUID.randomUUID();
    String api = requestId();
    assertThat(TestServer.await(server.client().get("/api/" + made).putHeader("X-Request-Id", api).send()).statusCode())
        .isEqualTo(404);
    String page = requestId();
    assertThat(TestServer.await(server.client().get("/" + made + "/x.js").putHeader("X-Request-Id", page).send())
        .statusCode()).isEqualTo(404);
    String wrongMethod = requestId();
    assertThat(TestServer.await(server.client().put("/api/articles").putHeader("X-Request-Id", wrongMethod).send())
        .statusCode()).isEqualTo(405);

    for (String id : List.of(api, page, wrongMethod)) {
      Received http = serverSpanOf(id);
      assertThat(http.name()).as(id).isIn("GET", "PUT");
      assertThat(http.name()).isEqualTo(http.attribute("http.request.method"));
      assertThat(http.attributes()).doesNotContainKey("http.route");
    }
    assertThat(receiver.spans()).noneMatch(span -> span.name().contains(made));
  }

  @Test
  void theSpaAndItsStaticFilesAreNamedByTheMethodAlone() {
    String index = requestId();
    assertThat(TestServer.await(server.client().get("/articles/some-page").putHeader("Accept", "text/html")
        .putHeader("X-Request-Id", index).send()).statusCode()).isEqualTo(200);
    String health = requestId();
    assertThat(TestServer.await(server.client().get("/health/live").putHeader("X-Request-Id", health).send())
        .statusCode()).isEqualTo(200);

    Received page = serverSpanOf(index);
    assertThat(page.name()).isEqualTo("GET");
    assertThat(page.attributes()).doesNotContainKey("http.route");
    // A route of the root router, outside /api, is named by its template as well.
    assertThat(serverSpanOf(health).name()).isEqualTo("GET /health/live");
  }

  @Test
  void aMethodOutsideTheStandardSetIsNamedHttp() {
    String id = requestId();
    HttpResponse<Buffer> response = TestServer.await(server.client()
        .request(io.vertx.core.http.HttpMethod.valueOf("BREW"), "/api/articles").putHeader("X-Request-Id", id).send());
    assertThat(response.statusCode()).isIn(404, 405);

    Received http = serverSpanOf(id);
    assertThat(http.name()).isEqualTo("HTTP");
    assertThat(http.attribute("http.request.method")).isEqualTo("_OTHER");
    assertThat(http.attribute("http.request.method_original")).isEqualTo("BREW");
    assertThat(http.attributes()).doesNotContainKey("http.route");
  }

  @Test
  void withTracingOffVertxHasNoTracerAndNothingIsSent() {
    try (TestServer off = TestServer.start()) {
      assertThat(((VertxInternal) off.gerbang().vertx()).tracer()).isNull();
      assertThat(off.get("/api/articles", null).statusCode()).isEqualTo(200);

      // Spans of the traced server made after it arrive; any the untraced one had made would have come before.
      String id = requestId();
      TestServer.await(server.client().get("/api/articles").putHeader("X-Request-Id", id).send());
      // The server spans' URLs name the port they were sent to.
      assertThat(serverSpanOf(id).attribute("http.url")).contains(":" + server.port() + "/");
      String port = ":" + off.port() + "/";
      assertThat(receiver.spans()).noneMatch(span -> span.attributes().values().stream().anyMatch(v -> v.contains(port)));
    }
  }

  @Test
  void anOtelSettingTheSdkCannotUseStopsTheStartWithOneLineNamingTracing() throws Exception {
    java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("gerbang-tracing");
    set("otel.exporter.otlp.protocol", "grpc");
    try {
      JsonObject config = new JsonObject().put("dataDir", dataDir.toString()).put("http", new JsonObject().put("port", 0))
          .put("tracing", new JsonObject().put("enabled", true));
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> dev.gerbang.Gerbang.start(
          dev.gerbang.config.AppConfig.of(config)).await(30, java.util.concurrent.TimeUnit.SECONDS));

      assertThat(failure).isInstanceOf(dev.gerbang.config.ConfigException.class);
      assertThat(failure.getMessage()).startsWith("GERBANG_TRACING_ENABLED: ").contains("grpc").doesNotContain("\n");
    } finally {
      System.clearProperty("otel.exporter.otlp.protocol");
      TestServer.deleteTree(dataDir);
    }
  }

  /** The access log's lines (their fields), kept as they come. */
  private static final class AccessLines extends AppenderBase<ILoggingEvent> {
    private final List<String> lines = new java.util.ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      lines.add(Arrays.toString(event.getArgumentArray()));
      notifyAll();
    }

    /** The first line holding this text; fails after 10 s. */
    synchronized String await(String text) {
      long deadline = System.currentTimeMillis() + 10_000;
      while (true) {
        for (String line : lines) {
          if (line.contains(text)) {
            return line;
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("no access line with " + text + " in " + lines);
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** The span ids above this one, up to the root of its trace. */
  private List<String> ancestors(Received span) {
    List<String> ids = new java.util.ArrayList<>();
    String parent = span.parentSpanId();
    while (!parent.isEmpty()) {
      ids.add(parent);
      String current = parent;
      parent = receiver.spans().stream().filter(s -> s.spanId().equals(current)).map(Received::parentSpanId)
          .findFirst().orElse("");
    }
    return ids;
  }
}
