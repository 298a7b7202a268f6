package dev.gerbang.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.audit.AuditEntry;
import dev.gerbang.audit.AuditService;
import dev.gerbang.user.ProfileChanges;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** A plain write after a transaction is committed at once, not left in an implicit transaction (vertx-jdbc-client#356). */
class AutoCommitAfterTransactionTest {
  @Test
  void aWriteAfterATransactionIsDurableAndLeavesNoLockBehind() throws Exception {
    try (TestServer server = TestServer.start()) {
      String email = TestServer.uniqueEmail();
      String userId = server.register(email).getString("id");
      TestServer.await(server.gerbang().components().users().updateProfile(userId, ProfileChanges.none().with(ProfileChanges.Field.NAME, "Renamed")));
      for (int i = 0; i < 8; i++) {
        TestServer.await(AuditService.proxy(server.gerbang().vertx()).record(AuditEntry.system("probe_" + i, null, null)));
      }

      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event LIKE 'probe_%'"))
          .as("visible to another connection, so committed").isEqualTo(8);
      if (TestDb.onPostgres()) {
        // A transaction left open shows as a connection idle in one, for good; waiting lets a write that the server
        // is legitimately doing right now (the notify verticle marking the sign-up mail) finish.
        assertThat(TestDb.eventually(() -> TestDb.count(server, "SELECT COUNT(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'"), open -> open == 0)).isZero();
      } else {
        assertSqliteWriteLockIsFree(server);
      }
    }
  }

  /**
   * A lock left behind by an uncommitted implicit transaction is held for good, so it fails this; the 2 s only
   * let a write that the server is legitimately doing right now finish. A fresh connection: an open result set
   * would keep a stale snapshot, which SQLite refuses to upgrade (SQLITE_BUSY_SNAPSHOT), whatever the server does.
   */
  private static void assertSqliteWriteLockIsFree(TestServer server) throws Exception {
    try (Connection other = TestDb.connect(server.dataDir())) {
      other.createStatement().execute("PRAGMA busy_timeout = 2000");
      other.createStatement().execute("BEGIN IMMEDIATE");
      other.createStatement().execute("ROLLBACK");
    }
  }
}
