package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.notify.Inbox.Person;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An admin's message to some accounts, a role, or everyone: only admins send it, only to whom they name, each
 * recipient once. It is a broadcast job: 202 at once, with a status URL that tells how far it got.
 */
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

  private HttpResponse<Buffer> send(Person who, JsonObject message, String idempotencyKey) {
    return TestServer.await(server.request(HttpMethod.POST, "/api/admin/notifications", who.token())
        .putHeader("Idempotency-Key", idempotencyKey).sendJsonObject(message));
  }

  private static JsonObject message(JsonObject to) {
    return new JsonObject().put("title", "Maintenance tonight").put("body", "We restart at 22:00 <b>UTC</b>.")
        .put("path", "/articles").put("to", to);
  }

  /** The 202 of a queued broadcast, checked; answers its body. */
  private static JsonObject accepted(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    JsonObject job = response.bodyAsJsonObject();
    assertThat(job.getString("statusUrl")).isEqualTo("/api/admin/notifications/" + job.getString("id"));
    assertThat(response.getHeader("Location")).isEqualTo(job.getString("statusUrl"));
    return job;
  }

  /** Follows the status URL until the job is done (10 s at most); answers the last status. */
  private JsonObject finished(Person admin, JsonObject job) {
    return Broadcasts.awaitDone(server, admin.token(), job.getString("id"));
  }

  private List<JsonObject> adminMessages(Person who) {
    return inbox.items(who).stream().map(JsonObject.class::cast).filter(n -> n.getString("type").equals("admin.message")).toList();
  }

  @Test
  void aMessageIsAcceptedAtOnceAndReachesExactlyTheAccountsNamedOrTheRole() {
    Person admin = inbox.person("admin");
    Person doctor = inbox.person("doctor");
    Person alice = inbox.person();
    Person bob = inbox.person();

    JsonObject queued = accepted(send(admin, message(new JsonObject().put("userIds", new JsonArray().add(alice.userId())))));
    assertThat(queued.getString("status")).isIn("queued", "running", "done");
    assertThat(queued.getString("title")).isEqualTo("Maintenance tonight");
    assertThat(queued.getJsonObject("to")).isEqualTo(new JsonObject().put("userIds", new JsonArray().add(alice.userId())));
    assertThat(queued.getString("createdBy")).isEqualTo(admin.userId());
    JsonObject done = finished(admin, queued);
    assertThat(done.getString("status")).isEqualTo("done");
    assertThat(done.getLong("recipients")).isEqualTo(1);
    assertThat(done.getString("finishedAt")).isNotNull();
    JsonObject notice = inbox.items(alice).getJsonObject(0);
    assertThat(notice.getString("type")).isEqualTo("admin.message");
    assertThat(notice.getString("title")).isEqualTo("Maintenance tonight");
    // Kept as text: the web app renders it as text, never as HTML.
    assertThat(notice.getString("body")).isEqualTo("We restart at 22:00 <b>UTC</b>.");
    assertThat(notice.getString("path")).isEqualTo("/articles");
    // The job is done: every notice it made is committed, so an empty inbox is proof, not a guess.
    assertThat(inbox.items(bob)).isEmpty();

    JsonObject toDoctors = finished(admin, accepted(send(admin, message(new JsonObject().put("role", "doctor")))));
    assertThat(toDoctors.getLong("recipients")).isEqualTo(1);
    assertThat(adminMessages(doctor)).hasSize(1);
    assertThat(inbox.items(bob)).isEmpty();

    JsonObject toAll = finished(admin, accepted(send(admin, message(new JsonObject().put("all", true)))));
    assertThat(toAll.getLong("recipients")).isEqualTo(4);
    for (Person person : List.of(admin, doctor, alice, bob)) {
      assertThat(adminMessages(person)).as(person.email()).hasSize(person == admin || person == bob ? 1 : 2);
    }
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'admin_message_sent' AND actor_id = ?",
        admin.userId())).as("each message is audited when it is queued").isEqualTo(3);
  }

  @Test
  void aDisabledAccountAndAnUnknownIdAreSkipped() {
    Person admin = inbox.person("admin");
    Person alice = inbox.person();
    Person carol = inbox.person();
    HttpResponse<Buffer> disabled = server.send(HttpMethod.PATCH, "/api/admin/users/" + carol.userId(), admin.token(),
        new JsonObject().put("disabled", true));
    assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);

    JsonArray ids = new JsonArray().add(alice.userId()).add(carol.userId()).add(dev.gerbang.db.Ids.newId());
    JsonObject done = finished(admin, accepted(send(admin, message(new JsonObject().put("userIds", ids)))));

    assertThat(done.getLong("recipients")).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE user_id = ?", carol.userId())).isZero();
    assertThat(adminMessages(alice)).hasSize(1);
  }

  @Test
  void aRetriedPostWithTheSameIdempotencyKeyMakesNoSecondJob() {
    Person admin = inbox.person("admin");
    Person otherAdmin = inbox.person("admin");
    Person alice = inbox.person();
    JsonObject toAlice = message(new JsonObject().put("userIds", new JsonArray().add(alice.userId())));
    String key = UUID.randomUUID().toString();

    // Two at once, as a double click or a client's retry after a timeout would send them.
    var first = server.request(HttpMethod.POST, "/api/admin/notifications", admin.token()).putHeader("Idempotency-Key", key)
        .sendJsonObject(toAlice);
    var second = server.request(HttpMethod.POST, "/api/admin/notifications", admin.token()).putHeader("Idempotency-Key", key)
        .sendJsonObject(toAlice);
    TestServer.await(Future.all(first, second));
    String id = accepted(first.result()).getString("id");
    assertThat(accepted(second.result()).getString("id")).isEqualTo(id);
    finished(admin, new JsonObject().put("id", id));
    JsonObject later = accepted(send(admin, toAlice, key));
    assertThat(later.getString("id")).isEqualTo(id);
    assertThat(later.getString("status")).as("the same job, as it stands now").isEqualTo("done");

    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM broadcasts")).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'admin_message_sent'")).isEqualTo(1);
    assertThat(adminMessages(alice)).hasSize(1);

    // The same key for another message is a mistake, not a retry; keys are each admin's own.
    Problems.assertProblem(send(admin, toAlice.copy().put("title", "Something else"), key), 409, "idempotency-key-reused");
    JsonObject others = finished(otherAdmin, accepted(send(otherAdmin, toAlice, key)));
    assertThat(others.getString("id")).isNotEqualTo(id);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM broadcasts")).isEqualTo(2);
    assertThat(adminMessages(alice)).hasSize(2);
  }

  @Test
  void onlyAdminsSendOrFollowBroadcastsAndBadMessagesAreRefused() {
    Person admin = inbox.person("admin");
    Person user = inbox.person();
    JsonObject good = message(new JsonObject().put("all", true));
    Problems.assertProblem(send(null, good), 401, "unauthorized");
    Problems.assertProblem(send(user, good), 403, "forbidden");

    JsonObject[] bad = {
        good.copy().put("to", new JsonObject()),
        good.copy().put("to", new JsonObject().put("role", "king")),
        good.copy().put("to", new JsonObject().put("userIds", new JsonArray())),
        good.copy().put("to", new JsonObject().put("userIds", new JsonArray().add("x'; --"))),
        good.copy().put("to", new JsonObject().put("all", true).put("role", "user")),
        good.copy().put("to", new JsonObject().put("all", false)),
        good.copy().put("path", "https://evil.example/phish"),
        good.copy().put("path", "//evil.example"),
        good.copy().put("title", ""),
        good.copy().put("body", "x".repeat(801)),
        good.copy().put("urgent", true),
    };
    for (JsonObject body : bad) {
      Problems.assertInvalid(send(admin, body));
    }
    assertThat(Problems.assertInvalid(send(admin, good, "has a space"))).containsExactly("Idempotency-Key");
    assertThat(Problems.assertInvalid(send(admin, good, "k".repeat(256)))).containsExactly("Idempotency-Key");
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM broadcasts")).as("nothing refused was queued").isZero();
    assertThat(inbox.items(user)).isEmpty();

    String id = accepted(send(admin, good)).getString("id");
    String status = "/api/admin/notifications/" + id;
    Problems.assertProblem(server.get(status, null), 401, "unauthorized");
    Problems.assertProblem(server.get(status, user.token()), 403, "forbidden");
    Problems.assertProblem(server.get("/api/admin/notifications/" + dev.gerbang.db.Ids.newId(), admin.token()), 404, "not-found");
    Problems.assertProblem(server.get("/api/admin/notifications/not-an-id", admin.token()), 404, "not-found");
    assertThat(server.get(status, admin.token()).statusCode()).isEqualTo(200);
  }
}
