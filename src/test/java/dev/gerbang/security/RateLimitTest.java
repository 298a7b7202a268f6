package dev.gerbang.security;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request-rate limiter: buckets per route class and client address, 429 with its headers, bounded memory. */
class RateLimitTest {
  private TestServer server;

  private void start(JsonObject http, JsonObject rateLimit) {
    server = TestServer.start(new JsonObject().put("http", http)
        .put("rateLimit", new JsonObject().put("authPerMinute", 5).put("writePerMinute", 8).put("readPerMinute", 10)
            .mergeIn(rateLimit)));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<Buffer> login(String email, String forwardedFor) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (forwardedFor != null) {
      headers.add("X-Forwarded-For", forwardedFor);
    }
    return server.raw(HttpMethod.POST, "/api/auth/login", headers,
        Buffer.buffer(new JsonObject().put("email", email).put("password", "wrong password here").encode()));
  }

  @Test
  void theSixthSignInFromOneAddressInAMinuteIs429WithRetryAfterAndRateLimitHeaders() {
    start(new JsonObject(), new JsonObject());
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> allowed = login(TestServer.uniqueEmail(), null);
      assertThat(allowed.statusCode()).isEqualTo(401);
      assertThat(allowed.getHeader("RateLimit-Limit")).isEqualTo("5");
      assertThat(allowed.getHeader("RateLimit-Remaining")).isEqualTo(String.valueOf(4 - i));
    }

    HttpResponse<Buffer> refused = login(TestServer.uniqueEmail(), null);

    JsonObject problem = assertProblem(refused, 429, "rate-limited");
    assertThat(problem.getString("detail")).contains("Too many requests");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 12L);
    assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("5");
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(refused.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
    assertThat(refused.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void everySignInEndpointSharesTheStrictBucketWhileReadsAndWritesHaveTheirOwn() {
    start(new JsonObject(), new JsonObject());
    List<String> authPaths = List.of("/api/auth/register", "/api/auth/refresh", "/api/auth/password/check",
        "/api/auth/password/forgot", "/api/auth/password/reset");
    for (String path : authPaths) {
      assertThat(server.post(path, new JsonObject()).getHeader("RateLimit-Limit")).as(path).isEqualTo("5");
    }
    assertProblem(server.post("/api/auth/verify-email", new JsonObject()), 429, "rate-limited");
    assertProblem(server.post("/api/auth/login/", new JsonObject()), 429, "rate-limited");

    HttpResponse<Buffer> read = server.get("/api/openapi.json", null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.getHeader("RateLimit-Limit")).isEqualTo("10");
    HttpResponse<Buffer> write = server.post("/api/auth/logout", new JsonObject());
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(write.getHeader("RateLimit-Limit")).isEqualTo("8");
  }

  @Test
  void readsAreLimitedToo() {
    start(new JsonObject(), new JsonObject());
    for (int i = 0; i < 10; i++) {
      assertThat(server.get("/api/me", null).statusCode()).isEqualTo(401);
    }
    assertProblem(server.get("/api/me", null), 429, "rate-limited");
  }

  @Test
  void xForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
    start(new JsonObject(), new JsonObject());
    for (int i = 0; i < 5; i++) {
      assertThat(login(TestServer.uniqueEmail(), "203.0.113." + i).statusCode()).isEqualTo(401);
    }
    assertProblem(login(TestServer.uniqueEmail(), "203.0.113.99"), 429, "rate-limited");
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucketAndForgedLeftEntriesDoNotCount() {
    start(new JsonObject().put("trustedProxies", new JsonArray().add("127.0.0.1").add("::1").add("10.0.0.0/8")),
        new JsonObject());
    for (int i = 0; i < 5; i++) {
      assertThat(login(TestServer.uniqueEmail(), "203.0.113.7").statusCode()).isEqualTo(401);
    }
    assertProblem(login(TestServer.uniqueEmail(), "203.0.113.7"), 429, "rate-limited");
    // The client can write anything left of what the proxy appended; the right-most untrusted hop is the client.
    assertProblem(login(TestServer.uniqueEmail(), "198.51.100.1, 203.0.113.7, 10.1.2.3"), 429, "rate-limited");
    assertThat(login(TestServer.uniqueEmail(), "203.0.113.8").statusCode()).isEqualTo(401);
    assertThat(login(TestServer.uniqueEmail(), "not-an-ip, 203.0.113.9").statusCode()).isEqualTo(401);
  }

  /**
   * Only canonical IP literals count as hops: InetAddress took "127.1" for 127.0.0.1 (so a client could pose as a
   * trusted proxy and pick the address it is limited as), and sent hex names such as "cafe.babe" to DNS, on
   * the event loop.
   */
  @Test
  void forwardedHopsThatAreNotCanonicalAddressLiteralsEndTheWalkAtTheProxy() {
    start(new JsonObject().put("trustedProxies", new JsonArray().add("127.0.0.1").add("::1")), new JsonObject());
    for (int i = 0; i < 3; i++) {
      assertThat(login(TestServer.uniqueEmail(), "203.0.113.7, 127.1").statusCode()).isEqualTo(401);
      assertThat(login(TestServer.uniqueEmail(), "203.0.113.7, cafe.babe").statusCode()).isIn(401, 429);
    }
    // The six requests above counted against the proxy itself, not against 203.0.113.7.
    assertThat(login(TestServer.uniqueEmail(), "203.0.113.7").statusCode()).isEqualTo(401);
    assertProblem(login(TestServer.uniqueEmail(), "127.1"), 429, "rate-limited");
  }

  @Test
  void rotatingAddressesCannotGrowTheBucketsBeyondTheBound() {
    start(new JsonObject().put("trustedProxies", new JsonArray().add("127.0.0.1").add("::1")),
        new JsonObject().put("maxKeys", 100));
    List<io.vertx.core.Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      batch.add(server.client().get("/api/openapi.json")
          .putHeader("X-Forwarded-For", "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256)).send());
      if (batch.size() == 100) {
        for (var f : batch) {
          assertThat(TestServer.await(f).statusCode()).isEqualTo(200);
        }
        batch.clear();
      }
    }
    assertThat(server.gerbang().components().rateLimiter().trackedKeys()).isLessThanOrEqualTo(100);
  }

  @Test
  void theLimiterCanBeSwitchedOff() {
    start(new JsonObject(), new JsonObject().put("enabled", false));
    for (int i = 0; i < 12; i++) {
      HttpResponse<Buffer> response = login(TestServer.uniqueEmail(), null);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.getHeader("RateLimit-Limit")).isNull();
    }
  }
}
