package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestServer;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An admin's message to some accounts, a role, or everyone: only admins send it, and only to whom they name. */
class AdminMessageTest {
  private TestServer server;
  private Inbox inbox;

  @BeforeEach
  void start() {
    server = TestServer.start();
    inbox = new Inbox(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(Person who, JsonObject message) {
    return inbox.send(HttpMethod.POST, "/api/admin/notifications", who, message);
  }

  private static JsonObject message(JsonObject to) {
    return new JsonObject().put("title", "Maintenance tonight").put("body", "We restart at 22:00 <b>UTC</b>.")
        .put("path", "/articles").put("to", to);
  }

  @Test
  void aMessageReachesExactlyTheAccountsNamedOrTheRole() {
    Person admin = inbox.person("admin");
    Person doctor = inbox.person("doctor");
    Person alice = inbox.person();
    Person bob = inbox.person();

    HttpResponse<Buffer> sent = send(admin, message(new JsonObject().put("userIds", new JsonArray().add(alice.userId()))));
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    assertThat(sent.bodyAsJsonObject().getInteger("recipients")).isEqualTo(1);
    JsonObject notice = inbox.items(alice).getJsonObject(0);
    assertThat(notice.getString("type")).isEqualTo("admin.message");
    assertThat(notice.getString("title")).isEqualTo("Maintenance tonight");
    // Kept as text: the web app renders it as text, never as HTML.
    assertThat(notice.getString("body")).isEqualTo("We restart at 22:00 <b>UTC</b>.");
    assertThat(notice.getString("path")).isEqualTo("/articles");
    assertThat(inbox.items(bob)).isEmpty();

    assertThat(send(admin, message(new JsonObject().put("role", "doctor"))).bodyAsJsonObject().getInteger("recipients")).isEqualTo(1);
    assertThat(inbox.items(doctor)).hasSize(1);
    assertThat(inbox.items(bob)).isEmpty();

    int everyone = send(admin, message(new JsonObject().put("all", true))).bodyAsJsonObject().getInteger("recipients");
    assertThat(everyone).isGreaterThanOrEqualTo(4);
    assertThat(inbox.items(bob)).hasSize(1);
  }

  @Test
  void onlyAdminsSendAndBadMessagesAreRefused() {
    Person admin = inbox.person("admin");
    Person user = inbox.person();
    JsonObject good = message(new JsonObject().put("all", true));
    Problems.assertProblem(send(null, good), 401, "unauthorized");
    Problems.assertProblem(send(user, good), 403, "forbidden");
    assertThat(inbox.items(user)).isEmpty();

    JsonObject[] bad = {
        good.copy().put("to", new JsonObject()),
        good.copy().put("to", new JsonObject().put("role", "king")),
        good.copy().put("to", new JsonObject().put("userIds", new JsonArray())),
        good.copy().put("to", new JsonObject().put("userIds", new JsonArray().add("x'; --"))),
        good.copy().put("to", new JsonObject().put("all", true).put("role", "user")),
        good.copy().put("path", "https://evil.example/phish"),
        good.copy().put("path", "//evil.example"),
        good.copy().put("title", ""),
        good.copy().put("body", "x".repeat(801)),
        good.copy().put("urgent", true),
    };
    for (JsonObject body : bad) {
      Problems.assertInvalid(send(admin, body));
    }
    assertThat(inbox.items(user)).isEmpty();
  }
}
