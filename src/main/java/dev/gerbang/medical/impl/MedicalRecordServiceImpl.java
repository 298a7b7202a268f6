package dev.gerbang.medical.impl;

import dev.gerbang.account.Mails;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Page;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import dev.gerbang.medical.MedicalRecordService;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class MedicalRecordServiceImpl implements MedicalRecordService {
  /** Failures name no patient, doctor or record content: they may reach someone who must not see them. */
  private static final String NOT_YOURS = "You may not see this medical record";
  /** The list, newest visit first. */
  private static final Keyset LIST = Keyset.of("medical_records.list", Keyset.desc("visit_date", Cursors.Type.DATE),
      Keyset.desc("id", Cursors.Type.ID));

  private final Pool pool;
  private final Sql sql;
  private final Notices notices;
  private final Pager pager;

  public MedicalRecordServiceImpl(Database database, Notices notices) {
    this.notices = notices;
    this.pool = database.pool();
    this.sql = database.sql("medical_records");
    this.pager = database.pager();
  }

  /** The caller's own patient and doctor profile ids, looked up from their user id. */
  private Future<Caller> caller(SqlClient client, JsonObject caller) {
    String userId = caller.getString("userId");
    return client.preparedQuery(sql.get("callerProfiles")).execute(Tuple.of(userId, userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return Caller.of(caller, row.getString("patient_id"), row.getString("doctor_id"));
        });
  }

  private Future<Row> findRecord(SqlClient client, String recordId) {
    return client.preparedQuery(sql.get("findRecord")).execute(Tuple.of(recordId))
        .compose(rows -> {
          Row row = Rows.first(rows, r -> r);
          return row == null ? Future.failedFuture(Failure.notFound("No such medical record")) : Future.succeededFuture(row);
        });
  }

  @Override
  public Future<JsonObject> list(JsonObject callerJson, JsonObject query) {
    // Newest visit first: the keyset is (visit date, id); the first page starts after every row.
    Pager.Position from;
    try {
      from = pager.position(LIST, query.getString("cursor"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    int limit = query.getInteger("limit", 20);
    String q = query.getString("q", "");
    String like = Page.likePattern(q);
    return caller(pool, callerJson).compose(caller -> {
      String patientFilter = query.getString("patientId", "");
      String doctorFilter = query.getString("doctorId", "");
      Tuple filters = Tuple.of(caller.admin() ? "all" : "own", nonNull(caller.patientId()), nonNull(caller.doctorId()),
              nonNull(caller.doctorId()), patientFilter, patientFilter)
          .addString(doctorFilter).addString(doctorFilter)
          .addString(query.getString("from", "0000-01-01"))
          .addString(query.getString("to", "9999-12-31"))
          .addString(q).addString(like).addString(like);
      return pager.page(from, sql, "list", "listCount", filters, limit, RecordRows::summary)
          .map(page -> page.toJson(item -> item));
    });
  }

  private static String nonNull(String id) {
    return id == null ? "" : id;
  }

  @Override
  public Future<JsonObject> read(JsonObject callerJson, String recordId) {
    // As the users described it: find the caller's patient, then the record, then compare the record's
    // patient with the caller's patient. Doctors and admins have their own rules beside it: a doctor reads the
    // records they wrote, and all of a patient's whose care team an admin put them on.
    return caller(pool, callerJson).compose(caller -> findRecord(pool, recordId).compose(row -> {
      String patientId = row.getString("patient_id");
      if (caller.admin() || caller.isPatient(patientId) || caller.isDoctor(row.getString("doctor_id"))) {
        return Future.succeededFuture(RecordRows.detail(row));
      }
      if (caller.doctorId() == null) {
        return Future.failedFuture(Failure.forbidden(NOT_YOURS));
      }
      return pool.preparedQuery(sql.get("onCareTeam")).execute(Tuple.of(caller.doctorId(), patientId)).compose(rows ->
          Rows.count(rows) > 0
              ? Future.succeededFuture(RecordRows.detail(row))
              : Future.failedFuture(Failure.forbidden(NOT_YOURS)));
    }));
  }

  /**
   * A doctor may write a record for any patient (a consultation, a night shift): that record is theirs to read,
   * and the patient is told of it; the rest of the history stays closed unless an admin put them on the care team.
   */
  @Override
  public Future<JsonObject> create(JsonObject callerJson, JsonObject record) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> caller(conn, callerJson).compose(caller -> {
      String doctorId = record.getString("doctorId");
      if (!caller.admin()) {
        if (caller.doctorId() == null) {
          return Future.failedFuture(Failure.forbidden(
              "Create your doctor profile first: PUT /api/me/doctor-profile"));
        }
        if (doctorId != null && !doctorId.equals(caller.doctorId())) {
          return Future.failedFuture(Failure.forbidden("Doctors write records in their own name only"));
        }
        doctorId = caller.doctorId();
      } else if (doctorId == null) {
        doctorId = caller.doctorId();
      }
      if (doctorId == null) {
        return Future.failedFuture(invalid("doctorId", "is required"));
      }
      String patientId = record.getString("patientId");
      String doctor = doctorId;
      return references(conn, patientId, doctor).compose(Failure::failIfAny)
          .compose(ok -> conn.preparedQuery(sql.get("insert")).execute(Tuple.of(id, patientId, doctor,
                  record.getString("visitDate"), record.getString("complaint"), record.getString("diagnosis"))
              .addString(record.getString("icd10Code"))
              .addString(record.getString("treatment"))
              .addString(record.getString("notes"))
              .addString(caller.userId())
              .addLong(now).addLong(now)))
          .compose(done -> notifyPatient(conn, batch, patientId, id))
          .compose(done -> findRecord(conn, id))
          .map(RecordRows::detail);
    })).onSuccess(created -> batch.delivered());
  }

  /** Tells the patient that a record is available, in the record's transaction: a link, and no health data. */
  private Future<Void> notifyPatient(SqlConnection conn, Notices.Batch batch, String patientId, String recordId) {
    return conn.preparedQuery(sql.get("patientContact")).execute(Tuple.of(patientId)).compose(rows -> {
      Row patient = Rows.first(rows, row -> row);
      if (patient == null) {
        return Future.succeededFuture();
      }
      JsonObject mail = Mails.medicalRecordAvailable(patient.getString("email"), patient.getString("name"),
          patient.getString("locale"), recordId);
      return batch.add(conn, new Notices.Notice(NoticeType.MEDICAL_RECORD, patient.getString("id"), new JsonObject(),
          "/medical-records/" + recordId, mail));
    });
  }

  @Override
  public Future<JsonArray> unknownReferences(JsonObject record) {
    return references(pool, record.getString("patientId"), record.getString("doctorId")).map(FieldError::toJsonArray);
  }

  /** Every given id that names no patient or doctor profile, as field errors (null ids are not checked). */
  private Future<List<FieldError>> references(SqlClient client, String patientId, String doctorId) {
    List<FieldError> errors = new ArrayList<>();
    return exists(client, "patientExists", patientId, () -> errors.add(new FieldError("patientId", "is not a patient")))
        .compose(done -> exists(client, "doctorExists", doctorId, () -> errors.add(new FieldError("doctorId", "is not a doctor"))))
        .map(done -> errors);
  }

  private Future<Void> exists(SqlClient client, String statement, String id, Runnable otherwise) {
    if (id == null) {
      return Future.succeededFuture();
    }
    return client.preparedQuery(sql.get(statement)).execute(Tuple.of(id)).map(rows -> {
      if (Rows.count(rows) == 0) {
        otherwise.run();
      }
      return null;
    });
  }

  private static Throwable invalid(String field, String message) {
    return Failure.invalid(List.of(new FieldError(field, message)));
  }

  @Override
  public Future<JsonObject> update(JsonObject callerJson, String recordId, JsonObject changes) {
    return pool.withTransaction(conn -> caller(conn, callerJson).compose(caller -> findRecord(conn, recordId).compose(row -> {
      if (!caller.admin() && !caller.isDoctor(row.getString("doctor_id"))) {
        return Future.failedFuture(Failure.forbidden("Only the record's doctor or an admin may change it"));
      }
      Tuple update = Tuple.of(
              pick(changes, "visitDate", row.getString("visit_date")),
              pick(changes, "complaint", row.getString("complaint")),
              pick(changes, "diagnosis", row.getString("diagnosis")),
              pick(changes, "icd10Code", row.getString("icd10_code")),
              pick(changes, "treatment", row.getString("treatment")),
              pick(changes, "notes", row.getString("notes")))
          .addLong(System.currentTimeMillis())
          .addString(recordId);
      return conn.preparedQuery(sql.get("update")).execute(update)
          .compose(done -> findRecord(conn, recordId))
          .map(RecordRows::detail);
    })));
  }

  private static String pick(JsonObject changes, String field, String current) {
    return changes.containsKey(field) ? changes.getString(field) : current;
  }

  @Override
  public Future<JsonObject> delete(JsonObject callerJson, String recordId) {
    return pool.withTransaction(conn -> caller(conn, callerJson).compose(caller -> findRecord(conn, recordId).compose(row -> {
      if (!caller.admin()) {
        return Future.failedFuture(Failure.forbidden("Only an admin may delete a medical record"));
      }
      return conn.preparedQuery(sql.get("softDelete")).execute(Tuple.of(System.currentTimeMillis(), caller.userId(), recordId))
          .map(done -> RecordRows.detail(row));
    })));
  }
}
