package dev.gerbang.auth;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.LogCapture;
import dev.gerbang.TestServer;
import dev.gerbang.audit.AuditTrail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After POST /api/admin/keys/rotate every token is signed with the new key, and only with it, while tokens of
 * the previous key stay valid until they expire. (vertx-auth's JWT signs with a key picked at random among those
 * it holds; a signer that also held the previous keys went on signing with them about every other token.)
 */
class KeyRotationTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonObject header(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  @Test
  void afterARotationOnlyTheNewKeySignsAndTheOldKeysTokensStillVerify() {
    JsonObject adminSession = server.newSessionWithRoles("admin");
    String admin = adminSession.getString("accessToken");
    String before = server.newSession().getString("accessToken");

    HttpResponse<Buffer> rotated = TestServer.await(server.request(HttpMethod.POST, "/api/admin/keys/rotate", admin)
        .putHeader("X-Request-Id", "rotate-req-0001").send());
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String kid = rotated.bodyAsJsonObject().getString("signingKid");
    assertThat(kid).isNotEqualTo(header(before).getString("kid"));
    // The row is written before the answer: there as soon as the answer is.
    List<JsonObject> audited = AuditTrail.entries(server, admin, "signing_key_rotated", null);
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).getString("actorId")).isEqualTo(adminSession.getJsonObject("user").getString("id"));
    assertThat(audited.get(0).getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(audited.get(0).getString("requestId")).isEqualTo("rotate-req-0001");
    assertThat(audited.get(0).getJsonObject("detail")).isEqualTo(new JsonObject().put("signingKid", kid));

    String email = TestServer.uniqueEmail();
    server.register(email);
    Set<String> kids = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
      kids.add(header(token).getString("kid"));
      assertThat(server.get("/api/me", token).statusCode()).isEqualTo(200);
    }
    assertThat(kids).as("the keys that signed 16 tokens after the rotation").containsExactly(kid);
    assertThat(server.get("/api/me", before).statusCode()).as("a token of the previous key").isEqualTo(200);
  }

  @Test
  void onlyAnAdminRotatesAndARefusedCallChangesNoKey() {
    String user = server.newSession().getString("accessToken");
    String editor = server.newSessionWithRoles("editor").getString("accessToken");
    String kid = header(user).getString("kid");

    assertProblem(server.post("/api/admin/keys/rotate", null, null), 401, "unauthorized");
    assertProblem(server.post("/api/admin/keys/rotate", "not.a.token", null), 401, "invalid-token");
    assertProblem(server.post("/api/admin/keys/rotate", user, null), 403, "forbidden");
    assertProblem(server.post("/api/admin/keys/rotate", editor, null), 403, "forbidden");

    assertThat(header(server.newSession().getString("accessToken")).getString("kid")).isEqualTo(kid);
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    assertThat(AuditTrail.entries(server, admin, "signing_key_rotated", null)).isEmpty();
  }

  @Test
  void aRotationWhoseAuditRowCannotBeWrittenStillAnswersItsNewKeyWhichIsInUse() throws Exception {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    String kid;
    try (LogCapture errors = LogCapture.of("dev.gerbang.admin.KeyRoutes"); AutoCloseable refused = AuditTrail.refuseWrites(server)) {
      HttpResponse<Buffer> rotated = server.post("/api/admin/keys/rotate", admin, null);
      assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
      kid = rotated.bodyAsJsonObject().getString("signingKid");
      assertThat(errors.lines()).anyMatch(line -> line.startsWith("ERROR") && line.contains("audit row could not be written")
          && line.contains(kid));
    }
    assertThat(header(server.newSession().getString("accessToken")).getString("kid")).isEqualTo(kid);
    assertThat(AuditTrail.entries(server, admin, "signing_key_rotated", null)).isEmpty();
  }
}
