package dev.gerbang.notify.push;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.audit.AuditTrail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adding and removing a browser or a phone is audited in the same transaction as the change: the row is there as
 * soon as the answer is (read once, no polling), with who, from where and under which request id; a refused change
 * writes none, and a change whose row cannot be written does not happen.
 */
class PushAuditTest {
  private static final String ENDPOINT = "https://fcm.googleapis.com/fcm/send/audit:";

  private Path dir;
  private TestServer server;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("gerbang-push-audit");
    // FCM is configured (so phones may register); no push is sent here, so its endpoints are never called.
    Path account = ServiceAccounts.write(dir, "gerbang-audit", "http://127.0.0.1:9/token");
    server = TestServer.start(new JsonObject().put("push", new JsonObject().put("maxDevicesPerUser", 2)
        .put("fcm", new JsonObject().put("credentialsFile", account.toString()).put("apiUrl", "http://127.0.0.1:9"))));
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    server.close();
    TestServer.deleteTree(dir);
  }

  private record Account(String userId, String token) {
  }

  private Account account() {
    JsonObject session = server.newSession();
    return new Account(session.getJsonObject("user").getString("id"), session.getString("accessToken"));
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, Account who, String requestId, JsonObject body) {
    var request = server.request(method, path, who.token()).putHeader("X-Request-Id", requestId);
    return TestServer.await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static JsonObject subscription(String endpoint) {
    Subscriber browser = Subscriber.random();
    return new JsonObject().put("endpoint", endpoint)
        .put("keys", new JsonObject().put("p256dh", browser.p256dh()).put("auth", browser.auth()));
  }

  private List<JsonObject> audit(String event, Account about) {
    return AuditTrail.entries(server, admin, event, about.userId());
  }

  /** The one entry of this event about the user: done by them, from the test's address, under the request's id. */
  private static void assertByOwner(List<JsonObject> entries, Account owner, String requestId, JsonObject detail) {
    assertThat(entries).hasSize(1);
    JsonObject entry = entries.get(0);
    assertThat(entry.getString("userId")).isEqualTo(owner.userId());
    assertThat(entry.getString("actorId")).isEqualTo(owner.userId());
    assertThat(entry.getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(entry.getString("requestId")).isEqualTo(requestId);
    assertThat(entry.getJsonObject("detail")).isEqualTo(detail);
  }

  @Test
  void aBrowserSubscribingAndUnsubscribingIsAuditedByTheTimeItIsAnswered() {
    Account alice = account();
    Account bob = account();

    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/push/subscriptions", alice, "push-sub-0001", subscription(ENDPOINT + 1));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().fieldNames()).containsExactly("id");
    String id = created.bodyAsJsonObject().getString("id");
    assertByOwner(audit("push_subscribed", alice), alice, "push-sub-0001", new JsonObject().put("subscriptionId", id));

    assertProblem(send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, bob, "push-unsub-bob", null), 404, "not-found");
    assertThat(audit("push_unsubscribed", alice)).as("someone else's removal changed nothing").isEmpty();
    assertThat(audit("push_unsubscribed", bob)).isEmpty();
    assertProblem(send(HttpMethod.POST, "/api/push/subscriptions", alice, "push-sub-bad", subscription("http://insecure.example/x")),
        400, "validation");
    assertThat(audit("push_subscribed", alice)).as("a refused subscription is not audited").hasSize(1);

    HttpResponse<Buffer> removed = send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, alice, "push-unsub-0001", null);
    assertThat(removed.statusCode()).isEqualTo(204);
    assertByOwner(audit("push_unsubscribed", alice), alice, "push-unsub-0001", new JsonObject().put("subscriptionId", id));
    assertThat(send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, alice, "push-unsub-0002", null).statusCode())
        .isEqualTo(404);
    assertThat(audit("push_unsubscribed", alice)).as("a second removal of the same browser").hasSize(1);
  }

  @Test
  void aPhoneRegisteringAndBeingRemovedIsAuditedByTheTimeItIsAnswered() {
    Account alice = account();
    Account bob = account();
    JsonObject phone = new JsonObject().put("token", "fcm-token-audit").put("platform", "android").put("name", "Pixel");

    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/push/devices", alice, "push-dev-0001", phone);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertByOwner(audit("push_device_registered", alice), alice, "push-dev-0001", new JsonObject().put("deviceId", id));
    // The same phone again is an update (200), audited as well: its owner and name may have changed.
    HttpResponse<Buffer> again = send(HttpMethod.POST, "/api/push/devices", alice, "push-dev-0002", phone);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", id));
    assertThat(audit("push_device_registered", alice)).extracting(e -> e.getString("requestId"))
        .containsExactly("push-dev-0002", "push-dev-0001");

    assertProblem(send(HttpMethod.DELETE, "/api/push/devices/" + id, bob, "push-rm-bob", null), 404, "not-found");
    assertThat(audit("push_device_removed", alice)).isEmpty();
    assertThat(audit("push_device_removed", bob)).isEmpty();

    assertThat(send(HttpMethod.DELETE, "/api/push/devices/" + id, alice, "push-rm-0001", null).statusCode()).isEqualTo(204);
    assertByOwner(audit("push_device_removed", alice), alice, "push-rm-0001", new JsonObject().put("deviceId", id));
  }

  @Test
  void aRegistrationWhoseAuditRowCannotBeWrittenIsNotSaved() throws Exception {
    Account alice = account();
    try (AutoCloseable refused = AuditTrail.refuseWrites(server)) {
      assertThat(send(HttpMethod.POST, "/api/push/subscriptions", alice, "push-sub-refused", subscription(ENDPOINT + 2)).statusCode())
          .isEqualTo(500);
      assertThat(send(HttpMethod.POST, "/api/push/devices", alice, "push-dev-refused",
          new JsonObject().put("token", "fcm-token-refused").put("platform", "ios")).statusCode()).isEqualTo(500);
    }
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM push_subscriptions WHERE user_id = ?", alice.userId())).isZero();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM push_devices WHERE user_id = ?", alice.userId())).isZero();
    JsonObject devices = server.get("/api/me", alice.token()).bodyAsJsonObject().getJsonObject("pushDevices");
    assertThat(devices.getJsonArray("webPush")).isEmpty();
    assertThat(devices.getJsonArray("mobile")).isEmpty();
  }

  @Test
  void aRemovalWhoseAuditRowCannotBeWrittenKeepsTheDevice() throws Exception {
    Account alice = account();
    String id = send(HttpMethod.POST, "/api/push/devices", alice, "push-dev-kept",
        new JsonObject().put("token", "fcm-token-kept").put("platform", "android")).bodyAsJsonObject().getString("id");
    try (AutoCloseable refused = AuditTrail.refuseWrites(server)) {
      assertThat(send(HttpMethod.DELETE, "/api/push/devices/" + id, alice, "push-rm-refused", null).statusCode()).isEqualTo(500);
    }
    assertThat(server.get("/api/me", alice.token()).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("mobile"))
        .extracting(d -> ((JsonObject) d).getString("id")).containsExactly(id);
    assertThat(audit("push_device_removed", alice)).isEmpty();
  }
}
