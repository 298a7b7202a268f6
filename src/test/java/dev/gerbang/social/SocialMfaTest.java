package dev.gerbang.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.mfa.MfaTestCodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A social sign-in of an account with a second factor opens no session: the web app gets the second step instead. */
class SocialMfaTest {
  private OAuthHarness oauth;
  private TestServer server;

  @BeforeEach
  void start() {
    oauth = new OAuthHarness(new JsonObject());
    server = oauth.server;
  }

  @AfterEach
  void stop() {
    oauth.close();
  }

  @Test
  void aSocialSignInOfAnAccountWithTotpLandsOnTheSecondStepWithoutASession() {
    String email = TestServer.uniqueEmail();
    JsonObject session = server.newSessionFor(email);
    String userId = session.getJsonObject("user").getString("id");
    TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE id = ?", userId);
    String secret = MfaTestCodes.enrol(server, session.getString("accessToken"));
    oauth.nextUser("google", "google-sub-mfa", email, true);

    HttpResponse<Buffer> callback = oauth.callback(oauth.run("/api/auth/oauth/google"));

    assertThat(callback.statusCode()).isEqualTo(302);
    assertThat(OAuthHarness.cookie(callback, "gerbang_refresh")).isNull();
    String location = callback.getHeader("Location");
    assertThat(location).startsWith(server.url("/login#mfaToken="));
    Map<String, String> fragment = new HashMap<>();
    for (String part : location.substring(location.indexOf('#') + 1).split("&")) {
      String[] kv = part.split("=", 2);
      fragment.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(fragment.get("methods")).isEqualTo("totp,recovery");
    HttpResponse<Buffer> done = server.post("/api/auth/mfa", new JsonObject().put("mfaToken", fragment.get("mfaToken"))
        .put("code", MfaTestCodes.code(secret, 0)));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getJsonObject("user").getString("id")).isEqualTo(userId);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'oauth_login' AND user_id = ?", userId)).isEqualTo(1);
  }
}
