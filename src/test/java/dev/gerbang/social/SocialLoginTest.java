package dev.gerbang.social;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in with Google (OpenID Connect) and Facebook (OAuth 2.0 + Graph) against a real local provider. */
class SocialLoginTest {
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

  /** The details of the account's audit rows of this event (userId null: rows about no account), oldest first. */
  private List<JsonObject> audited(String event, String userId) {
    return TestDb.rows(server, "SELECT detail FROM audit_log WHERE event = ? AND " + (userId == null ? "user_id IS NULL" : "user_id = ?")
            + " ORDER BY created_at, id", userId == null ? new Object[] {event} : new Object[] {event, userId}).stream()
        .map(row -> new JsonObject((String) row.get("detail"))).toList();
  }

  @Test
  void theLoginPageLearnsWhichProvidersAreEnabled() {
    HttpResponse<Buffer> providers = server.get("/api/auth/oauth/providers", null);
    assertThat(providers.statusCode()).isEqualTo(200);
    JsonObject body = providers.bodyAsJsonObject();
    assertThat(body.getJsonArray("items").stream().map(p -> ((JsonObject) p).getString("name"))).containsExactly("google", "facebook");
    assertThat(server.get("/api/auth/oauth/github", null).statusCode()).isEqualTo(404);
  }

