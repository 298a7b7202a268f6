package dev.gerbang.medical.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.medical.CareTeamService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

public final class CareTeamServiceImpl implements CareTeamService {
  private final Pool pool;
  private final Sql sql;

  public CareTeamServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("care_team");
  }

  @Override
  public Future<JsonObject> patient(String patientId) {
    return withTeam(pool, patientId);
  }

  @Override
  public Future<JsonObject> assign(String patientId, String doctorId, String adminUserId) {
    return change(patientId, doctorId, conn -> conn.preparedQuery(sql.get("assign"))
        .execute(Tuple.of(patientId, doctorId, adminUserId, System.currentTimeMillis())));
  }

  @Override
  public Future<JsonObject> unassign(String patientId, String doctorId) {
    return change(patientId, doctorId, conn -> conn.preparedQuery(sql.get("unassign")).execute(Tuple.of(patientId, doctorId)));
  }

  /** In one transaction: both exist (404 otherwise), the change, and the team as it now is. */
  private Future<JsonObject> change(String patientId, String doctorId,
                                    Function<SqlClient, Future<RowSet<Row>>> write) {
    return pool.withTransaction(conn -> withTeam(conn, patientId)
        .compose(found -> conn.preparedQuery(sql.get("doctorExists")).execute(Tuple.of(doctorId)))
        .compose(rows -> Rows.count(rows) > 0 ? write.apply(conn) : Future.failedFuture(Failure.notFound("No such doctor")))
        .compose(written -> withTeam(conn, patientId).map(patient ->
            new JsonObject().put("patient", patient).put("changed", written.rowCount() > 0))));
  }

  private Future<JsonObject> withTeam(SqlClient client, String patientId) {
    return client.preparedQuery(sql.get("patient")).execute(Tuple.of(patientId)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      if (row == null) {
        return Future.failedFuture(Failure.notFound("No such patient"));
      }
      JsonObject patient = MedicalProfileServiceImpl.patient(row).toJson();
      return client.preparedQuery(sql.get("members")).execute(Tuple.of(patientId)).map(members -> {
        JsonArray team = new JsonArray();
        members.forEach(member -> team.add(new JsonObject()
            .put("id", member.getString("id"))
            .put("userId", member.getString("user_id"))
            .put("name", member.getString("name"))
            .put("email", member.getString("email"))
            .put("specialty", member.getString("specialty"))
            .put("licenceNumber", member.getString("licence_number"))
            .put("assignedAt", Rows.iso(member, "assigned_at"))));
        return patient.put("careTeam", team);
      });
    });
  }
}
