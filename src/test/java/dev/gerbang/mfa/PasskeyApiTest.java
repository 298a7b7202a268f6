package dev.gerbang.mfa;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The passkey endpoints over HTTP: options for the relying party of the public URL, and every bad or foreign input
 * refused (the full ceremonies run in MfaBrowserTest, against Chromium's virtual authenticator).
 */
class PasskeyApiTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void registrationOptionsAskForADiscoverablePasskeyOnTheRelyingPartyOfThePublicUrl() {
    String access = server.newSession().getString("accessToken");
    HttpResponse<Buffer> options = server.post("/api/me/passkeys/options", access, new JsonObject());
    assertThat(options.statusCode()).as(options.bodyAsString()).isEqualTo(200);
    JsonObject publicKey = options.bodyAsJsonObject().getJsonObject("publicKey");
    assertThat(options.bodyAsJsonObject().getString("challengeId")).isNotBlank();
    assertThat(publicKey.getJsonObject("rp").getString("id")).isEqualTo("localhost");
    assertThat(publicKey.getJsonObject("authenticatorSelection").getString("residentKey")).isEqualTo("required");
    assertThat(publicKey.getString("challenge")).hasSizeGreaterThanOrEqualTo(64);

    HttpResponse<Buffer> signIn = server.post("/api/auth/passkey/options", new JsonObject());
    assertThat(signIn.statusCode()).isEqualTo(200);
    assertThat(signIn.bodyAsJsonObject().getJsonObject("publicKey").getString("rpId")).isEqualTo("localhost");
    assertThat(signIn.bodyAsJsonObject().getJsonObject("publicKey").getString("userVerification")).isEqualTo("required");
    assertThat(signIn.bodyAsJsonObject().getJsonObject("publicKey").containsKey("allowCredentials")).isFalse();
  }

  private static JsonObject fakeCredential() {
    return new JsonObject().put("id", "abc").put("rawId", "abc").put("type", "public-key").put("response", new JsonObject()
        .put("clientDataJSON", "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0").put("authenticatorData", "AAAA").put("signature", "AAAA"));
  }

  @Test
  void aChallengeWorksOnceForItsOwnPurposeAndUser() {
    String alice = server.newSession().getString("accessToken");
    String bob = server.newSession().getString("accessToken");
    String register = server.post("/api/me/passkeys/options", alice, new JsonObject()).bodyAsJsonObject().getString("challengeId");

    // Bob cannot finish Alice's registration, nor can a registration challenge sign anyone in.
    assertProblem(server.post("/api/me/passkeys", bob, new JsonObject().put("challengeId", register).put("credential", fakeCredential())),
        400, "challenge-invalid");
    String again = server.post("/api/me/passkeys/options", alice, new JsonObject()).bodyAsJsonObject().getString("challengeId");
    assertProblem(server.post("/api/auth/passkey", new JsonObject().put("challengeId", again).put("credential", fakeCredential())),
        400, "challenge-invalid");
    assertProblem(server.post("/api/auth/passkey", new JsonObject().put("challengeId", "unknown").put("credential", fakeCredential())),
        400, "challenge-invalid");

    // A credential the authenticator did not make is refused, and its challenge is spent.
    String signIn = server.post("/api/auth/passkey/options", new JsonObject()).bodyAsJsonObject().getString("challengeId");
    assertProblem(server.post("/api/auth/passkey", new JsonObject().put("challengeId", signIn).put("credential", fakeCredential())),
        401, "passkey-rejected");
    assertProblem(server.post("/api/auth/passkey", new JsonObject().put("challengeId", signIn).put("credential", fakeCredential())),
        400, "challenge-invalid");
  }

  @Test
  void badBodiesAndSomeoneElsesPasskeysAreClearProblems() {
    String access = server.newSession().getString("accessToken");
    assertProblem(server.post("/api/auth/passkey", new JsonObject().put("challengeId", "x").put("credential", "text")), 400, "validation");
    assertProblem(server.post("/api/me/passkeys", access, new JsonObject().put("challengeId", "x")), 400, "validation");
    assertProblem(server.send(HttpMethod.PATCH, "/api/me/passkeys/nope", access, new JsonObject().put("name", "Mine")), 404, "not-found");
    assertProblem(server.send(HttpMethod.PATCH, "/api/me/passkeys/nope", access, new JsonObject().put("name", "")), 400, "validation");
    assertProblem(server.send(HttpMethod.DELETE, "/api/me/passkeys/nope", access, null), 404, "not-found");
    assertProblem(server.get("/api/me/passkeys", null), 401, "unauthorized");
    assertThat(server.get("/api/me/passkeys", access).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }
}