  @Test
  void identityEndpointsNeedASignedInCallerAndAnEnabledProvider() {
    assertThat(server.get("/api/me/identities", null).statusCode()).isEqualTo(401);
    assertThat(server.post("/api/me/identities/google", null, null).statusCode()).isEqualTo(401);
    assertThat(server.send(HttpMethod.DELETE, "/api/me/identities/google", null, null).statusCode()).isEqualTo(401);
    String token = server.newSession().getString("accessToken");
    assertThat(server.post("/api/me/identities/github", token, null).statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.DELETE, "/api/me/identities/" + "x".repeat(40), token, null).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/auth/oauth/github/callback?code=c&state=s", null).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> bad = server.get("/api/auth/oauth/google?redirect=" + java.net.URLEncoder.encode("//evil.example",
        java.nio.charset.StandardCharsets.UTF_8), null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void startingRedirectsToTheProviderWithStatePkceAndNonce() {
    OAuthHarness.Step start = oauth.get("/api/auth/oauth/google", null);

    assertThat(start.response().statusCode()).isEqualTo(302);
    assertThat(start.location()).startsWith(oauth.provider.authorizationEndpointUrl("google").toString())
        .contains("state=").contains("code_challenge=").contains("code_challenge_method=S256").contains("nonce=")
        .contains("client_id=" + OAuthHarness.CLIENT_ID).contains("scope=openid");
    assertThat(start.response().cookies()).anySatisfy(cookie -> assertThat(cookie).startsWith("gerbang_oauth=")
        .containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/api/auth/oauth"));
  }

  @Test
  void aFirstGoogleLoginCreatesAVerifiedAccountWithoutPasswordAndSignsIn() {
    String email = TestServer.uniqueEmail();
    oauth.nextUser("google", "google-sub-1", email, true);

    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/google?redirect=/welcome"));

    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.getHeader("Location")).isEqualTo(server.url("/welcome"));
    JsonObject session = oauth.session(back);
    JsonObject user = session.getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getBoolean("emailVerified")).isTrue();
    assertThat(user.getBoolean("hasPassword")).isFalse();
    HttpResponse<Buffer> listed = server.get("/api/me/identities", session.getString("accessToken"));
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonObject identities = listed.bodyAsJsonObject();
    assertThat(identities.getJsonArray("items").getJsonObject(0).getString("provider")).isEqualTo("google");
    List<Map<String, Object>> audit = TestDb.rows(server, "SELECT user_id, detail FROM audit_log WHERE event = 'oauth_login'");
    assertThat(audit).extracting(row -> row.get("user_id")).containsExactly(user.getString("id"));
    assertThat(new JsonObject((String) audit.get(0).get("detail")))
        .isEqualTo(new JsonObject().put("provider", "google").put("outcome", "created"));
  }

  @Test
  void aReturningLoginFindsTheSameAccount() {
    String email = TestServer.uniqueEmail();
    oauth.nextUser("google", "google-sub-2", email, true);
    String first = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google"))).getJsonObject("user").getString("id");
    oauth.nextUser("google", "google-sub-2", email, true);
    String second = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google"))).getJsonObject("user").getString("id");

    assertThat(second).isEqualTo(first);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users WHERE email = ?", email)).isEqualTo(1);
    // Counted for the metrics: one account created, two sign-ins.
    var meters = dev.gerbang.metrics.Metrics.of(server.gerbang().vertx()).registry();
    assertThat(meters.counter("gerbang.registrations", "method", "social").count()).isEqualTo(1.0);
    assertThat(meters.counter("gerbang.signins", "method", "social", "outcome", "ok").count()).isEqualTo(2.0);
  }

  @Test
  void aVerifiedProviderEmailEqualToAVerifiedAccountEmailLinksThatAccount() {
    String email = TestServer.uniqueEmail();
    String userId = server.register(email).getString("id");
    assertThat(TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE id = ?", userId)).isEqualTo(1);
    oauth.nextUser("google", "google-sub-3", email.toUpperCase(), true);

    JsonObject session = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google")));

    assertThat(session.getJsonObject("user").getString("id")).isEqualTo(userId);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE user_id = ?", userId)).isEqualTo(1);
  }

  @Test
  void anUnverifiedMatchIsNotLinkedAutomatically() {
    String email = TestServer.uniqueEmail();
    server.register(email);
    oauth.nextUser("google", "google-sub-4", email, true);

    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/google"));

    assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=link_required"));
    assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNull();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities")).isZero();
  }

  @Test
  void aSignedInUserLinksFromSettingsAndCannotUnlinkTheLastWayIn() {
    String email = TestServer.uniqueEmail();
    JsonObject me = server.newSessionFor(email);
    String token = me.getString("accessToken");
    // Linking waits for a proven email: until then a link could be a stranger's (PreAccountTakeoverTest).
    assertThat(TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE id = ?", me.getJsonObject("user").getString("id")))
        .isEqualTo(1);
    HttpResponse<Buffer> started = server.post("/api/me/identities/google", token, null);
    assertThat(started.statusCode()).isEqualTo(200);
    String flowCookie = OAuthHarness.cookie(started, SocialRoutes.FLOW_COOKIE);
    oauth.nextUser("google", "google-sub-5", "other-" + email, false);
    OAuthHarness.Step authorize = oauth.get(started.bodyAsJsonObject().getString("authorizeUrl"), null);

    HttpResponse<Buffer> back = oauth.callback(new OAuthHarness.Flow(null, flowCookie, authorize.location()));

    assertThat(back.getHeader("Location")).isEqualTo(server.url("/settings"));
    String userId = me.getJsonObject("user").getString("id");
    assertThat(audited("identity_linked", userId)).containsExactly(new JsonObject().put("provider", "google"));
    assertThat(server.get("/api/me/identities", token).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(server.send(HttpMethod.DELETE, "/api/me/identities/google", token, null).statusCode()).isEqualTo(204);
    assertThat(audited("identity_unlinked", userId)).containsExactly(new JsonObject().put("provider", "google"));
    assertThat(server.send(HttpMethod.DELETE, "/api/me/identities/google", token, null).statusCode()).isEqualTo(404);
    assertThat(audited("identity_unlinked", userId)).hasSize(1);

    oauth.nextUser("google", "google-sub-6", TestServer.uniqueEmail(), true);
    String googleOnly = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google"))).getString("accessToken");
    HttpResponse<Buffer> refused = server.send(HttpMethod.DELETE, "/api/me/identities/google", googleOnly, null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/last-sign-in-method");
  }

  @Test
  void aGoogleOnlyUserCanSetAPasswordLaterAndThenSignInWithIt() {
    String email = TestServer.uniqueEmail();
    oauth.nextUser("google", "google-sub-7", email, true);
    String token = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google"))).getString("accessToken");

    HttpResponse<Buffer> set = server.post("/api/me/password", token, new JsonObject().put("newPassword", "my first real password 7"));

    assertThat(set.statusCode()).isEqualTo(200);
    server.login(email, "my first real password 7");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getBoolean("hasPassword")).isTrue();
  }

  /** ASVS 3.7.1: a stolen access token of an older session cannot add a password, a new way into the account. */
  @Test
  void addingAFirstPasswordNeedsARecentSignInAndAFreshSocialSignInGivesOne() {
    String email = TestServer.uniqueEmail();
    oauth.nextUser("google", "google-sub-8", email, true);
    JsonObject old = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google")));
    assertThat(TestDb.update(server, "UPDATE sessions SET created_at = ? WHERE id = ?", System.currentTimeMillis() - 11 * 60_000L,
        old.getString("sessionId"))).isEqualTo(1);

    HttpResponse<Buffer> refused = server.post("/api/me/password", old.getString("accessToken"),
        new JsonObject().put("newPassword", "a password the thief wants"));

    JsonObject problem = Problems.assertProblem(refused, 403, "reauthentication-required");
    assertThat(problem.getString("detail")).contains("sign in again").contains("Forgot password");
    assertThat(server.get("/api/me", old.getString("accessToken")).bodyAsJsonObject().getBoolean("hasPassword")).isFalse();
    oauth.nextUser("google", "google-sub-8", email, true);
    String fresh = oauth.session(oauth.callback(oauth.run("/api/auth/oauth/google"))).getString("accessToken");
    assertThat(server.post("/api/me/password", fresh, new JsonObject().put("newPassword", "my own first password 8"))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aFacebookLoginUsesTheGraphProfileAndTrustsNoEmail() {
    String email = TestServer.uniqueEmail();
    String existing = server.register(email).getString("id");
    assertThat(TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE id = ?", existing)).isEqualTo(1);
    oauth.nextToken("facebook", "fb-1", java.util.List.of(OAuthHarness.CLIENT_ID),
        java.util.Map.of("email", "fb-" + email, "name", "Fay Book"), 3600);

    HttpResponse<Buffer> first = oauth.callback(oauth.run("/api/auth/oauth/facebook"));

    // Facebook vouches for no email: the account waits for our own link (PreAccountTakeoverTest follows it).
    assertThat(first.getHeader("Location")).isEqualTo(server.url("/login?oauthError=confirm_email"));
    assertThat(TestDb.row(server, "SELECT name, email FROM social_signups WHERE subject = 'fb-1'"))
        .containsEntry("name", "Fay Book").containsEntry("email", "fb-" + email);
    assertThat(audited("oauth_sign_up_pending", null)).containsExactly(new JsonObject().put("provider", "facebook"));
    oauth.nextToken("facebook", "fb-2", java.util.List.of(OAuthHarness.CLIENT_ID), java.util.Map.of("email", email), 3600);
    assertThat(oauth.callback(oauth.run("/api/auth/oauth/facebook")).getHeader("Location"))
        .isEqualTo(server.url("/login?oauthError=link_required"));
  }
}
