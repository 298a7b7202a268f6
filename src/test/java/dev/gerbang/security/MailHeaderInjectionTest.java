package dev.gerbang.security;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertProblem;
import static dev.gerbang.Problems.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A display name with line feeds must not become mail headers (ASVS 5.2.3, 5.3.x): single-line fields refuse
 * control characters, and every value filled into a header is flattened whatever its source (an older row).
 * Checked on the headers a real SMTP server received.
 */
class MailHeaderInjectionTest {
  private static final String EVIL_NAME = "Eve\nReply-To: eve@evil.example\n\nLog in at http://evil.example/";

  private Mailbox mailbox;
  private TestServer server;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  @Test
  void singleLineFieldsRefuseLineBreaksAndControlCharactersWithTheirOwnRule() {
    HttpResponse<Buffer> register = server.post("/api/auth/register", new JsonObject().put("email", TestServer.uniqueEmail())
        .put("password", TestServer.PASSWORD).put("name", EVIL_NAME));
    JsonObject problem = assertProblem(register, 400, "validation");
    assertThat(rules(problem, "name")).containsExactly("single_line");

    String token = server.newSession().getString("accessToken");
    for (JsonObject change : new JsonObject[] {new JsonObject().put("name", "Eve\r\nBcc: all@example.com"),
        new JsonObject().put("name", "Eve\tTab"), new JsonObject().put("username", "eve\u2028x"),
        new JsonObject().put("locale", "e\nn")}) {
      String field = change.fieldNames().iterator().next();
      HttpResponse<Buffer> patched = server.send(HttpMethod.PATCH, "/api/me", token, change);
      assertThat(assertInvalid(patched)).as(change.encode()).contains(field);
    }
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getString("name")).isEqualTo("Test User");

    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    HttpResponse<Buffer> message = server.post("/api/admin/notifications", admin, new JsonObject()
        .put("title", "Hello\nBcc: everyone@example.com").put("body", "Two\nlines are fine in a body").put("to",
            new JsonObject().put("all", true)));
    assertThat(assertInvalid(message)).containsExactly("title");
  }

  @Test
  void aNameWithLineBreaksFromAnOlderRowCannotRewriteTheReplyMailsHeadersOrBody() {
    String victimEmail = TestServer.uniqueEmail();
    JsonObject victim = server.newSessionFor(victimEmail);
    String victimToken = victim.getString("accessToken");
    assertThat(server.send(HttpMethod.PUT, "/api/me/notification-preferences", victimToken, new JsonObject()
        .put("comment.reply", new JsonObject().put("email", true))).statusCode()).isEqualTo(200);
    String editor = server.newSessionWithRoles("editor").getString("accessToken");
    assertThat(server.post("/api/articles", editor, new JsonObject().put("title", "Dry season").put("body", "Text.")
        .put("status", "published")).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> comment = server.post("/api/articles/dry-season/comments", victimToken,
        new JsonObject().put("body", "My comment"));
    assertThat(comment.statusCode()).isEqualTo(201);
    String parentId = comment.bodyAsJsonObject().getString("id");

    JsonObject bob = server.newSession();
    assertThat(server.send(HttpMethod.PATCH, "/api/me", bob.getString("accessToken"), new JsonObject().put("name", "Bob"))
        .statusCode()).isEqualTo(200);
    assertThat(server.post("/api/articles/dry-season/comments", bob.getString("accessToken"),
        new JsonObject().put("body", "A reply").put("parentId", parentId)).statusCode()).isEqualTo(201);
    Mailbox.Mail control = mailbox.awaitTo(victimEmail, "Bob replied");

    JsonObject eve = server.newSession();
    // The API refuses this name now; a row stored before that rule (or by another path) still holds it.
    assertThat(TestDb.update(server, "UPDATE users SET name = ? WHERE id = ?", EVIL_NAME,
        eve.getJsonObject("user").getString("id"))).isEqualTo(1);
    assertThat(server.post("/api/articles/dry-season/comments", eve.getString("accessToken"),
        new JsonObject().put("body", "Another reply").put("parentId", parentId)).statusCode()).isEqualTo(201);
    Mailbox.Mail injected = mailbox.awaitTo(victimEmail, "Eve");

    assertThat(injected.headerNames()).doesNotContain("Reply-To").isEqualTo(control.headerNames());
    assertThat(injected.subject())
        .isEqualTo("Eve Reply-To: eve@evil.example Log in at http://evil.example/ replied to your comment");
    assertThat(injected.text()).startsWith("Hello Test User,");
  }
}
