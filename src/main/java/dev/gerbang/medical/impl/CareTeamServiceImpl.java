package dev.gerbang.medical.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
import dev.gerbang.db.Database;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.medical.CareTeam;
import dev.gerbang.medical.CareTeamService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

public final class CareTeamServiceImpl implements CareTeamService {
  private final Pool pool;
  private final Sql sql;
  private final AuditLog audit;

  public CareTeamServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("care_team");
    this.audit = new AuditLog(database);
  }

  @Override
  public Future<CareTeam> patient(String patientId) {
    return withTeam(pool, patientId);
  }

  @Override
  public Future<CareTeam> assign(Actor admin, String patientId, String doctorId) {
    return change(admin, "care_team_assigned", patientId, doctorId, conn -> conn.preparedQuery(sql.get("assign"))
        .execute(Tuple.of(patientId, doctorId, admin.userId(), System.currentTimeMillis())));
  }

  @Override
  public Future<CareTeam> unassign(Actor admin, String patientId, String doctorId) {
    return change(admin, "care_team_unassigned", patientId, doctorId,
        conn -> conn.preparedQuery(sql.get("unassign")).execute(Tuple.of(patientId, doctorId)));
  }

  /**
   * In one transaction: both exist (NOT_FOUND otherwise), the change, its audit row when it changed something (about
   * the patient's user), and the team as it now is.
   */
  private Future<CareTeam> change(Actor admin, String event, String patientId, String doctorId,
                                  Function<SqlClient, Future<RowSet<Row>>> write) {
    return pool.withTransaction(conn -> withTeam(conn, patientId)
        .compose(found -> conn.preparedQuery(sql.get("doctorExists")).execute(Tuple.of(doctorId)))
        .compose(rows -> Rows.count(rows) > 0 ? write.apply(conn) : Future.failedFuture(Failure.notFound("detail.not_found.doctor")))
        .compose(written -> withTeam(conn, patientId).compose(team -> written.rowCount() == 0 ? Future.succeededFuture(team)
            : audit(conn, admin, event, team, doctorId).map(team))));
  }

  private Future<Void> audit(SqlConnection conn, Actor admin, String event, CareTeam team, String doctorId) {
    return audit.write(conn, admin, event, team.patient().userId(),
        new JsonObject().put("patientId", team.patient().id()).put("doctorId", doctorId));
  }

  private Future<CareTeam> withTeam(SqlClient client, String patientId) {
    return client.preparedQuery(sql.get("patient")).execute(Tuple.of(patientId)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      if (row == null) {
        return Future.failedFuture(Failure.notFound("detail.not_found.patient"));
      }
      return client.preparedQuery(sql.get("members")).execute(Tuple.of(patientId)).map(members -> {
        List<CareTeam.Member> team = new ArrayList<>();
        members.forEach(member -> team.add(new CareTeam.Member(member.getString("id"), member.getString("user_id"),
            member.getString("name"), member.getString("email"), member.getString("specialty"),
            member.getString("licence_number"), Rows.iso(member, "assigned_at"))));
        return new CareTeam(MedicalProfileServiceImpl.patient(row), team);
      });
    });
  }
}
