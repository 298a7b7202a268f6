package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What the notification tests do over HTTP: people, an article to comment on, and their inboxes. */
final class Inbox {
  /** A signed-in account. */
  record Person(String token, String userId, String email) {
  }

  private final TestServer server;

  Inbox(TestServer server) {
    this.server = server;
  }

  Person person(String... roles) {
    JsonObject session = server.newSessionWithRoles(roles);
    JsonObject user = session.getJsonObject("user");
    return new Person(session.getString("accessToken"), user.getString("id"), user.getString("email"));
  }

  /** Publishes an article as the editor; answers its slug. */
  String article(Person editor, String title) {
    HttpResponse<Buffer> created = server.post("/api/articles", editor.token(),
        new JsonObject().put("title", title).put("body", "About " + title).put("status", "published"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("slug");
  }

  /** Comments (or replies, when parentId is given); answers the comment's id. */
  String comment(Person who, String slug, String body, String parentId) {
    JsonObject comment = new JsonObject().put("body", body);
    if (parentId != null) {
      comment.put("parentId", parentId);
    }
    HttpResponse<Buffer> created = server.post("/api/articles/" + slug + "/comments", who.token(), comment);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  JsonObject page(Person who, String query) {
    HttpResponse<Buffer> page = server.get("/api/notifications" + query, who.token());
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject();
  }

  JsonArray items(Person who) {
    return page(who, "").getJsonArray("items");
  }

  long unread(Person who) {
    HttpResponse<Buffer> count = server.get("/api/notifications/unread-count", who.token());
    assertThat(count.statusCode()).as(count.bodyAsString()).isEqualTo(200);
    return count.bodyAsJsonObject().getLong("count");
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, Person who, JsonObject body) {
    return server.send(method, path, who == null ? null : who.token(), body);
  }
}
