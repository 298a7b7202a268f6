package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow request bodies (issue 20, finding 3; ASVS 11.1.4): a body must arrive
 * within http.bodyTimeoutSeconds or the request is 408 and its connection closed, on every route, the
 * notification stream included; a 503 timeout closes its connection too. The deadlines are a second or two
 * here through settings; in production they are the README's defaults.
 */
class SlowBodyTest {
  private static final String SLOW_HEAD = "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":";

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(int bodySeconds, int requestSeconds) {
    server = TestServer.start(new JsonObject().put("http", new JsonObject()
        .put("bodyTimeoutSeconds", bodySeconds).put("requestTimeoutSeconds", requestSeconds).put("headerTimeoutSeconds", 5)));
  }

  @Test
  void aBodyDribbledAByteAtATimeIs408AtTheBodyDeadlineAndItsConnectionIsClosed() throws Exception {
    start(1, 4);
    try (RawHttp client = RawHttp.connect(server.port())) {
      client.write("PATCH /api/me HTTP/1.1\r\nHost: localhost\r\n" + SLOW_HEAD);
      long start = System.nanoTime();
      client.dribble(200);

      RawHttp.Response response = client.read();
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(response.status()).as(response.head()).isEqualTo(408);
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
      JsonObject problem = new JsonObject(response.body());
      assertThat(problem.getString("type")).isEqualTo("https://gerbang.dev/problems/body-timeout");
      assertThat(problem.getInteger("status")).isEqualTo(408);
      assertThat(seconds).as("the body deadline, not the request timeout").isBetween(0.8, 3.0);
      assertThat(client.timeout(2000).closedByServer()).as("connection closed after the 408").isTrue();
    }
    assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theNotificationStreamIsNoExceptionToTheBodyDeadline() throws Exception {
    start(1, 4);
    String token = server.newSession().getString("accessToken");
    try (RawHttp client = RawHttp.connect(server.port()).timeout(6000)) {
      // The stream is exempt from the request timeout (it stays open by design), so before the body deadline
      // a body that never ends held its connection for ever.
      client.write("GET /api/notifications/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
          + "\r\nAccept: text/event-stream\r\n" + SLOW_HEAD);
      client.dribble(200);

      RawHttp.Response response = client.read();

      assertThat(response.status()).as(response.head()).isEqualTo(408);
      assertThat(client.timeout(2000).closedByServer()).isTrue();
    }
  }

  @Test
  void aRequestThatTimesOutWith503HasItsConnectionClosed() throws Exception {
    start(10, 1);
    try (RawHttp client = RawHttp.connect(server.port())) {
      client.write("PATCH /api/me HTTP/1.1\r\nHost: localhost\r\n" + SLOW_HEAD);
      client.dribble(200);

      RawHttp.Response response = client.read();

      assertThat(response.status()).as(response.head()).isEqualTo(503);
      assertThat(new JsonObject(response.body()).getString("type")).isEqualTo("https://gerbang.dev/problems/timeout");
      assertThat(client.timeout(2000).closedByServer())
          .as("the client still owes 990 bytes: the connection must not wait for them").isTrue();
    }
  }

  @Test
  void aRequestAnsweredBeforeItsBodyArrivedStillHasItsConnectionClosedAtTheBodyDeadline() throws Exception {
    start(1, 4);
    // A page path takes no POST: 405 at once, while the connection still waits for the 1000 bytes it was promised.
    try (RawHttp client = RawHttp.connect(server.port())) {
      client.write("POST /somewhere HTTP/1.1\r\nHost: localhost\r\n" + SLOW_HEAD);
      client.dribble(200);

      RawHttp.Response response = client.read();

      assertThat(response.status()).isEqualTo(405);
      assertThat(client.timeout(3000).closedByServer()).as("closed at the body deadline, not held for the body").isTrue();
    }
  }

  @Test
  void keepAliveStillWorksAcrossRequestsWithBodiesAndPausesLongerThanTheBodyDeadline() throws Exception {
    start(1, 4);
    try (RawHttp client = RawHttp.connect(server.port())) {
      RawHttp.Response first = client.send("POST", "/api/auth/password/check", "", "{\"password\":\"short\"}");
      Thread.sleep(1500);
      RawHttp.Response second = client.send("POST", "/api/auth/password/check", "", "{\"password\":\"correct horse battery staple\"}");
      RawHttp.Response third = client.get("/health/live");

      assertThat(first.status()).as(first.body()).isEqualTo(200);
      assertThat(second.status()).as(second.body()).isEqualTo(200);
      assertThat(third.status()).isEqualTo(200);
      assertThat(third.header("Connection")).as("still keep-alive").isNotEqualToIgnoringCase("close");
      assertThat(client.timeout(300).closedByServer()).as("the connection stays open").isFalse();
    }
  }

  @Test
  void onHttp2ASlowBodyIs408AndOnlyItsStreamIsResetNotTheSharedConnection() {
    java.nio.file.Path certs = java.nio.file.Path.of("src/test/resources/tls").toAbsolutePath();
    server = TestServer.start(new JsonObject()
        .put("http", new JsonObject().put("bodyTimeoutSeconds", 1).put("requestTimeoutSeconds", 4))
        .put("tls", new JsonObject().put("enabled", true).put("certPath", certs.resolve("cert.pem").toString())
            .put("keyPath", certs.resolve("key.pem").toString())));
    HttpClient h2 = server.clientVertx().createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2).setDefaultHost("localhost").setDefaultPort(server.port())
        .setTrustOptions(new PemTrustOptions().addCertPath(certs.resolve("cert.pem").toString())));
    try {
      HttpClientRequest slow = TestServer.await(h2.request(HttpMethod.PATCH, "/api/me"));
      Promise<Throwable> reset = Promise.promise();
      slow.exceptionHandler(reset::tryComplete);
      slow.putHeader("Content-Type", "application/json").setChunked(true);
      TestServer.await(slow.write("{\"a\":"));

      HttpClientResponse response = TestServer.await(slow.response());
      assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(response.statusCode()).isEqualTo(408);
      assertThat(TestServer.await(reset.future())).isInstanceOf(StreamResetException.class);

      HttpClientRequest next = TestServer.await(h2.request(HttpMethod.GET, "/health/live"));
      assertThat(TestServer.await(next.send()).statusCode()).isEqualTo(200);
      assertThat(next.connection()).as("the same connection still serves").isSameAs(slow.connection());
    } finally {
      TestServer.await(h2.close());
    }
  }
}
