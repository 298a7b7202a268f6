package dev.gerbang.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

/** The audit trail as an admin reads it, and a database that refuses new audit rows, for tests of changes and their rows. */
public final class AuditTrail {
  private AuditTrail() {
  }

  /** The entries of this event (and user, when not null), newest first, read once: no waiting for a row to appear. */
  public static List<JsonObject> entries(TestServer server, String adminToken, String event, String userId) {
    HttpResponse<Buffer> page = server.get("/api/admin/audit?limit=100&event=" + event + (userId == null ? "" : "&userId=" + userId),
        adminToken);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  /**
   * Until closed, every insert into audit_log fails (a trigger), so a change whose row is written in its own
   * transaction fails whole: nothing of it stays.
   */
  public static AutoCloseable refuseWrites(TestServer server) {
    if (TestDb.onPostgres()) {
      TestDb.update(server, "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + "RAISE EXCEPTION 'audit refused by the test'; END $$");
      TestDb.update(server, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE PROCEDURE refuse_audit()");
      return () -> {
        TestDb.update(server, "DROP TRIGGER refuse_audit ON audit_log");
        TestDb.update(server, "DROP FUNCTION refuse_audit()");
      };
    }
    TestDb.update(server, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
    return () -> TestDb.update(server, "DROP TRIGGER refuse_audit");
  }
}
