package dev.gerbang.auth;

import dev.gerbang.db.Database;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends sessions inside the caller's transaction: for the features whose writes end them (a password change or
 * reset, a disabled account). The caller announces {@link SessionsRevoked} with the ids once it committed.
 */
public final class Revocations {
  /** An id no session has: "keep none". */
  private static final String NONE = "";
  private final Sql sql;

  public Revocations(Database database) {
    this.sql = database.sql("sessions");
  }

  /** Ends every active session of the user but keepSessionId (null: all of them); answers the ids it ended. */
  public Future<List<String>> endAll(SqlConnection conn, String userId, String keepSessionId, SessionEnd reason) {
    String except = keepSessionId == null ? NONE : keepSessionId;
    return conn.preparedQuery(sql.get("activeIdsOfUser")).execute(Tuple.of(userId, except)).compose(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getString("id")));
      return ids.isEmpty() ? Future.succeededFuture(ids) : conn.preparedQuery(sql.get("revokeAllOfUser"))
          .execute(Tuple.of(System.currentTimeMillis(), reason.reason(), userId, except))
          .map(done -> ids);
    });
  }
}
