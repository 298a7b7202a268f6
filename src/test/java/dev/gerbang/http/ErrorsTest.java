package dev.gerbang.http;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One error format, request ids, security headers, health checks and the SPA's static files. */
class ErrorsTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> raw(HttpMethod method, String path, Buffer body, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
    return server.raw(method, path, map, body);
  }

  private static Buffer json(String text) {
    return Buffer.buffer(text);
  }

  @Test
  void anUnknownApiRouteIsA404ProblemEvenWhenHtmlIsAccepted() {
    JsonObject body = assertProblem(server.get("/api/no/such/thing", null), 404, "not-found");
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "requestId");
    assertThat(body.getString("title")).isEqualTo("Not found");
    assertProblem(raw(HttpMethod.GET, "/api/nothing", null, "Accept", "text/html"), 404, "not-found");
    assertProblem(raw(HttpMethod.GET, "/api", null, "Accept", "text/html"), 404, "not-found");
  }

  @Test
  void aWrongMethodOnAnApiPathIs405NotTheSpa() {
    assertProblem(raw(HttpMethod.GET, "/api/auth/login", null, "Accept", "text/html"), 405, "method-not-allowed");
    assertProblem(server.send(HttpMethod.PUT, "/api/me", null, new JsonObject()), 405, "method-not-allowed");
    assertProblem(server.send(HttpMethod.DELETE, "/api/me/password", null, null), 405, "method-not-allowed");
    // RFC 9110 section 15.5.6: a 405 names the methods the resource does support.
    assertThat(server.send(HttpMethod.PUT, "/api/me", null, new JsonObject()).getHeader("Allow")).isEqualTo("DELETE, GET, PATCH");
    assertThat(server.send(HttpMethod.GET, "/api/auth/sessions/01a21028-2acc-72b1-81ba-bae16058bcfa", null, null)
        .getHeader("Allow")).isEqualTo("DELETE");
  }

  /**
   * A malformed percent escape fails in the router before any route ran; it was a plain-text "Bad Request" (and
   * the web app never loaded to show its not-found page). Now: the app for a page, a 400 problem for the API.
   */
  @Test
  void aPathWithAMalformedPercentEscapeIsA400ProblemOnTheApiAndTheWebAppForAPage() {
    for (String path : List.of("/api/articles/%E0%A4%A", "/api/%", "/articles/%zz")) {
      JsonObject problem = assertProblem(raw(HttpMethod.GET, path, null, "Accept", "application/json"), 400, "bad-request");
      assertThat(problem.getString("detail")).isEqualTo("The address is not valid (a malformed percent escape)");
    }
    assertProblem(raw(HttpMethod.GET, "/api/articles/%E0%A4%A", null, "Accept", "text/html"), 400, "bad-request");
    HttpResponse<Buffer> page = raw(HttpMethod.GET, "/articles/%E0%A4%A", null, "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.bodyAsString()).startsWith("<!doctype html>");
  }

  @Test
  void malformedJsonIs400TextIs415AndABodyOver64KibIs413() {
    String jsonType = "application/json";
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json("{\"email\": "), "Content-Type", jsonType), 400, "bad-request");
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json("\"just a string\""), "Content-Type", jsonType), 400, "bad-request");
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", null, "Content-Type", jsonType), 400, "bad-request");
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json("email=a&password=b"), "Content-Type", "text/plain"),
        415, "unsupported-media-type");
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json("{}"), "Content-Type", "application/x-www-form-urlencoded"),
        415, "unsupported-media-type");
    String big = new JsonObject().put("email", "a@example.com").put("password", "p".repeat(65 * 1024)).encode();
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json(big), "Content-Type", jsonType), 413, "payload-too-large");
    // The sign-in family has its own, smaller limit (http.maxAuthBodyBytes, 16 KiB); other routes take up to 64 KiB.
    String overAuth = new JsonObject().put("email", "a@example.com").put("password", "p".repeat(10 * 1024))
        .put("x", "p".repeat(7 * 1024)).encode();
    assertProblem(raw(HttpMethod.POST, "/api/auth/login", json(overAuth), "Content-Type", jsonType), 413, "payload-too-large");
    JsonObject justUnder = new JsonObject();
    for (int i = 0; i < 6; i++) {
      justUnder.put("f" + i, "p".repeat(10 * 1024));
    }
    assertThat(raw(HttpMethod.POST, "/api/me/password", json(justUnder.encode()), "Content-Type", jsonType).statusCode())
        .isEqualTo(401);
  }

  @Test
  void errorBodiesNeverCarryStackTracesClassNamesOrSql() {
    String token = server.newSession().getString("accessToken");
    List<HttpResponse<Buffer>> failures = List.of(
        server.get("/api/admin/users?cursor=%27%3B%20DROP%20TABLE%20users", null),
        server.get("/api/me", "a.b.c"),
        server.get("/api/me", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
        raw(HttpMethod.PATCH, "/api/me", json("{\"name\": [}"), "Content-Type", "application/json", "Authorization", "Bearer " + token),
        raw(HttpMethod.PATCH, "/api/me", json("{\"name\": \"" + "\\u0000".repeat(3) + "\", \"bio\": {\"a\": 1}}"),
            "Content-Type", "application/json", "Authorization", "Bearer " + token),
        server.post("/api/auth/login", new JsonObject().put("email", "x' OR 1=1 --@example.com").put("password", "' OR ''='")));
    for (HttpResponse<Buffer> response : failures) {
      assertThat(response.statusCode()).isBetween(400, 499);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      dev.gerbang.Problems.assertNoInternals(response.bodyAsString());
    }
  }

  @Test
  void aSaneCallerRequestIdIsEchoedAndAnythingElseIsReplaced() {
    for (String sane : List.of("abcdefgh", "trace-1234.ABC:xyz_9", "x".repeat(64))) {
      HttpResponse<Buffer> ok = raw(HttpMethod.GET, "/health/live", null, "X-Request-Id", sane);
      assertThat(ok.getHeader("X-Request-Id")).isEqualTo(sane);
      HttpResponse<Buffer> error = raw(HttpMethod.GET, "/api/nope", null, "X-Request-Id", sane);
      assertThat(assertProblem(error, 404, "not-found").getString("requestId")).isEqualTo(sane);
    }
    for (String insane : List.of("short", "x".repeat(65), "has space in it", "semi;colon;id", "<script>alert(1)</script>")) {
      HttpResponse<Buffer> error = raw(HttpMethod.GET, "/api/nope", null, "X-Request-Id", insane);
      String id = assertProblem(error, 404, "not-found").getString("requestId");
      assertThat(id).as(insane).matches(UUID);
      assertThat(error.bodyAsString()).doesNotContain(insane);
    }
    String first = server.get("/health/live", null).getHeader("X-Request-Id");
    String second = server.get("/health/live", null).getHeader("X-Request-Id");
    assertThat(first).matches(UUID);
    assertThat(second).matches(UUID).isNotEqualTo(first);
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    String token = server.newSession().getString("accessToken");
    List<HttpResponse<Buffer>> responses = List.of(
        server.get("/", null), server.get("/app.css", null), server.get("/index.html", null),
        raw(HttpMethod.GET, "/some/spa/page", null, "Accept", "text/html"), server.get("/some/spa/page", null),
        server.get("/health/live", null), server.get("/health/ready", null), server.get("/api/me", token),
        server.get("/api/me", null), server.get("/api/admin/users", token), server.get("/api/nope", null),
        raw(HttpMethod.GET, "/api/auth/login", null),
        raw(HttpMethod.POST, "/api/auth/login", json("x"), "Content-Type", "text/plain"));
    for (HttpResponse<Buffer> response : responses) {
      String csp = response.getHeader("Content-Security-Policy");
      assertThat(csp).as("CSP on a " + response.statusCode()).contains("frame-ancestors 'none'", "default-src 'self'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.getHeader("Permissions-Policy")).contains("camera=()", "geolocation=()");
      assertThat(response.getHeader("X-Request-Id")).isNotBlank();
    }
  }

  @Test
  void livenessAndReadinessAreUpWithTheDatabaseCheck() {
    HttpResponse<Buffer> live = server.get("/health/live", null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));

    HttpResponse<Buffer> ready = server.get("/health/ready", null);

    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonArray checks = body.getJsonArray("checks");
    assertThat(checks.stream().map(c -> (JsonObject) c).filter(c -> "database".equals(c.getString("id"))))
        .singleElement().satisfies(c -> assertThat(c.getString("status")).isEqualTo("UP"));
  }

  @Test
  void theRootServesIndexHtmlAndUnknownPagesFallBackToItOnlyForHtml() throws Exception {
    String index = Files.readString(Path.of("webroot/index.html"));

    HttpResponse<Buffer> root = server.get("/", null);
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.getHeader("Content-Type")).startsWith("text/html");
    assertThat(root.bodyAsString()).isEqualTo(index);
    HttpResponse<Buffer> css = server.get("/app.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.getHeader("Content-Type")).startsWith("text/css");

    HttpResponse<Buffer> page = raw(HttpMethod.GET, "/admin/users/42", null, "Accept", "text/html,application/xhtml+xml");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).isEqualTo(index);

    // HEAD answers what GET would, without the body (link checkers and uptime probes use it).
    HttpResponse<Buffer> head = raw(HttpMethod.HEAD, "/admin/users/42", null, "Accept", "text/html");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Type")).startsWith("text/html");
    assertThat(head.body() == null || head.body().length() == 0).isTrue();

    assertProblem(raw(HttpMethod.GET, "/admin/users/42", null, "Accept", "application/json"), 404, "not-found");
    assertProblem(server.get("/missing.js", null), 404, "not-found");
    assertProblem(server.get("/../pom.xml", null), 404, "not-found");
    assertThat(raw(HttpMethod.GET, "/%2e%2e/pom.xml", null, "Accept", "text/html").bodyAsString()).doesNotContain("<project");
  }

  @Test
  void theAppsFilesAreRevalidatedOnEveryLoadSoThatAnUpgradeNeverMixesOldAndNewModules() {
    HttpResponse<Buffer> module = server.get("/js/app.js", null);
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(module.getHeader("Cache-Control")).isEqualTo("no-cache");
    String lastModified = module.getHeader("Last-Modified");
    assertThat(lastModified).isNotBlank();
    HttpResponse<Buffer> again = raw(HttpMethod.GET, "/js/app.js", null, "If-Modified-Since", lastModified);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.getHeader("Cache-Control")).isEqualTo("no-cache");
    // The fallback page too: it names the modules to load.
    assertThat(raw(HttpMethod.GET, "/settings", null, "Accept", "text/html").getHeader("Cache-Control")).isEqualTo("no-cache");
  }
}
