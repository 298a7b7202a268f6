package dev.gerbang.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Following an admin broadcast job through its status URL, and checking what it wrote. */
final class Broadcasts {
  private Broadcasts() {
  }

  static JsonObject status(TestServer server, String adminToken, String id) {
    HttpResponse<Buffer> status = server.get("/api/admin/notifications/" + id, adminToken);
    assertThat(status.statusCode()).as(status.bodyAsString()).isEqualTo(200);
    return status.bodyAsJsonObject();
  }

  /** Polls the status URL until the job is done (60 s at most, for thousands of recipients on a busy machine). */
  static JsonObject awaitDone(TestServer server, String adminToken, String id) {
    JsonObject status = TestDb.eventually(() -> status(server, adminToken, id), job -> job.getBoolean("done"), 60_000);
    assertThat(status.getBoolean("done")).as("done within 60 s: " + status.encode()).isTrue();
    return status;
  }

  /** How many admin.message notifications there are. */
  static long notices(TestServer server) {
    return TestDb.count(server, "SELECT COUNT(*) FROM notifications WHERE type = 'admin.message'");
  }

  /** The most admin.message notifications any one account holds. */
  static long mostNoticesOfOneAccount(TestServer server) {
    return TestDb.count(server, "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM notifications "
        + "WHERE type = 'admin.message' GROUP BY user_id) counts");
  }
}
