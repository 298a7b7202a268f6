package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Mailbox;
import dev.gerbang.Problems;
import dev.gerbang.TestServer;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per event type and channel: defaults, partial changes, what they change, and the security email that stays on. */
class NotificationPreferencesTest {
  private static final String PATH = "/api/me/notification-preferences";

  private Mailbox mailbox;
  private TestServer server;
  private Inbox inbox;

  @BeforeEach
  void start() {
    mailbox = Mailbox.started();
    server = TestServer.start(mailbox.config());
    inbox = new Inbox(server);
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  private JsonObject preferences(Person who) {
    HttpResponse<Buffer> response = inbox.send(HttpMethod.GET, PATH, who, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> put(Person who, JsonObject changes) {
    return inbox.send(HttpMethod.PUT, PATH, who, changes);
  }

  @Test
  void everyTypeHasSensibleDefaultsAndSecurityEmailsAreMarkedRequired() {
    JsonObject all = preferences(inbox.person());
    assertThat(all.fieldNames()).containsExactly("comment.on-article", "comment.reply", "medical.record", "account.sign-in",
        "account.password-changed", "account.identities-removed", "admin.message", "payment.receipt");
    assertThat(all.getJsonObject("comment.on-article")).isEqualTo(new JsonObject().put("inApp", true).put("email", true)
        .put("push", true).put("emailRequired", false));
    assertThat(all.getJsonObject("comment.reply").getBoolean("email")).isFalse();
    assertThat(all.getJsonObject("admin.message").getBoolean("email")).isFalse();
    assertThat(all.getJsonObject("account.sign-in").getBoolean("emailRequired")).isTrue();
    assertThat(all.getJsonObject("account.password-changed").getBoolean("emailRequired")).isTrue();
    assertThat(all.getJsonObject("account.identities-removed")).isEqualTo(new JsonObject().put("inApp", true).put("email", true)
        .put("push", false).put("emailRequired", true));
  }

  @Test
  void aPartialChangeKeepsTheRestAndTakesEffectOnTheNextEvent() {
    Person author = inbox.person("editor");
    Person reader = inbox.person();
    String slug = inbox.article(author, "Quiet please");

    HttpResponse<Buffer> saved = put(author, new JsonObject().put("comment.on-article", new JsonObject().put("inApp", false)));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(saved.bodyAsJsonObject().getJsonObject("comment.on-article").getBoolean("inApp")).isFalse();
    assertThat(saved.bodyAsJsonObject().getJsonObject("comment.on-article").getBoolean("email")).isTrue();
    saved = put(author, new JsonObject().put("comment.on-article", new JsonObject().put("email", false)));
    // The earlier change stays: only the channels named change.
    assertThat(preferences(author).getJsonObject("comment.on-article")).isEqualTo(new JsonObject().put("inApp", false)
        .put("email", false).put("push", true).put("emailRequired", false));

    inbox.comment(reader, slug, "Hello?", null);
    assertThat(inbox.items(author)).isEmpty();

    put(author, new JsonObject().put("comment.on-article", new JsonObject().put("inApp", true).put("email", true)));
    inbox.comment(reader, slug, "Now?", null);
    assertThat(inbox.items(author)).hasSize(1);
    // Only the comment after the change was mailed.
    mailbox.awaitTo(author.email(), "New comment on \"Quiet please\"");
    assertThat(mailbox.to(author.email())).filteredOn(mail -> mail.subject().contains("New comment")).hasSize(1);
  }

  @Test
  void securityNoticesCannotBeMutedForEmailAndStillArrive() {
    Person user = inbox.person();
    HttpResponse<Buffer> refused = put(user, new JsonObject()
        .put("account.password-changed", new JsonObject().put("email", false))
        .put("account.sign-in", new JsonObject().put("email", false)));
    JsonObject problem = Problems.assertProblem(refused, 400, "validation");
    assertThat(Problems.fields(problem)).containsExactlyInAnyOrder("account.password-changed.email", "account.sign-in.email");
    assertThat(Problems.rules(problem, "account.sign-in.email")).containsExactly("security_notice");

    // Their in-app and push channels may be turned off; the email still goes.
    assertThat(put(user, new JsonObject().put("account.password-changed", new JsonObject().put("inApp", false).put("push", false)))
        .statusCode()).isEqualTo(200);
    HttpResponse<Buffer> changed = inbox.send(HttpMethod.POST, "/api/me/password", user, new JsonObject()
        .put("currentPassword", TestServer.PASSWORD).put("newPassword", "a brand new passphrase 2026"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isIn(200, 204);
    mailbox.awaitTo(user.email(), "password was changed");
    assertThat(inbox.items(user)).isEmpty();
  }

  @Test
  void badPreferenceDocumentsAreRefusedWholeAndChangeNothing() {
    Person user = inbox.person();
    JsonObject before = preferences(user);
    JsonObject[] bad = {
        new JsonObject().put("comment.unknown", new JsonObject().put("email", false)),
        new JsonObject().put("comment.reply", "off"),
        new JsonObject().put("comment.reply", new JsonObject().put("sms", true)),
        new JsonObject().put("comment.reply", new JsonObject().put("push", "yes")),
        new JsonObject().put("comment.reply", new JsonObject().put("push", false)).put("medical.record", new JsonObject().put("email", 1)),
    };
    for (JsonObject body : bad) {
      Problems.assertInvalid(put(user, body));
    }
    assertThat(preferences(user)).isEqualTo(before);
    Problems.assertProblem(server.raw(HttpMethod.PUT, PATH, io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + user.token()).add("Content-Type", "application/json"), Buffer.buffer("[1,2]")), 400, "bad-request");
  }
}
