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
import org.junit.jupiter.api.Test;

/** CORS is closed by default; configured origins, and only they, may call the API with credentials. */
class CorsTest {
  private static final String APP = "https://app.example.com";
  private static final String EVIL = "https://evil.example";

  private static HttpResponse<Buffer> preflight(TestServer server, String origin) {
    return server.raw(HttpMethod.OPTIONS, "/api/auth/login", MultiMap.caseInsensitiveMultiMap().add("Origin", origin)
        .add("Access-Control-Request-Method", "POST").add("Access-Control-Request-Headers", "content-type"), null);
  }

  private static HttpResponse<Buffer> getFrom(TestServer server, String origin) {
    return server.raw(HttpMethod.GET, "/api/openapi.json", MultiMap.caseInsensitiveMultiMap().add("Origin", origin), null);
  }

  @Test
  void byDefaultNoOriginGetsAPreflightOrAnAllowOriginHeader() {
    try (TestServer server = TestServer.start()) {
      HttpResponse<Buffer> preflight = preflight(server, EVIL);
      assertProblem(preflight, 403, "forbidden");
      assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
      HttpResponse<Buffer> get = getFrom(server, EVIL);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.getHeader("Access-Control-Allow-Origin")).isNull();
      assertThat(get.getHeader("Access-Control-Allow-Credentials")).isNull();
    }
  }

  @Test
  void aConfiguredOriginGetsItsOwnOriginBackWithCredentialsAndOthersStillGetNothing() {
    try (TestServer server = TestServer.start(new JsonObject().put("http",
        new JsonObject().put("corsOrigins", new JsonArray().add(APP))))) {
      HttpResponse<Buffer> preflight = preflight(server, APP);
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
      assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");
      assertThat(preflight.getHeader("Access-Control-Allow-Headers")).contains("Authorization");
      assertThat(preflight.getHeader("Vary")).contains("Origin");

      HttpResponse<Buffer> get = getFrom(server, APP);
      assertThat(get.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
      assertThat(get.getHeader("Access-Control-Expose-Headers")).contains("RateLimit-Remaining");

      assertProblem(preflight(server, EVIL), 403, "forbidden");
      assertThat(getFrom(server, EVIL).getHeader("Access-Control-Allow-Origin")).isNull();
      assertThat(getFrom(server, APP + ".evil.example").getHeader("Access-Control-Allow-Origin")).isNull();
      assertThat(getFrom(server, "null").getHeader("Access-Control-Allow-Origin")).isNull();
    }
  }
}
