package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.failure.Failure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admin broadcasts to many accounts: answered at once, fanned out a batch per transaction so that sign-ins go on,
 * each account reached once, across a stop and restart, and with one claimant per job however many nodes ask.
 */
class BroadcastTest {
  /** Ten batches: long enough to sign in while it runs, or to stop the server half-way. */
  private static final int AUDIENCE = 2_000;
  private TestServer server;
  private Path dataDir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (dataDir != null) {
      TestServer.deleteTree(dataDir);
    }
  }

  private static JsonObject toAll() {
    return new JsonObject().put("title", "We moved").put("body", "Our clinic has a new address.").put("to", new JsonObject().put("all", true));
  }

  private JsonObject broadcast(String adminToken) {
    HttpResponse<Buffer> queued = server.post("/api/admin/notifications", adminToken, toAll());
    assertThat(queued.statusCode()).as(queued.bodyAsString()).isEqualTo(202);
    return queued.bodyAsJsonObject();
  }

  private long count(String sql) {
    return ((Number) TestDb.rows(dataDir, sql).get(0).values().iterator().next()).longValue();
  }

  private long users() {
    return TestDb.count(server, "SELECT COUNT(*) FROM users");
  }

  /** Every account holds exactly one notice of the broadcast, and the job counted each once. */
  private void assertEveryoneReachedOnce(JsonObject done) {
    assertThat(done.getLong("recipients")).isEqualTo(users());
    assertThat(Broadcasts.notices(server)).isEqualTo(users());
    assertThat(Broadcasts.mostNoticesOfOneAccount(server)).isEqualTo(1);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM broadcast_recipients")).isEqualTo(users());
  }

  @Test
  void aBroadcastToThousandsIsAnsweredAtOnceAndSignInsGoOnWhileItRuns() {
    server = TestServer.start();
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    String email = TestServer.uniqueEmail();
    server.register(email);
    TestDb.seedUsers(server, AUDIENCE);

    long start = System.nanoTime();
    JsonObject queued = broadcast(admin);
    long answeredMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(queued.getBoolean("done")).isFalse();
    assertThat(answeredMillis).as("the 202 waits for no recipient").isLessThan(2_000);

    List<Long> signIns = new ArrayList<>();
    JsonObject during = Broadcasts.status(server, admin, queued.getString("id"));
    for (int i = 0; i < 3 && !during.getBoolean("done"); i++) {
      long before = System.nanoTime();
      server.login(email, TestServer.PASSWORD);
      signIns.add((System.nanoTime() - before) / 1_000_000);
      during = Broadcasts.status(server, admin, queued.getString("id"));
    }

    // The sign-ins ended while the broadcast still ran: they did not wait for it, and none failed.
    assertThat(signIns).as("sign-ins made while the broadcast ran").isNotEmpty();
    assertThat(during.getBoolean("done")).as("still running after the sign-ins: " + during.encode()).isFalse();
    assertThat(signIns).as("sign-in times (ms)").allMatch(millis -> millis < 3_000);
    assertEveryoneReachedOnce(Broadcasts.awaitDone(server, admin, queued.getString("id")));
  }

  @Test
  void aBroadcastCutOffByAStopFinishesAfterTheRestartWithoutReachingAnyoneTwice() throws Exception {
    dataDir = Files.createTempDirectory("gerbang-broadcast");
    server = TestServer.startOn(dataDir, new JsonObject());
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    TestDb.seedUsers(server, AUDIENCE / 2);
    String id = broadcast(admin).getString("id");

    // Stopped once the first batch committed, while the others wait their turn.
    TestDb.eventually(() -> Broadcasts.status(server, admin, id), status -> status.getLong("recipients") >= 200, 60_000);
    server.close();
    server = null;

    // Stopped between two batches: what was committed stays, and the claim was given up for whoever comes next.
    Map<String, Object> cut = TestDb.rows(dataDir, "SELECT status, recipients, claim_token, cursor_user_id FROM broadcasts "
        + "WHERE id = ?", id).get(0);
    long reached = ((Number) cut.get("recipients")).longValue();
    long everyone = count("SELECT COUNT(*) FROM users");
    assertThat(cut.get("status")).as("stopped mid-way: " + cut).isEqualTo("running");
    assertThat(cut.get("claim_token")).isNull();
    assertThat(reached).isBetween(200L, everyone - 1);
    assertThat(count("SELECT COUNT(*) FROM notifications WHERE type = 'admin.message'")).isEqualTo(reached);
    assertThat(count("SELECT COUNT(*) FROM broadcast_recipients")).isEqualTo(reached);

    server = TestServer.startOn(dataDir, new JsonObject());
    assertEveryoneReachedOnce(Broadcasts.awaitDone(server, admin, id));
  }

  /** A job row as another node would leave it: claimed under its token until lockedUntil, nobody reached yet. */
  private String jobClaimedElsewhere(String token, long lockedUntil) {
    String id = dev.gerbang.db.Ids.newId();
    long now = System.currentTimeMillis();
    assertThat(TestDb.update(server, "INSERT INTO broadcasts (id, fingerprint, title, body, path, audience, status, "
        + "cursor_user_id, recipients, claim_token, locked_until, created_at, started_at) "
        + "VALUES (?, 'f', 'From another node', 'Hello', '/', 'all', 'running', '', 0, ?, ?, ?, ?)",
        id, token, lockedUntil, now, now)).isEqualTo(1);
    return id;
  }

  private static String failureType(Future<?> future) {
    assertThat(future.failed()).as("failed").isTrue();
    return Failure.of(future.cause()).type();
  }

  @Test
  void oneClaimantAtATimeAndALateOneWritesNothing() {
    server = TestServer.start();
    String admin = server.newSessionWithRoles("admin").getString("accessToken");
    TestDb.seedUsers(server, 5);
    BroadcastService broadcasts = BroadcastService.proxy(server.gerbang().vertx());

    // Held by a live node: nobody else gets it, and a batch under another token is refused and writes nothing.
    String id = jobClaimedElsewhere("node-a", System.currentTimeMillis() + 60_000);
    assertThat(TestServer.await(broadcasts.claim("node-b", 60_000))).isNull();
    Future<Broadcast> stolen = broadcasts.step(id, "node-b", 200, 60_000);
    TestServer.await(stolen.otherwiseEmpty());
    assertThat(failureType(stolen)).isEqualTo("broadcast-claim-lost");
    assertThat(Broadcasts.notices(server)).isZero();
    assertThat(TestDb.row(server, "SELECT cursor_user_id FROM broadcasts WHERE id = ?", id).get("cursor_user_id")).isEqualTo("");

    // node-a died: its claim runs out. Of two nodes asking at once, one gets the job.
    TestDb.update(server, "UPDATE broadcasts SET locked_until = 1 WHERE id = ?", id);
    Future<String> b = broadcasts.claim("node-b", 60_000);
    Future<String> c = broadcasts.claim("node-c", 60_000);
    TestServer.await(Future.join(b, c));
    List<String> winners = new ArrayList<>();
    if (id.equals(b.result())) {
      winners.add("node-b");
    }
    if (id.equals(c.result())) {
      winners.add("node-c");
    }
    // (This server's own notify verticle may have asked too, and won: then neither of them did.)
    assertThat(winners).hasSizeLessThanOrEqualTo(1);
    if (winners.size() == 1) {
      String winner = winners.get(0);
      String loser = winner.equals("node-b") ? "node-c" : "node-b";
      assertThat(TestServer.await(broadcasts.step(id, winner, 2, 60_000)).recipients()).isEqualTo(2);
      Future<Broadcast> late = broadcasts.step(id, loser, 200, 60_000);
      TestServer.await(late.otherwiseEmpty());
      assertThat(failureType(late)).isEqualTo("broadcast-claim-lost");
      assertThat(Broadcasts.notices(server)).isEqualTo(2);
      // The winner stops: it gives its claim up, and this server's notify verticle, told of a queued job, goes on.
      TestServer.await(broadcasts.release(id, winner));
      server.gerbang().vertx().eventBus().publish(BroadcastQueued.ADDRESS, new BroadcastQueued(id).toJson());
    }
    assertEveryoneReachedOnce(Broadcasts.awaitDone(server, admin, id));
  }
}
