package dev.gerbang.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.notify.push.Subscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/me is answered from the node's memory, and every change made through the API shows in the very next
 * answer: the profile, the password, the roles an admin grants, the push devices (registered, moved to another
 * account, removed), and the account's deletion. A row changed behind the server's back is not seen, which is
 * what shows that the fresh answers are the cache's invalidation at work and not a database read.
 */
class MeCacheTest {
  private static final String ENDPOINT = "https://fcm.googleapis.com/fcm/send/me-cache";
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonObject me(String token) {
    HttpResponse<Buffer> me = server.get("/api/me", token);
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    return me.bodyAsJsonObject();
  }

  @Test
  void aRowChangedBehindTheServersBackIsNotSeenButEveryApiChangeIs() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String id = session.getJsonObject("user").getString("id");
    JsonObject before = me(token);

    assertThat(TestDb.update(server, "UPDATE users SET bio = 'written behind the server' WHERE id = ?", id)).isEqualTo(1);
    assertThat(me(token)).as("kept in memory").isEqualTo(before);

    HttpResponse<Buffer> patched = server.send(HttpMethod.PATCH, "/api/me", token, new JsonObject().put("name", "Fresh Name"));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    JsonObject after = me(token);
    assertThat(after.getString("name")).isEqualTo("Fresh Name");
    assertThat(after.getString("bio")).as("the change reloaded the row").isEqualTo("written behind the server");
  }

  @Test
  void aBioOnlyChangeAndAPasswordChangeShowAtOnce() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String updatedAt = me(token).getString("updatedAt");

    assertThat(server.send(HttpMethod.PATCH, "/api/me", token, new JsonObject().put("bio", "only the bio")).statusCode())
        .isEqualTo(200);
    assertThat(me(token).getString("bio")).isEqualTo("only the bio");

    String beforePassword = me(token).getString("updatedAt");
    HttpResponse<Buffer> changed = server.post("/api/me/password", token,
        new JsonObject().put("currentPassword", TestServer.PASSWORD).put("newPassword", "another long passphrase 2026"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(me(token).getString("updatedAt")).isNotEqualTo(beforePassword).isNotEqualTo(updatedAt);
  }

  @Test
  void rolesAnAdminGrantsAndRevokesShowInTheNextAnswer() {
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String id = session.getJsonObject("user").getString("id");
    assertThat(me(token).getJsonArray("roles")).containsExactly("user");

    assertThat(server.send(HttpMethod.PATCH, "/api/admin/users/" + id, admin,
        new JsonObject().put("roles", new JsonArray().add("user").add("editor"))).statusCode()).isEqualTo(200);
    assertThat(me(token).getJsonArray("roles")).containsExactly("editor", "user");

    assertThat(server.send(HttpMethod.PATCH, "/api/admin/users/" + id, admin,
        new JsonObject().put("roles", new JsonArray().add("user"))).statusCode()).isEqualTo(200);
    assertThat(me(token).getJsonArray("roles")).containsExactly("user");
  }

  @Test
  void aBrowserShowsUnderItsOwnerAndMovesWithTheNextSignInOnIt() {
    String alice = server.newSession().getString("accessToken");
    String bob = server.newSession().getString("accessToken");
    assertThat(me(alice).getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();
    assertThat(me(bob).getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();

    Subscriber browser = Subscriber.random();
    JsonObject subscription = new JsonObject().put("endpoint", ENDPOINT)
        .put("keys", new JsonObject().put("p256dh", browser.p256dh()).put("auth", browser.auth()));
    HttpResponse<Buffer> created = server.post("/api/push/subscriptions", alice, subscription);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(me(alice).getJsonObject("pushDevices").getJsonArray("webPush")).hasSize(1);

    // Bob signs in on the same browser: the subscription is his now, and no longer Alice's.
    HttpResponse<Buffer> moved = server.post("/api/push/subscriptions", bob, subscription);
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isIn(200, 201);
    assertThat(me(alice).getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();
    String id = me(bob).getJsonObject("pushDevices").getJsonArray("webPush").getJsonObject(0).getString("id");

    assertThat(server.send(HttpMethod.DELETE, "/api/push/subscriptions/" + id, bob, null).statusCode()).isEqualTo(204);
    assertThat(me(bob).getJsonObject("pushDevices").getJsonArray("webPush")).isEmpty();
  }

  @Test
  void aDeletedAccountIsNotAnsweredFromMemory() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    me(token);

    HttpResponse<Buffer> deleted = server.send(HttpMethod.DELETE, "/api/me", token,
        new JsonObject().put("password", TestServer.PASSWORD));
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(204);
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(401);
  }
}
