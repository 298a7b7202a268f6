package dev.gerbang.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenID Connect issuer may send the email, name and picture only from its UserInfo endpoint (OIDC Core 5.4;
 * certified issuers do so by default): Gerbang reads them there, for any configured issuer and for Google, but
 * only from an answer about the ID token's own subject, and never over the ID token's own claims.
 */
class OidcUserInfoTest {
  private final MockOAuth2Server authorization = new MockOAuth2Server();
  private StandInIssuer issuer;

  @BeforeEach
  void start() throws Exception {
    authorization.start(0);
    issuer = new StandInIssuer(authorization.authorizationEndpointUrl("acme").toString());
  }

  @AfterEach
  void stop() {
    issuer.close();
    authorization.shutdown();
  }

  /** The session the web app's refresh would get after this callback. */
  private static JsonObject session(TestServer server, HttpResponse<Buffer> callback) {
    String refresh = OAuthHarness.cookie(callback, "gerbang_refresh");
    assertThat(refresh).as("signed in; went to " + callback.getHeader("Location")).isNotNull();
    HttpResponse<Buffer> response = server.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void aStrictIssuersProfileComesFromUserInfoForAConfiguredIssuerAndForGoogle() {
    for (String provider : List.of("acme", "google")) {
      String email = TestServer.uniqueEmail();
      issuer.onlyUserInfoHasTheProfile(new JsonObject().put("email", email).put("email_verified", true)
          .put("name", "Ana Strict").put("picture", "https://img.example.com/ana.png"));
      try (TestServer server = TestServer.start(issuer.configAs(provider.equals("acme") ? "oidc" : provider))) {
        int callsBefore = issuer.userInfoCalls.get();

        HttpResponse<Buffer> back = issuer.signIn(server, provider);

        assertThat(back.getHeader("Location")).as(provider).isEqualTo(server.url("/"));
        JsonObject user = session(server, back).getJsonObject("user");
        assertThat(user.getString("email")).isEqualTo(email);
        assertThat(user.getBoolean("emailVerified")).isTrue();
        assertThat(user.getString("name")).isEqualTo("Ana Strict");
        assertThat(user.getString("avatarUrl")).isEqualTo("https://img.example.com/ana.png");
        assertThat(TestDb.rows(server, "SELECT provider, subject, email FROM identities WHERE email_verified = TRUE"))
            .containsExactly(Map.of("provider", provider, "subject", StandInIssuer.SUBJECT, "email", email));
        assertThat(issuer.userInfoCalls.get() - callsBefore).isEqualTo(1);
      }
    }
  }

  @Test
  void aUserInfoAnswerAboutAnotherSubjectIsRefusedAndCreatesNothing() {
    issuer.onlyUserInfoHasTheProfile(new JsonObject().put("email", TestServer.uniqueEmail()).put("email_verified", true));
    issuer.userInfo(new JsonObject().put("sub", "someone-else").put("email", TestServer.uniqueEmail()).put("email_verified", true));
    try (TestServer server = TestServer.start(issuer.configAs("oidc"))) {
      HttpResponse<Buffer> back = issuer.signIn(server, "acme");

      assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=invalid_token"));
      assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNull();
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isZero();
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities")).isZero();
    }
  }

  @Test
  void theIdTokensOwnClaimsWinAndUserInfoOnlyFillsTheGaps() {
    String email = TestServer.uniqueEmail();
    issuer.claims(b -> b.claim("email", email).claim("email_verified", true));
    issuer.userInfo(new JsonObject().put("sub", StandInIssuer.SUBJECT).put("email", "other@example.com").put("email_verified", false)
        .put("name", "Budi From UserInfo").put("picture", "https://img.example.com/budi.png"));
    try (TestServer server = TestServer.start(issuer.configAs("oidc"))) {
      JsonObject user = session(server, issuer.signIn(server, "acme")).getJsonObject("user");

      assertThat(user.getString("email")).isEqualTo(email);
      assertThat(user.getBoolean("emailVerified")).isTrue();
      assertThat(user.getString("name")).isEqualTo("Budi From UserInfo");
      assertThat(user.getString("avatarUrl")).isEqualTo("https://img.example.com/budi.png");
      assertThat(TestDb.rows(server, "SELECT email FROM identities")).containsExactly(Map.of("email", email));
    }

    issuer.claims(b -> b.claim("email", TestServer.uniqueEmail()).claim("email_verified", true).claim("name", "Complete")
        .claim("picture", "https://img.example.com/c.png"));
    int callsBefore = issuer.userInfoCalls.get();
    try (TestServer server = TestServer.start(issuer.configAs("oidc"))) {
      assertThat(session(server, issuer.signIn(server, "acme")).getJsonObject("user").getString("name")).isEqualTo("Complete");
      assertThat(issuer.userInfoCalls.get()).as("a complete ID token needs no UserInfo call").isEqualTo(callsBefore);
    }
  }
}
