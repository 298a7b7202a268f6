package dev.gerbang.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Regression test for vertx-jdbc-client#356: pooled connections must leave each transaction in autocommit mode. */
class AutoCommitGuardTest {
  @Test
  void manyTransactionsInARowNeverLeaveAConnectionHoldingTheWriteLock() {
    try (TestServer server = TestServer.start()) {
      // Each session is three transactions (register, grant, login); more than the pool has connections.
      for (int i = 0; i < 6; i++) {
        JsonObject session = server.newSessionWithRoles("editor");
        assertThat(session.getString("accessToken")).isNotBlank();
      }
    }
  }
}
