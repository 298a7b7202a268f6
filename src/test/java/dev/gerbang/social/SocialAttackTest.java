package dev.gerbang.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a social sign-in can be forged, replayed or go wrong ends back in the web app with a clear code. */
class SocialAttackTest {
  private OAuthHarness oauth;
  private TestServer server;

  @BeforeEach
  void start() {
    oauth = new OAuthHarness(new JsonObject().put("oauth", new JsonObject().put("redirectOrigins",
        new io.vertx.core.json.JsonArray().add("https://app.example.com"))));
    server = oauth.server;
  }

  @AfterEach
  void stop() {
    oauth.close();
  }

  private void assertRefused(HttpResponse<Buffer> back, String code) {
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=" + code));
    assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).as("no session on failure").isNull();
    assertThat(back.bodyAsString() == null ? "" : back.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Waits for the audit trail (written after the response) to hold at least this many oauth_failed rows. */
  private long failures(long atLeast) {
    return TestDb.eventuallyCount(server, atLeast, "SELECT COUNT(*) FROM audit_log WHERE event = 'oauth_failed'");
  }

  @Test
  void aForgedStateIsRefused() {
    oauth.nextUser("google", "s1", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow flow = oauth.run("/api/auth/oauth/google");
    String forged = flow.callbackUrl().replaceAll("state=[^&]+", "state=forged-state-value");

    assertRefused(oauth.callback(new OAuthHarness.Flow(null, flow.flowCookie(), forged)), "state_mismatch");
    assertThat(failures(1)).isEqualTo(1);
  }

  @Test
  void aReplayedCallbackAndACallbackWithoutTheBrowsersCookieAreRefused() {
    oauth.nextUser("google", "s2", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow flow = oauth.run("/api/auth/oauth/google");
    assertRefused(oauth.callback(new OAuthHarness.Flow(null, null, flow.callbackUrl())), "state_mismatch");

    oauth.nextUser("google", "s3", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow second = oauth.run("/api/auth/oauth/google");
    assertThat(oauth.callback(second).getHeader("Location")).isEqualTo(server.url("/"));
    assertRefused(oauth.callback(second), "state_mismatch");

    // Another browser's flow cookie does not fit this state either.
    oauth.nextUser("google", "s4", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow mine = oauth.run("/api/auth/oauth/google");
    OAuthHarness.Flow theirs = oauth.run("/api/auth/oauth/google");
    assertRefused(oauth.callback(new OAuthHarness.Flow(null, theirs.flowCookie(), mine.callbackUrl())), "state_mismatch");
  }

  @Test
  void anExpiredFlowIsRefused() {
    oauth.nextUser("google", "s5", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow flow = oauth.run("/api/auth/oauth/google");
    assertThat(TestDb.update(server, "UPDATE oauth_flows SET expires_at = 0")).isEqualTo(1);

    assertRefused(oauth.callback(flow), "flow_expired");
  }

  /**
   * A user slow at the provider comes back after the flow expired, while other sign-ins started meanwhile (which
   * prune old flows), this browser's among them (which replaced its flow cookie), or after the cookie itself
   * expired: each time they are told the sign-in took too long, not that it looked forged.
   */
  @Test
  void aLateCallbackIsToldItsFlowExpiredAfterOtherSignInsStartedOrItsCookieWentAway() {
    oauth.nextUser("google", "s5-late", TestServer.uniqueEmail(), true);
    OAuthHarness.Flow late = oauth.run("/api/auth/oauth/google");
    long now = System.currentTimeMillis();
    assertThat(TestDb.update(server, "UPDATE oauth_flows SET expires_at = ?", now - 60_000)).isEqualTo(1);
    assertThat(TestDb.update(server, "INSERT INTO oauth_flows (id, state_hash, provider, mode, user_id, redirect_path, created_at,"
        + " expires_at) VALUES ('01900000-0000-7000-8000-000000000001', 'x', 'google', 'login', NULL, '/', ?, ?)",
        now - 3 * 86_400_000L, now - 2 * 86_400_000L)).isEqualTo(1);

    assertThat(oauth.get("/api/auth/oauth/google", null).response().statusCode()).isEqualTo(302);
    String newerCookie = OAuthHarness.cookie(oauth.get("/api/auth/oauth/google", null).response(), SocialRoutes.FLOW_COOKIE);

    assertRefused(oauth.callback(late), "flow_expired");
    assertRefused(oauth.callback(new OAuthHarness.Flow(null, newerCookie, late.callbackUrl())), "flow_expired");
    assertRefused(oauth.callback(new OAuthHarness.Flow(null, null, late.callbackUrl())), "flow_expired");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM oauth_flows WHERE id = '01900000-0000-7000-8000-000000000001'"))
        .as("flows expired long ago are still pruned").isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM oauth_flows")).isEqualTo(3);
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() {
    oauth.nextUser("google", "s6", TestServer.uniqueEmail(), true);
    OAuthHarness.Step start = oauth.get("/api/auth/oauth/google", null);
    String cookie = OAuthHarness.cookie(start.response(), SocialRoutes.FLOW_COOKIE);
    String tampered = start.location().replaceAll("nonce=[^&]+", "nonce=an-attackers-nonce");
    OAuthHarness.Step authorize = oauth.get(tampered, null);

    assertRefused(oauth.callback(new OAuthHarness.Flow(null, cookie, authorize.location())), "invalid_token");
  }

  /** Runs a sign-in with the "acme" stand-in issuer and answers the callback's redirect. */
  private HttpResponse<Buffer> signInWith(StandInIssuer acme) {
    try (TestServer gerbang = TestServer.start(acme.config())) {
      return acme.signIn(gerbang, "acme");
    }
  }

  private StandInIssuer standIn() throws Exception {
    return new StandInIssuer(oauth.provider.authorizationEndpointUrl("google").toString());
  }

  @Test
  void aValidTokenFromAThirdConfiguredProviderSignsIn() throws Exception {
    try (StandInIssuer acme = standIn()) {
      HttpResponse<Buffer> back = signInWith(acme);
      assertThat(back.getHeader("Location")).doesNotContain("oauthError");
      assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNotNull();
    }
  }

  @Test
  void anIdTokenSignedWithAKeyTheIssuerDoesNotPublishIsRefused() throws Exception {
    String googleKeys = TestServer.await(server.client().getAbs(oauth.provider.jwksUrl("google").toString()).send()).bodyAsString();
    String googleKid = new JsonObject(googleKeys).getJsonArray("keys").getJsonObject(0).getString("kid");
    try (StandInIssuer acme = standIn()) {
      acme.publish(googleKeys, googleKid);
      HttpResponse<Buffer> back = signInWith(acme);
      assertThat(back.getHeader("Location")).endsWith("/login?oauthError=invalid_token");
      assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNull();
    }
  }

  @Test
  void expiredFutureWrongAudienceAndWrongIssuerIdTokensAreEachRefused() throws Exception {
    List<java.util.function.UnaryOperator<JWTClaimsSet.Builder>> attacks = List.of(
        b -> b.expirationTime(new Date(System.currentTimeMillis() - 600_000)),
        b -> b.issueTime(new Date(System.currentTimeMillis() + 3_600_000)),
        b -> b.audience("some-other-client"),
        b -> b.issuer("https://accounts.evil.example"),
        b -> b.claim("nonce", "not-the-flows-nonce"));
    for (var attack : attacks) {
      try (StandInIssuer acme = standIn()) {
        acme.claims(attack);
        HttpResponse<Buffer> back = signInWith(acme);
        assertThat(back.getHeader("Location")).endsWith("/login?oauthError=invalid_token");
        assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNull();
      }
    }
  }

  @Test
  void aDeniedConsentAndAProviderOutageReturnToTheAppWithTheirCodes() {
    OAuthHarness.Flow flow = oauth.run("/api/auth/oauth/google");
    String denied = flow.callbackUrl().replaceAll("code=[^&]+", "error=access_denied");
    assertRefused(oauth.callback(new OAuthHarness.Flow(null, flow.flowCookie(), denied)), "access_denied");

    OAuthHarness.Flow pending = oauth.run("/api/auth/oauth/google");
    oauth.provider.shutdown();
    assertRefused(oauth.callback(pending), "provider_error");
    assertThat(failures(2)).isEqualTo(2);
  }

  @Test
  void anUnreachableProviderAtTheStartReturnsToTheLoginPage() {
    try (TestServer down = TestServer.start(new JsonObject().put("google", new JsonObject()
        .put("clientId", "x").put("clientSecret", "y").put("issuer", "http://127.0.0.1:9/nowhere")))) {
      HttpResponse<Buffer> start = TestServer.await(down.client().get("/api/auth/oauth/google").send());
      assertThat(start.statusCode()).isEqualTo(302);
      assertThat(start.getHeader("Location")).isEqualTo(down.url("/login?oauthError=provider_error"));
    }
  }

  @Test
  void openRedirectAttemptsAreRefusedAndConfiguredTargetsAllowed() {
    for (String target : List.of("https://evil.example/steal", "//evil.example", "/\\evil.example", "javascript:alert(1)",
        "https://app.example.com.evil.example/", "https://user@app.example.com/")) {
      HttpResponse<Buffer> response = oauth.get("/api/auth/oauth/google?redirect=" + java.net.URLEncoder.encode(target,
          StandardCharsets.UTF_8), null).response();
      assertThat(response.statusCode()).as(target).isEqualTo(400);
      assertThat(response.getHeader("Location")).isNull();
    }
    oauth.nextUser("google", "s9", TestServer.uniqueEmail(), true);
    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/google?redirect="
        + java.net.URLEncoder.encode("https://app.example.com/after-login", StandardCharsets.UTF_8)));
    assertThat(back.getHeader("Location")).isEqualTo("https://app.example.com/after-login");
  }
}
