package dev.gerbang.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AuthHandler.optional(), seen through GET /api/articles: anonymous without a token, the caller with one, 401 for a bad one. */
class OptionalAuthTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> withAuthorization(String value) {
    return server.raw(HttpMethod.GET, "/api/articles?status=all", MultiMap.caseInsensitiveMultiMap().add("Authorization", value), null);
  }

  @Test
  void noTokenContinuesAnonymously() {
    assertThat(server.get("/api/articles", null).statusCode()).isEqualTo(200);
    // Anonymous callers cannot ask for drafts: the route, not the handler, says 401.
    assertThat(server.get("/api/articles?status=all", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aValidTokenAttachesTheCaller() {
    String token = server.newSession().getString("accessToken");
    assertThat(withAuthorization("Bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenThatIsSentButInvalidIs401NotAnonymous() {
    String token = server.newSession().getString("accessToken");
    for (String header : new String[] {"Bearer " + token + "x", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", "Bearer "}) {
      HttpResponse<Buffer> response = server.raw(HttpMethod.GET, "/api/articles",
          MultiMap.caseInsensitiveMultiMap().add("Authorization", header), null);
      assertThat(response.statusCode()).as(header).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).as(header).contains("invalid_token");
    }
  }

  @Test
  void theTokenOfALoggedOutSessionIs401() {
    String token = server.newSession().getString("accessToken");
    assertThat(server.post("/api/auth/logout", token, null).statusCode()).isEqualTo(204);
    assertThat(withAuthorization("Bearer " + token).statusCode()).isEqualTo(401);
  }
}
