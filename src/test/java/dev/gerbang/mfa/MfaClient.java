package dev.gerbang.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.web.client.HttpResponse;

/** What the MFA tests do over HTTP: enrol TOTP, compute codes as an authenticator app would, sign in in two steps. */
public final class MfaClient {
  private final TestServer server;

  public MfaClient(TestServer server) {
    this.server = server;
  }

  /** The code of an authenticator app for this secret, steps from now (-1: the previous 30 s, 0: now). */
  public static String code(String secret, int stepsFromNow) {
    return Totp.code(new OtpKey().setKey(secret).getKeyBytes(), Totp.step(System.currentTimeMillis() / 1000) + stepsFromNow, Totp.DIGITS);
  }

  /** Enrols TOTP for the signed-in user with the previous step's code: the secret and the recovery codes. */
  public Enrolled enrol(String accessToken) {
    HttpResponse<Buffer> started = server.post("/api/me/mfa/totp", accessToken, new JsonObject());
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(200);
    String secret = started.bodyAsJsonObject().getString("secret");
    // The previous step's code is accepted only while the server is still in the step after it: close to the end of a
    // step, the request could reach the server in the next one (a CI run on PostgreSQL met that once). Start it fresh.
    long intoStep = System.currentTimeMillis() % (Totp.PERIOD_SECONDS * 1000L);
    if (intoStep > Totp.PERIOD_SECONDS * 1000L - 2_000) {
      Mailbox.sleep(Totp.PERIOD_SECONDS * 1000L - intoStep + 50);
    }
    HttpResponse<Buffer> confirmed = server.post("/api/me/mfa/totp/confirm", accessToken, new JsonObject().put("code", code(secret, -1)));
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    return new Enrolled(secret, confirmed.bodyAsJsonObject().getJsonArray("recoveryCodes").stream().map(String::valueOf).toList());
  }

  public record Enrolled(String secret, java.util.List<String> recoveryCodes) {
  }

  HttpResponse<Buffer> login(String email) {
    return server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD));
  }

  /** A password sign-in that must stop at the second step: its mfaToken. */
  public String firstStep(String email) {
    HttpResponse<Buffer> response = login(email);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getBoolean("mfaRequired")).isTrue();
    assertThat(body.containsKey("accessToken")).isFalse();
    assertThat(body.containsKey("refreshToken")).isFalse();
    assertThat(response.cookies()).noneMatch(cookie -> cookie.startsWith("gerbang_refresh="));
    return body.getString("mfaToken");
  }

  public HttpResponse<Buffer> second(String mfaToken, String field, String value) {
    return server.post("/api/auth/mfa", new JsonObject().put("mfaToken", mfaToken).put(field, value));
  }
}
