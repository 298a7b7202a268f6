package dev.gerbang.auth;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer access tokens: every way a token can be missing, malformed, forged, expired or outlive its session
 * is a 401 with the right problem type. Forged tokens are built by hand, with the server's real key where
 * only one claim is wrong, so that each test fails for the one reason it names.
 */
class TokenTest {
  private TestServer server;
  private JsonObject session;

  @BeforeEach
  void start() {
    server = TestServer.start();
    session = server.newSession();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> me(String authorization) {
    var request = server.client().get("/api/me");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return TestServer.await(request.send());
  }

  private HttpResponse<Buffer> meWithToken(String token) {
    return me("Bearer " + token);
  }

  private String userId() {
    return session.getJsonObject("user").getString("id");
  }

  /** The live session's own claims, so that a forged variant differs from a valid token in one claim only. */
  private JsonObject liveClaims() {
    return Jwts.claims(userId(), session.getString("sessionId"));
  }

  private void assertInvalidToken(String token) {
    assertProblem(meWithToken(token), 401, "invalid-token");
  }

  @Test
  void theIssuedTokenAndAHandForgedTwinWithTheRealKeyAreBothAccepted() {
    HttpResponse<Buffer> issued = meWithToken(session.getString("accessToken"));
    HttpResponse<Buffer> forged = meWithToken(Jwts.signReal(server, liveClaims()));

    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(issued.bodyAsJsonObject().getString("id")).isEqualTo(userId());
    // The control for every forged case below: only the claim each one breaks makes it fail.
    assertThat(forged.statusCode()).isEqualTo(200);
    assertThat(forged.bodyAsJsonObject().getString("id")).isEqualTo(userId());
  }

  @Test
  void noAuthorizationHeaderIs401UnauthorizedWithABearerChallenge() {
    JsonObject problem = assertProblem(me(null), 401, "unauthorized");

    assertThat(problem.getString("detail")).contains("Bearer");
  }

  @Test
  void anotherSchemeOrAnEmptyBearerIs401Unauthorized() {
    assertProblem(me("Basic dXNlcjpwYXNzd29yZA=="), 401, "unauthorized");
    assertProblem(me(session.getString("accessToken")), 401, "unauthorized");
    assertProblem(me("Bearer "), 401, "unauthorized");
  }

  @Test
  void garbageTokensAre401InvalidToken() {
    assertInvalidToken("not-a-jwt");
    assertInvalidToken("a.b.c");
    assertInvalidToken(session.getString("accessToken") + "x");
    assertInvalidToken("x".repeat(4000));
  }

  @Test
  void aTamperedPayloadKeepingTheSignatureIs401() {
    String[] parts = session.getString("accessToken").split("\\.");
    JsonObject claims = Jwts.decodePart(session.getString("accessToken"), 1).put("roles", new JsonArray().add("admin"));
    String tampered = parts[0] + "." + Jwts.part(claims) + "." + parts[2];

    assertInvalidToken(tampered);
    assertProblem(server.get("/api/admin/users", tampered), 401, "invalid-token");
  }

  @Test
  void anUnsignedAlgNoneTokenIs401() {
    String unsigned = Jwts.part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + Jwts.part(liveClaims()) + ".";

    assertInvalidToken(unsigned);
    assertInvalidToken(unsigned + "c2lnbmF0dXJl");
  }

  @Test
  void aTokenSignedWithAnotherSecretIs401WhateverKidItNames() {
    String otherSecret = "not-the-server-secret-" + UUID.randomUUID();
    String realKid = Jwts.kidOf(Jwts.realSecret(server));

    assertInvalidToken(Jwts.sign(Jwts.header(realKid), liveClaims(), otherSecret));
    assertInvalidToken(Jwts.sign(Jwts.header(Jwts.kidOf(otherSecret)), liveClaims(), otherSecret));
  }

  @Test
  void aTokenNamingAnUnknownKidIs401() {
    assertInvalidToken(Jwts.sign(Jwts.header("000000000000"), liveClaims(), Jwts.realSecret(server)));
  }

  @Test
  void aWrongIssuerOrAudienceIs401() {
    JsonObject noIssuer = liveClaims();
    noIssuer.remove("iss");
    JsonObject noAudience = liveClaims();
    noAudience.remove("aud");

    assertInvalidToken(Jwts.signReal(server, liveClaims().put("iss", "someone-else")));
    assertInvalidToken(Jwts.signReal(server, noIssuer));
    assertInvalidToken(Jwts.signReal(server, liveClaims().put("aud", "another-api")));
    assertInvalidToken(Jwts.signReal(server, liveClaims().put("aud", new JsonArray().add("another-api"))));
    assertInvalidToken(Jwts.signReal(server, noAudience));
  }

  @Test
  void anExpiredTokenIs401EvenForALiveSession() {
    long now = System.currentTimeMillis() / 1000;

    assertInvalidToken(Jwts.signReal(server, liveClaims().put("iat", now - 960).put("exp", now - 60)));
  }

  @Test
  void aTokenIssuedInTheFutureIs401() {
    long now = System.currentTimeMillis() / 1000;

    assertInvalidToken(Jwts.signReal(server, liveClaims().put("iat", now + 3600).put("exp", now + 4500)));
  }

  @Test
  void aTokenWithoutSubOrSidIs401() {
    JsonObject noSid = liveClaims();
    noSid.remove("sid");
    JsonObject noSub = liveClaims();
    noSub.remove("sub");

    assertInvalidToken(Jwts.signReal(server, noSid));
    assertInvalidToken(Jwts.signReal(server, noSub));
  }

  @Test
  void aValidlySignedTokenWhoseSidIsNoSessionIs401() {
    assertInvalidToken(Jwts.signReal(server, Jwts.claims(userId(), UUID.randomUUID().toString())));
  }

  @Test
  void aValidlySignedTokenPairingMySubWithSomeoneElsesSessionIs401() {
    JsonObject other = server.newSession();

    assertInvalidToken(Jwts.signReal(server, Jwts.claims(userId(), other.getString("sessionId"))));
    assertThat(meWithToken(other.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void afterLogoutTheAccessTokenIsRefusedOnEveryEventLoop() {
    String token = session.getString("accessToken");
    assertThat(fireOnFreshConnections(token, 20)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));

    assertThat(server.post("/api/auth/logout", token, null).statusCode()).isEqualTo(204);

    // A fresh connection per request: the server spreads connections over its two HTTP verticles.
    assertThat(fireOnFreshConnections(token, 20)).allSatisfy(r -> assertProblem(r, 401, "invalid-token"));
  }

  private List<HttpResponse<Buffer>> fireOnFreshConnections(String token, int count) {
    List<Future<HttpResponse<Buffer>>> inFlight = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.add(server.request(HttpMethod.GET, "/api/me", token).putHeader("Connection", "close").send());
    }
    return inFlight.stream().map(TestServer::await).toList();
  }

  @Test
  void theTokenOfADeletedAccountIs401() {
    String token = session.getString("accessToken");
    assertThat(meWithToken(token).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> deleted = server.send(HttpMethod.DELETE, "/api/me", token,
        new JsonObject().put("password", TestServer.PASSWORD));

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertInvalidToken(token);
    assertInvalidToken(Jwts.signReal(server, liveClaims()));
  }
}
