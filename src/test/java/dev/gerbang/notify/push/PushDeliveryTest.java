package dev.gerbang.notify.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.notify.push.StandIn.Received;
import dev.gerbang.notify.push.StandIn.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole way from an event to a device, against a real server: a Web Push service stand-in that checks the
 * VAPID token and decrypts with the subscriber's key, and an FCM stand-in with Google's token endpoint.
 */
class PushDeliveryTest {
  private final Queue<Reply> pushReplies = new ConcurrentLinkedQueue<>();
  private final Queue<Reply> fcmReplies = new ConcurrentLinkedQueue<>();
  private Vertx vertx;
  private StandIn push;
  private StandIn google;
  private StandIn fcm;
  private Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("gerbang-push-e2e");
    push = StandIn.start(vertx, request -> {
      Reply scripted = pushReplies.poll();
      return scripted != null ? scripted : Reply.of(201);
    });
    google = StandIn.start(vertx, request -> Reply.json(200, new JsonObject().put("access_token", "ya29.stand-in")
        .put("expires_in", 3600).put("token_type", "Bearer")));
    fcm = StandIn.start(vertx, request -> {
      Reply scripted = fcmReplies.poll();
      return scripted != null ? scripted : Reply.json(200, new JsonObject().put("name", "projects/p/messages/1"));
    });
    Path account = ServiceAccounts.write(dir, "gerbang-e2e", google.origin() + "/token");
    server = TestServer.start(new JsonObject()
        .put("mail", new JsonObject().put("retryBaseMillis", 200).put("pollMillis", 100))
        .put("push", new JsonObject()
            .put("webPush", new JsonObject().put("endpointHosts", new JsonArray().add("127.0.0.1")).put("allowHttp", true))
            .put("fcm", new JsonObject().put("credentialsFile", account.toString()).put("apiUrl", fcm.origin()))));
  }

  @AfterEach
  void stop() {
    server.close();
    push.close();
    google.close();
    fcm.close();
    TestServer.await(vertx.close());
    TestServer.deleteTree(dir);
  }

  private record Account(String token, String userId) {
  }

  private Account account(String... roles) {
    JsonObject session = server.newSessionWithRoles(roles);
    return new Account(session.getString("accessToken"), session.getJsonObject("user").getString("id"));
  }

  private String subscribe(Account who, Subscriber subscriber, String path) {
    HttpResponse<Buffer> saved = server.post("/api/push/subscriptions", who.token(), new JsonObject()
        .put("endpoint", push.origin() + path).put("expirationTime", null)
        .put("keys", new JsonObject().put("p256dh", subscriber.p256dh()).put("auth", subscriber.auth())));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(201);
    return saved.bodyAsJsonObject().getString("id");
  }

  private String article(Account editor) {
    HttpResponse<Buffer> created = server.post("/api/articles", editor.token(),
        new JsonObject().put("title", "Pushed " + System.nanoTime()).put("body", "Text").put("status", "published"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("slug");
  }

  /**
   * The pushes queued for this account on this channel: outbox rows, written in the transaction of the comment
   * (or record) that caused them, so they are all there when its response arrives.
   */
  private long pushesQueued(Account who, String channel) {
    return TestDb.count(server, "SELECT COUNT(*) FROM outbox WHERE user_id = ? AND channel = ?", who.userId(), channel);
  }

  /** The account's devices, as GET /api/me lists them. */
  private JsonObject devices(Account who) {
    HttpResponse<Buffer> me = server.get("/api/me", who.token());
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    return me.bodyAsJsonObject().getJsonObject("pushDevices");
  }

  private void comment(Account who, String slug) {
    assertThat(server.post("/api/articles/" + slug + "/comments", who.token(), new JsonObject().put("body", "Nice")).statusCode())
        .isEqualTo(201);
  }

  /** The push as the browser would read it, after checking the VAPID token the push service would check. */
  private JsonObject opened(Received request, Subscriber subscriber) throws Exception {
    assertThat(request.header("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(request.header("TTL")).isEqualTo("86400");
    assertThat(request.header("Urgency")).isIn("normal", "high");
    JsonObject claims = Jwts.vapidClaims(request.header("Authorization"),
        server.get("/api/push/vapid-public-key", null).bodyAsJsonObject().getString("publicKey"));
    assertThat(claims.getString("aud")).isEqualTo(push.origin());
    assertThat(claims.getString("sub")).isEqualTo("mailto:no-reply@localhost");
    return new JsonObject(new String(subscriber.decrypt(request.body().getBytes()), StandardCharsets.UTF_8));
  }

  private JsonArray outbox(Account admin, String status) {
    HttpResponse<Buffer> page = server.get("/api/admin/outbox?status=" + status, admin.token());
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void aCommentIsPushedEncryptedToTheAuthorsBrowserAndMatchesTheInbox() throws Exception {
    Account author = account("editor");
    Account reader = account();
    Subscriber browser = Subscriber.random();
    subscribe(author, browser, "/push/author-browser");
    String slug = article(author);

    comment(reader, slug);
    Received request = push.next();
    assertThat(request.path()).isEqualTo("/push/author-browser");
    JsonObject payload = opened(request, browser);
    JsonObject inboxRow = server.get("/api/notifications", author.token()).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(payload.getString("id")).isEqualTo(inboxRow.getString("id"));
    assertThat(payload.getString("type")).isEqualTo("comment.on-article");
    assertThat(payload.getString("title")).isEqualTo(inboxRow.getString("title"));
    assertThat(payload.getString("path")).startsWith("/articles/" + slug + "#comment-");

    // Push turned off for this type: no push is queued (so none can go out), the inbox still gets it.
    HttpResponse<Buffer> off = server.send(HttpMethod.PUT, "/api/me/notification-preferences", author.token(),
        new JsonObject().put("comment.on-article", new JsonObject().put("push", false)));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    comment(reader, slug);
    assertThat(pushesQueued(author, "webpush")).as("only the first comment's push").isEqualTo(1);
    assertThat(server.get("/api/notifications", author.token()).bodyAsJsonObject().getLong("total")).isEqualTo(2);
  }

  @Test
  void aBusyPushServiceIsRetriedAfterItsDelayAndAGoneSubscriptionIsRemoved() throws Exception {
    Account admin = account("admin");
    Account author = account("editor");
    Account reader = account();
    Subscriber browser = Subscriber.random();
    subscribe(author, browser, "/push/busy");
    String slug = article(author);

    pushReplies.add(Reply.of(429).withHeader("Retry-After", "1"));
    pushReplies.add(Reply.of(201));
    comment(reader, slug);
    Received first = push.next();
    Received second = push.next();
    assertThat(opened(second, browser)).isEqualTo(opened(first, browser));
    // Marked sent just after the stand-in answered the second attempt.
    JsonObject sent = TestDb.eventually(() -> outbox(admin, "sent").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("channel").equals("webpush")).findFirst().orElse(null), m -> m != null);
    assertThat(sent).isNotNull();
    assertThat(sent.getLong("attempts")).isEqualTo(2);

    pushReplies.add(Reply.of(410));
    comment(reader, slug);
    push.next();
    assertThat(TestDb.eventually(() -> devices(author).getJsonArray("webPush"), JsonArray::isEmpty)).isEmpty();
    // The subscription is removed first, then the row is marked dead with the answer that removed it.
    JsonArray deadRows = TestDb.eventually(() -> outbox(admin, "dead"), rows -> !rows.isEmpty());
    assertThat(deadRows).hasSize(1);
    JsonObject dead = deadRows.getJsonObject(0);
    assertThat(dead.getString("channel")).isEqualTo("webpush");
    assertThat(dead.getString("lastError")).contains("removed").contains("410");

    // The subscription is gone, so the next comment queues no push for it (the outbox holds the two before).
    comment(reader, slug);
    assertThat(pushesQueued(author, "webpush")).as("no push to a removed subscription").isEqualTo(2);
    assertThat(server.get("/api/notifications", author.token()).bodyAsJsonObject().getLong("total")).isEqualTo(3);
  }

  @Test
  void aMedicalRecordPushSaysOnlyThatOneIsAvailable() throws Exception {
    MedicalWorld world = new MedicalWorld(server);
    MedicalWorld.Person patient = world.patient("Ayu Lestari");
    MedicalWorld.Person doctor = world.doctor("Dr. Sari", "Internal medicine");
    Subscriber phone = Subscriber.random();
    subscribe(new Account(patient.token(), patient.userId()), phone, "/push/patient");

    String recordId = world.record(doctor, patient, "2026-01-15", "Persistent dry cough", "Mild asthma (J45.909)");
    JsonObject payload = opened(push.next(), phone);
    assertThat(payload.getString("type")).isEqualTo("medical.record");
    assertThat(payload.getString("path")).isEqualTo("/medical-records/" + recordId);
    for (String secret : new String[] {"cough", "asthma", "J45", "Sari", "Internal", "2026-01-15", "Ayu"}) {
      assertThat(payload.encode()).doesNotContainIgnoringCase(secret);
    }
  }

  @Test
  void aPhoneGetsItOverFcmAndAnUnregisteredTokenIsRemoved() throws Exception {
    Account author = account("editor");
    Account reader = account();
    HttpResponse<Buffer> device = server.post("/api/push/devices", author.token(),
        new JsonObject().put("token", "fcm-token-of-the-phone").put("platform", "android").put("name", "Pixel"));
    assertThat(device.statusCode()).as(device.bodyAsString()).isEqualTo(201);
    String slug = article(author);

    comment(reader, slug);
    assertThat(google.next().path()).isEqualTo("/token");
    Received send = fcm.next();
    assertThat(send.path()).isEqualTo("/v1/projects/gerbang-e2e/messages:send");
    assertThat(send.header("Authorization")).isEqualTo("Bearer ya29.stand-in");
    JsonObject message = send.body().toJsonObject().getJsonObject("message");
    assertThat(message.getString("token")).isEqualTo("fcm-token-of-the-phone");
    assertThat(message.getJsonObject("data").getString("type")).isEqualTo("comment.on-article");
    assertThat(message.getJsonObject("notification").getString("title")).startsWith("New comment on");

    fcmReplies.add(Reply.json(404, new JsonObject("{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}")));
    comment(reader, slug);
    fcm.next();
    assertThat(TestDb.eventually(() -> devices(author).getJsonArray("mobile"), JsonArray::isEmpty)).isEmpty();
    comment(reader, slug);
    assertThat(pushesQueued(author, "fcm")).as("no push to an unregistered phone").isEqualTo(2);
  }

  @Test
  void phonesRegisterWellFormedTokensAndOnlyTheirOwnersRemoveThem() {
    Account alice = account();
    Account bob = account();
    JsonObject[] bad = {
        new JsonObject().put("platform", "android"),
        new JsonObject().put("token", "has spaces in it").put("platform", "android"),
        new JsonObject().put("token", "x".repeat(1025)).put("platform", "android"),
        new JsonObject().put("token", "abc").put("platform", "symbian"),
        new JsonObject().put("token", "abc").put("platform", "ios").put("name", ""),
        new JsonObject().put("token", "abc").put("platform", "ios").put("owner", "me"),
    };
    for (JsonObject body : bad) {
      dev.gerbang.Problems.assertInvalid(server.post("/api/push/devices", alice.token(), body));
    }
    HttpResponse<Buffer> saved = server.post("/api/push/devices", alice.token(),
        new JsonObject().put("token", "phone-1").put("platform", "ios").put("name", "iPhone"));
    assertThat(saved.statusCode()).isEqualTo(201);
    String id = saved.bodyAsJsonObject().getString("id");
    JsonArray mobile = devices(alice).getJsonArray("mobile");
    assertThat(mobile).hasSize(1);
    assertThat(mobile.getJsonObject(0).getString("name")).isEqualTo("iPhone");
    assertThat(mobile.encode()).doesNotContain("phone-1");
    dev.gerbang.Problems.assertProblem(server.send(HttpMethod.DELETE, "/api/push/devices/" + id, bob.token(), null), 404, "not-found");
    assertThat(server.send(HttpMethod.DELETE, "/api/push/devices/" + id, alice.token(), null).statusCode()).isEqualTo(204);
  }
}
