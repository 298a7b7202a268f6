package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTPS from a PEM pair in config, HTTP/2 by ALPN, HSTS, and the optional HTTP-to-HTTPS redirect listener. */
class TlsTest {
  private static final Path CERTS = Path.of("src/test/resources/tls").toAbsolutePath();
  private TestServer server;
  private int redirectPort;
  private WebClient tls;

  @BeforeEach
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      redirectPort = socket.getLocalPort();
    }
    server = TestServer.start(new JsonObject().put("tls", new JsonObject().put("enabled", true)
        .put("certPath", CERTS.resolve("cert.pem").toString()).put("keyPath", CERTS.resolve("key.pem").toString())
        .put("redirectPort", redirectPort)));
  }

  @AfterEach
  void stop() {
    if (tls != null) {
      tls.close();
    }
    server.close();
  }

  private WebClient client(HttpVersion version) {
    // Trust exactly the test certificate, as a client with the dev CA installed would.
    return WebClient.create(server.clientVertx(), new WebClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(version)
        .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(CERTS.resolve("cert.pem").toString()))
        .setDefaultHost("localhost").setDefaultPort(server.port()));
  }

  @Test
  void anHttp2ClientNegotiatesH2OverTlsAndGetsHsts() {
    tls = client(HttpVersion.HTTP_2);

    HttpResponse<Buffer> response = TestServer.await(tls.get("/api/openapi.json").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
  }

  @Test
  void anHttp11ClientStillWorksOverTlsAndCanSignUpAndIn() {
    tls = client(HttpVersion.HTTP_1_1);
    String email = TestServer.uniqueEmail();
    JsonObject body = new JsonObject().put("email", email).put("password", TestServer.PASSWORD).put("name", "T");

    assertThat(TestServer.await(tls.post("/api/auth/register").sendJsonObject(body)).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> login = TestServer.await(tls.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD)));

    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    assertThat(login.version()).isEqualTo(HttpVersion.HTTP_1_1);
  }

  @Test
  void plainHttpOnTheTlsPortGetsNoAnswer() {
    assertThatThrownBy(() -> TestServer.await(server.client().get("/api/openapi.json").send()))
        .isNotInstanceOf(AssertionError.class);
  }

  @Test
  void theRedirectListenerSendsEveryRequestToTheHttpsPublicUrlWhateverTheHostHeader() throws IOException {
    WebClient plain = WebClient.create(server.clientVertx(), new WebClientOptions().setFollowRedirects(false));
    try {
      HttpResponse<Buffer> response = TestServer.await(plain.get(redirectPort, "localhost", "/api/me?x=1")
          .putHeader("Host", "evil.example").send());

      assertThat(response.statusCode()).isEqualTo(308);
      assertThat(response.getHeader("Location")).isEqualTo("https://localhost:" + server.port() + "/api/me?x=1");
      assertThat(response.getHeader("Strict-Transport-Security")).isNull();
      try (java.net.Socket socket = new java.net.Socket("localhost", redirectPort)) {
        socket.getOutputStream().write("GET http://evil.example/x HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("HTTP/1.1 308").containsIgnoringCase("location: https://localhost:" + server.port() + "/x\r\n");
      }
    } finally {
      plain.close();
    }
  }

  @Test
  void slowHeadersOverTlsAreCutOffToo() throws Exception {
    try (TestServer strict = TestServer.start(new JsonObject().put("http", new JsonObject().put("headerTimeoutSeconds", 1))
        .put("tls", new JsonObject().put("enabled", true).put("certPath", CERTS.resolve("cert.pem").toString())
            .put("keyPath", CERTS.resolve("key.pem").toString())))) {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
        }

        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
        }

        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      }}, null);
      try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
          .createSocket("localhost", strict.port())) {
        socket.startHandshake();
        socket.setSoTimeout(10_000);
        var out = socket.getOutputStream();
        out.write("GET /api/openapi.json HTTP/1.1\r\nHost: localhost\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        int read = 0;
        try {
          for (int i = 0; i < 50 && read != -1; i++) {
            out.write('X');
            out.flush();
            Thread.sleep(100);
          }
          read = socket.getInputStream().read();
        } catch (java.io.IOException e) {
          read = -1;
        }
        assertThat(read).isEqualTo(-1);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(4.0);
      }
    }
  }

  @Test
  void withoutTlsThereIsNoHsts() {
    try (TestServer plain = TestServer.start()) {
      assertThat(plain.get("/api/openapi.json", null).getHeader("Strict-Transport-Security")).isNull();
    }
  }
}
