package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering browsers and phones: the VAPID key, what a subscription must look like, and whose it is. */
class PushRegistrationTest {
  private static final String ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc:def";

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("push", new JsonObject().put("maxDevicesPerUser", 2)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonObject subscription(String endpoint, Subscriber subscriber) {
    return new JsonObject().put("endpoint", endpoint).put("expirationTime", null)
        .put("keys", new JsonObject().put("p256dh", subscriber.p256dh()).put("auth", subscriber.auth()));
  }

  private JsonArray webPushDevices(String token) {
    return server.get("/api/me", token).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("webPush");
  }

  @Test
  void theVapidKeyIsAPublicP256PointThatSurvivesARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("gerbang-vapid");
    try {
      String first;
      try (TestServer one = TestServer.startOn(dataDir, new JsonObject())) {
        HttpResponse<Buffer> key = one.get("/api/push/vapid-public-key", null);
        assertThat(key.statusCode()).isEqualTo(200);
        first = key.bodyAsJsonObject().getString("publicKey");
        byte[] point = Base64.getUrlDecoder().decode(first);
        assertThat(point).hasSize(65);
        assertThat(WebPushCrypto.isValidPublicKey(point)).isTrue();
      }
      try (TestServer two = TestServer.startOn(dataDir, new JsonObject())) {
        assertThat(two.get("/api/push/vapid-public-key", null).bodyAsJsonObject().getString("publicKey")).isEqualTo(first);
      }
    } finally {
      TestServer.deleteTree(dataDir);
    }
  }

  @Test
  void aSubscriptionIsListedWithoutItsSecretsAndOnlyItsOwnerRemovesIt() {
    JsonObject alice = server.newSession();
    JsonObject bob = server.newSession();
    String aliceToken = alice.getString("accessToken");
    Subscriber browser = Subscriber.random();

    HttpResponse<Buffer> created = server.post("/api/push/subscriptions", aliceToken, subscription(ENDPOINT, browser));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    // The same browser again: the same row, updated.
    HttpResponse<Buffer> again = server.post("/api/push/subscriptions", aliceToken, subscription(ENDPOINT, Subscriber.random()));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);

    JsonArray listed = webPushDevices(aliceToken);
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("service")).isEqualTo("fcm.googleapis.com");
    assertThat(listed.getJsonObject(0).getString("userAgent")).isEqualTo("GerbangTest/1.0");
    assertThat(listed.encode()).doesNotContain("abc:def").doesNotContain(browser.auth());

    Problems.assertProblem(server.send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, bob.getString("accessToken"), null),
        404, "not-found");
    Problems.assertProblem(server.send(HttpMethod.DELETE, "/api/push/subscriptions/nope", aliceToken, null), 404, "not-found");
    assertThat(webPushDevices(aliceToken)).hasSize(1);
    assertThat(server.send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, aliceToken, null).statusCode()).isEqualTo(204);
    assertThat(webPushDevices(aliceToken)).isEmpty();
  }

  @Test
  void aBrowserThatSignsIntoAnotherAccountTakesItsSubscriptionAlong() {
    String alice = server.newSession().getString("accessToken");
    String bob = server.newSession().getString("accessToken");
    Subscriber browser = Subscriber.random();
    server.post("/api/push/subscriptions", alice, subscription(ENDPOINT, browser));
    server.post("/api/push/subscriptions", bob, subscription(ENDPOINT, browser));
    assertThat(webPushDevices(alice)).isEmpty();
    assertThat(webPushDevices(bob)).hasSize(1);
  }

  @Test
  void eachAccountKeepsItsNewestDevicesOnly() throws Exception {
    String alice = server.newSession().getString("accessToken");
    for (int i = 0; i < 3; i++) {
      assertThat(server.post("/api/push/subscriptions", alice, subscription(ENDPOINT + i, Subscriber.random())).statusCode())
          .isEqualTo(201);
      Thread.sleep(5);
    }
    assertThat(webPushDevices(alice)).hasSize(2);
  }

  @Test
  void subscriptionsThatCouldMakeTheServerCallAnywhereOrCannotBeEncryptedToAreRefused() {
    String token = server.newSession().getString("accessToken");
    Subscriber good = Subscriber.random();
    byte[] offCurve = new byte[65];
    offCurve[0] = 4;
    offCurve[64] = 7;
    Object[][] cases = {
        {subscription("http://fcm.googleapis.com/fcm/send/x", good), "endpoint"},
        {subscription("https://169.254.169.254/latest/meta-data", good), "endpoint"},
        {subscription("https://localhost:8080/api/admin/users", good), "endpoint"},
        {subscription("https://fcm.googleapis.com.evil.example/x", good), "endpoint"},
        {subscription("https://user:pw@fcm.googleapis.com/x", good), "endpoint"},
        {subscription("not a url", good), "endpoint"},
        {subscription(ENDPOINT, good).put("keys", "p256dh"), "keys"},
        {subscription(ENDPOINT, good).put("keys", new JsonObject().put("auth", good.auth())), "keys.p256dh"},
        {subscription(ENDPOINT, good).put("keys", new JsonObject().put("p256dh", good.p256dh()).put("auth", "c2hvcnQ")), "keys.auth"},
        {subscription(ENDPOINT, good).put("keys", new JsonObject().put("p256dh", Base64.getUrlEncoder().withoutPadding()
            .encodeToString(offCurve)).put("auth", good.auth())), "keys.p256dh"},
        {subscription(ENDPOINT, good).put("keys", new JsonObject().put("p256dh", "!!!").put("auth", good.auth())), "keys.p256dh"},
        {subscription(ENDPOINT, good).put("extra", 1), "extra"},
    };
    for (Object[] c : cases) {
      List<String> fields = Problems.assertInvalid(server.post("/api/push/subscriptions", token, (JsonObject) c[0]));
      assertThat(fields).as(((JsonObject) c[0]).encode()).contains((String) c[1]);
    }
    assertThat(webPushDevices(token)).isEmpty();
    Problems.assertProblem(server.post("/api/push/subscriptions", null, subscription(ENDPOINT, good)), 401, "unauthorized");
  }

  @Test
  void phonesCannotRegisterWhenMobilePushIsNotConfigured() {
    String token = server.newSession().getString("accessToken");
    Problems.assertProblem(server.post("/api/push/devices", token,
        new JsonObject().put("token", "abc").put("platform", "android")), 503, "push-not-configured");
    Problems.assertProblem(server.post("/api/push/devices", null,
        new JsonObject().put("token", "abc").put("platform", "android")), 401, "unauthorized");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getJsonObject("pushDevices").getJsonArray("mobile")).isEmpty();
  }

  @Test
  void everyRegistrationEndpointButTheKeyWantsASignedInCaller() {
    String id = "0190a5b0-0000-7000-8000-000000000000";
    for (String[] call : new String[][] {{"POST", "/api/push/subscriptions"}, {"DELETE", "/api/push/subscriptions/" + id},
        {"POST", "/api/push/devices"}, {"DELETE", "/api/push/devices/" + id}}) {
      Problems.assertProblem(server.send(HttpMethod.valueOf(call[0]), call[1], null, null), 401, "unauthorized");
    }
    assertThat(server.get("/api/push/vapid-public-key", null).statusCode()).isEqualTo(200);
  }
}
