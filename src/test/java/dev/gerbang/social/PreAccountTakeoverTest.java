package dev.gerbang.social;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-account takeover through social sign-in (ASVS 2.5.x, 3.7.1): a stranger signs in with a provider that does
 * not verify emails, giving the victim's address. No account may come of it, nor may a link made before the
 * owner proved the address survive that proof. Against a real local OpenID provider and a real SMTP server.
 */
class PreAccountTakeoverTest {
  private Mailbox mailbox;
  private OAuthHarness oauth;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    oauth = new OAuthHarness(mailbox.config());
    server = oauth.server;
  }

  @AfterEach
  void stop() {
    oauth.close();
    mailbox.close();
  }

  private void facebookUser(String subject, String email) {
    oauth.nextToken("facebook", subject, List.of(OAuthHarness.CLIENT_ID), Map.of("email", email, "name", "Fay Book"), 3600);
  }

  private long accountsWith(String email) {
    return TestDb.count(server, "SELECT COUNT(*) FROM users WHERE email_normalized = ?", email.toLowerCase());
  }

  private HttpResponse<Buffer> confirm(String token, String browserCookie) {
    var request = server.client().post("/api/auth/oauth/confirm");
    if (browserCookie != null) {
      request.putHeader("Cookie", SignUpRoutes.BROWSER_COOKIE + "=" + browserCookie);
    }
    return TestServer.await(request.sendJsonObject(new JsonObject().put("token", token)));
  }

  @Test
  void aStrangersFacebookSignInWithTheVictimsEmailCreatesNoAccountAndTheVictimCanStillSignUp() {
    String victim = TestServer.uniqueEmail();
    facebookUser("fb-attacker", victim);

    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/facebook"));

    assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=confirm_email"));
    assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).as("no session").isNull();
    assertThat(accountsWith(victim)).isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE subject = 'fb-attacker'")).isZero();
    server.register(victim);
    Mailbox.Mail ask = mailbox.awaitTo(victim, "Finish signing in to Gerbang with Facebook");
    assertThat(ask.text()).contains(server.url("/confirm-sign-up?token=")).contains("If it was not you, ignore this message");
  }

  @Test
  void anOpenIdIssuerThatSaysTheEmailIsUnverifiedCreatesNoAccountEither() {
    String victim = TestServer.uniqueEmail();
    oauth.nextUser("google", "google-unverified", victim, false);

    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/google"));

    assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=confirm_email"));
    assertThat(accountsWith(victim)).isZero();
  }

  @Test
  void theMailedLinkFinishesTheSignUpOnlyOnceAndOnlyInTheBrowserThatSignedIn() {
    String email = TestServer.uniqueEmail();
    facebookUser("fb-owner", email);
    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/facebook?redirect=%2Foauth-complete%3Fnext%3D%252Farticles"));
    String browser = OAuthHarness.cookie(back, SignUpRoutes.BROWSER_COOKIE);
    assertThat(back.cookies()).anySatisfy(cookie -> assertThat(cookie).startsWith(SignUpRoutes.BROWSER_COOKIE + "=")
        .containsIgnoringCase("HttpOnly").contains("Path=/api/auth/oauth"));
    String token = mailbox.awaitTo(email, "Finish signing in").token();

    assertProblem(confirm(token, null), 400, "other-browser");
    assertProblem(confirm(token, "another-browsers-secret"), 400, "other-browser");
    assertProblem(confirm("not-the-token-" + UUID.randomUUID(), browser), 400, "token-invalid");
    assertThat(accountsWith(email)).isZero();

    HttpResponse<Buffer> done = confirm(token, browser);
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getString("redirectPath")).isEqualTo("/oauth-complete?next=%2Farticles");
    JsonObject session = oauth.session(done);
    assertThat(session.getJsonObject("user").getString("email")).isEqualTo(email);
    assertThat(session.getJsonObject("user").getBoolean("emailVerified")).as("the link proved the address").isTrue();
    assertThat(session.getJsonObject("user").getString("name")).isEqualTo("Fay Book");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE subject = 'fb-owner' AND linked_unverified = FALSE"))
        .isEqualTo(1);
    assertProblem(confirm(token, browser), 400, "token-invalid");

    facebookUser("fb-owner", email);
    HttpResponse<Buffer> again = oauth.callback(oauth.run("/api/auth/oauth/facebook"));
    assertThat(again.getHeader("Location")).isEqualTo(server.url("/"));
    assertThat(OAuthHarness.cookie(again, "gerbang_refresh")).isNotNull();
  }

  @Test
  void aLinkForAnEmailThatSignedUpMeanwhileIsRefusedAndASecondTryWithinTheCooldownSendsNoSecondMail() {
    oauth.close();
    mailbox.close();
    mailbox = Mailbox.started();
    oauth = new OAuthHarness(mailbox.config().put("mail", mailbox.config().getJsonObject("mail").put("resendCooldownSeconds", 60)));
    server = oauth.server;
    String email = TestServer.uniqueEmail();
    facebookUser("fb-slow", email);
    String browser = OAuthHarness.cookie(oauth.callback(oauth.run("/api/auth/oauth/facebook")), SignUpRoutes.BROWSER_COOKIE);
    String token = mailbox.awaitTo(email, "Finish signing in").token();

    facebookUser("fb-slow", email);
    assertThat(oauth.callback(oauth.run("/api/auth/oauth/facebook")).getHeader("Location"))
        .isEqualTo(server.url("/login?oauthError=confirm_email_sent"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE template = 'social-sign-up' AND recipient = ?", email))
        .isEqualTo(1);

    server.register(email);
    assertProblem(confirm(token, browser), 409, "email-taken");
    assertThat(accountsWith(email)).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE subject = 'fb-slow'")).isZero();
  }

  @Test
  void anAccountWithAnUnverifiedEmailCannotLinkAnotherAddressesProviderButTheSameVerifiedAddressVerifiesIt() {
    String email = TestServer.uniqueEmail();
    String token = server.newSessionFor(email).getString("accessToken");

    oauth.nextUser("google", "google-other", TestServer.uniqueEmail(), true);
    HttpResponse<Buffer> refused = oauth.link("google", token);
    assertThat(refused.getHeader("Location")).isEqualTo(server.url("/settings?oauthError=verify_email_first"));
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE subject = 'google-other'")).isZero();

    oauth.nextUser("google", "google-same", email, true);
    assertThat(oauth.link("google", token).getHeader("Location")).isEqualTo(server.url("/settings"));
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
  }

  @Test
  void aPasswordResetRemovesAProviderLinkedBeforeTheEmailWasProvenAndTellsTheOwner() {
    String victim = TestServer.uniqueEmail();
    String victimId = server.register(victim).getString("id");
    // The state an attacker reached before this fix (migration V7 flags such rows): their Facebook on the victim's account.
    linkUnproven(victimId, "facebook", "fb-thief", victim);
    facebookUser("fb-thief", victim);
    assertThat(OAuthHarness.cookie(oauth.callback(oauth.run("/api/auth/oauth/facebook")), "gerbang_refresh"))
        .as("the attacker is in, before the owner proves the address").isNotNull();

    assertThat(server.post("/api/auth/password/forgot", new JsonObject().put("email", victim)).statusCode()).isEqualTo(202);
    String reset = mailbox.awaitTo(victim, "Reset").token();
    HttpResponse<Buffer> done = server.post("/api/auth/password/reset", new JsonObject().put("token", reset)
        .put("newPassword", "a brand new passphrase 9"));
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);

    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM identities WHERE user_id = ?", victimId)).isZero();
    Mailbox.Mail notice = mailbox.awaitTo(victim, "We removed a sign-in method");
    assertThat(notice.text()).contains("Facebook");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND type = 'account.identities-removed'",
        victimId)).isEqualTo(1);
    facebookUser("fb-thief", victim);
    HttpResponse<Buffer> thief = oauth.callback(oauth.run("/api/auth/oauth/facebook"));
    assertThat(OAuthHarness.cookie(thief, "gerbang_refresh")).as("the attacker is out").isNull();
    assertThat(thief.getHeader("Location")).isEqualTo(server.url("/login?oauthError=link_required"));
  }

  @Test
  void verifyingTheEmailAlsoRemovesAProviderLinkedBeforeButKeepsOnesLinkedAfter() {
    String email = TestServer.uniqueEmail();
    String userId = server.register(email).getString("id");
    linkUnproven(userId, "facebook", "fb-early", email);
    linkProven(userId, "google", "google-later", email);

    String token = mailbox.awaitTo(email, "Confirm your email").token();
    assertThat(server.post("/api/auth/verify-email", new JsonObject().put("token", token)).statusCode()).isEqualTo(200);

    assertThat(TestDb.rows(server, "SELECT provider FROM identities WHERE user_id = ?", userId))
        .extracting(row -> row.get("provider")).containsExactly("google");
    assertThat(mailbox.awaitTo(email, "We removed a sign-in method").text()).contains("Facebook").doesNotContain("Google");
  }

  @Test
  void withRequireVerifiedEmailAProviderSignInToAnUnverifiedAccountIsRefused() {
    oauth.close();
    oauth = new OAuthHarness(mailbox.config().put("auth", new JsonObject().put("requireVerifiedEmail", true)));
    server = oauth.server;
    String email = TestServer.uniqueEmail();
    String userId = server.register(email).getString("id");
    linkProven(userId, "google", "google-early", email);
    oauth.nextUser("google", "google-early", email, true);

    HttpResponse<Buffer> back = oauth.callback(oauth.run("/api/auth/oauth/google"));

    assertThat(back.getHeader("Location")).isEqualTo(server.url("/login?oauthError=email_unverified"));
    assertThat(OAuthHarness.cookie(back, "gerbang_refresh")).isNull();
  }

  private void linkUnproven(String userId, String provider, String subject, String email) {
    insertIdentity(userId, provider, subject, email, true);
  }

  private void linkProven(String userId, String provider, String subject, String email) {
    insertIdentity(userId, provider, subject, email, false);
  }

  private void insertIdentity(String userId, String provider, String subject, String email, boolean unproven) {
    long now = System.currentTimeMillis();
    assertThat(TestDb.update(server, "INSERT INTO identities (id, user_id, provider, subject, email, email_verified, created_at,"
        + " last_used_at, linked_unverified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), userId, provider,
        subject, email, false, now, now, unproven)).isEqualTo(1);
  }
}
