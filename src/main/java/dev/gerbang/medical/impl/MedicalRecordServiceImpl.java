package dev.gerbang.medical.impl;

import dev.gerbang.account.Mails;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
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
import dev.gerbang.medical.MedicalRecord;
import dev.gerbang.medical.MedicalRecordPage;
import dev.gerbang.medical.MedicalRecordService;
import dev.gerbang.medical.RecordInput;
import dev.gerbang.medical.RecordInput.Field;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import dev.gerbang.webhook.Webhooks;
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
  private static final String NOT_YOURS = "detail.forbidden.medical_record";
  /** The list, newest visit first. */
  private static final Keyset LIST = Keyset.of("medical_records.list", Keyset.desc("visit_date", Cursors.Type.DATE),
      Keyset.desc("id", Cursors.Type.ID));

  private final Pool pool;
  private final Sql sql;
  private final Notices notices;
  private final Pager pager;
  private final AuditLog audit;
  private final Webhooks webhooks;

  public MedicalRecordServiceImpl(Database database, Notices notices) {
    this.webhooks = new Webhooks(database);
    this.notices = notices;
    this.pool = database.pool();
    this.sql = database.sql("medical_records");
    this.pager = database.pager();
    this.audit = new AuditLog(database);
  }

  /** The actor's own patient and doctor profile ids, looked up from their user id. */
  private Future<Caller> caller(SqlClient client, Actor actor) {
    String userId = actor.userId();
    return client.preparedQuery(sql.get("callerProfiles")).execute(Tuple.of(userId, userId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return Caller.of(actor, row.getString("patient_id"), row.getString("doctor_id"));
        });
  }

  /** Whether the record is about someone other than the actor: reading it is audited. */
  private static boolean aboutSomeoneElse(Actor actor, MedicalRecord record) {
    return actor.userId() == null || !actor.userId().equals(record.patient().userId());
  }

  private Future<Row> findRecord(SqlClient client, String recordId) {
    return client.preparedQuery(sql.get("findRecord")).execute(Tuple.of(recordId))
        .compose(rows -> {
          Row row = Rows.first(rows, r -> r);
          return row == null ? Future.failedFuture(Failure.notFound("detail.not_found.medical_record")) : Future.succeededFuture(row);
        });
  }

  @Override
  public Future<MedicalRecordPage> list(Actor actor, JsonObject query) {
    return page(actor, query).map(MedicalRecordPage::new).compose(page -> {
      List<String> others = page.items().stream().filter(record -> aboutSomeoneElse(actor, record)).map(MedicalRecord::id).toList();
      return others.isEmpty() ? Future.succeededFuture(page)
          : pool.withTransaction(conn -> audit.write(conn, actor, "medical_records_listed", null,
              new JsonObject().put("recordIds", new JsonArray(others)))).map(page);
    });
  }

  /** One page of the records the actor may list. */
  private Future<JsonObject> page(Actor actor, JsonObject query) {
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
    return caller(pool, actor).compose(caller -> {
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
  public Future<MedicalRecord> read(Actor actor, String recordId) {
    // A patient who is neither a doctor nor an admin reads only their own records, which are not audited: such a
    // read takes no transaction (on SQLite every transaction holds the one write lock). Any other read of someone
    // else's record is audited in the transaction that reads it: no audit row, no record.
    return caller(pool, actor).compose(caller -> caller.readsOnlyOwnRecords()
            ? readable(pool, caller, recordId)
            : pool.withTransaction(conn -> readable(conn, caller, recordId).compose(record -> aboutSomeoneElse(actor, record)
                ? audit.write(conn, actor, "medical_record_read", record.patient().userId(),
                    new JsonObject().put("recordId", recordId)).map(record)
                : Future.succeededFuture(record))))
        .recover(failure -> denied(actor, recordId, failure));
  }

  /** The record in detail if the caller may read it; FORBIDDEN if not. */
  private Future<MedicalRecord> readable(SqlClient client, Caller caller, String recordId) {
    // As the users described it: find the caller's patient, then the record, then compare the record's
    // patient with the caller's patient. Doctors and admins have their own rules beside it: a doctor reads the
    // records they wrote, and all of a patient's whose care team an admin put them on.
    return findRecord(client, recordId).compose(row -> {
      String patientId = row.getString("patient_id");
      if (caller.admin() || caller.isPatient(patientId) || caller.isDoctor(row.getString("doctor_id"))) {
        return Future.succeededFuture(RecordRows.detail(row));
      }
      if (caller.doctorId() == null) {
        return Future.failedFuture(Failure.forbidden(NOT_YOURS));
      }
      return client.preparedQuery(sql.get("onCareTeam")).execute(Tuple.of(caller.doctorId(), patientId)).compose(rows ->
          Rows.count(rows) > 0
              ? Future.succeededFuture(RecordRows.detail(row))
              : Future.failedFuture(Failure.forbidden(NOT_YOURS)));
    });
  }

  /**
   * A refused attempt at a record is a security event too: it is audited in a transaction of its own (the refused
   * one wrote nothing) before the refusal is answered.
   */
  private <T> Future<T> denied(Actor actor, String recordId, Throwable failure) {
    if (!Failure.is(failure, Failure.Kind.FORBIDDEN)) {
      return Future.failedFuture(failure);
    }
    return pool.withTransaction(conn -> audit.write(conn, actor, "medical_record_denied", actor.userId(),
            new JsonObject().put("recordId", recordId)))
        .compose(written -> Future.failedFuture(failure));
  }

  /**
   * A doctor may write a record for any patient (a consultation, a night shift): that record is theirs to read,
   * and the patient is told of it; the rest of the history stays closed unless an admin put them on the care team.
   */
  @Override
  public Future<MedicalRecord> create(Actor actor, RecordInput record) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    Notices.Batch batch = notices.batch();
    return pool.withTransaction(conn -> caller(conn, actor).compose(caller -> {
      String doctorId = record.doctorId();
      if (!caller.admin()) {
        if (caller.doctorId() == null) {
          return Future.failedFuture(Failure.forbidden(
              "detail.forbidden.doctor_profile_needed"));
        }
        if (doctorId != null && !doctorId.equals(caller.doctorId())) {
          return Future.failedFuture(Failure.forbidden("detail.forbidden.own_name"));
        }
        doctorId = caller.doctorId();
      } else if (doctorId == null) {
        doctorId = caller.doctorId();
      }
      if (doctorId == null) {
        return Future.failedFuture(invalid("doctorId", "field.required"));
      }
      String patientId = record.patientId();
      String doctor = doctorId;
      return references(conn, patientId, doctor).compose(Failure::failIfAny)
          .compose(ok -> conn.preparedQuery(sql.get("insert")).execute(Tuple.of(id, patientId, doctor,
                  record.value(Field.VISIT_DATE), record.value(Field.COMPLAINT), record.value(Field.DIAGNOSIS))
              .addString(record.value(Field.ICD10_CODE))
              .addString(record.value(Field.TREATMENT))
              .addString(record.value(Field.NOTES))
              .addString(caller.userId())
              .addLong(now).addLong(now)))
          .compose(done -> notifyPatient(conn, batch, patientId, id))
          .compose(done -> findRecord(conn, id))
          .map(RecordRows::detail)
          .compose(created -> audit.write(conn, actor, "medical_record_created", created.patient().userId(),
              new JsonObject().put("recordId", id)).map(created))
          // Ids only: a receiver of webhooks is no member of the care team, and gets no health data.
          .compose(created -> webhooks.emit(conn, "medical_record.created", new JsonObject().put("recordId", id)
              .put("patientId", patientId).put("doctorId", doctor)).map(created));
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
  public Future<List<FieldError>> unknownReferences(RecordInput record) {
    return references(pool, record.patientId(), record.doctorId());
  }

  /** Every given id that names no patient or doctor profile, as field errors (null ids are not checked). */
  private Future<List<FieldError>> references(SqlClient client, String patientId, String doctorId) {
    List<FieldError> errors = new ArrayList<>();
    return exists(client, "patientExists", patientId, () -> errors.add(new FieldError("patientId", "field.not_patient")))
        .compose(done -> exists(client, "doctorExists", doctorId, () -> errors.add(new FieldError("doctorId", "field.not_doctor"))))
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
  public Future<MedicalRecord> update(Actor actor, String recordId, RecordInput changes) {
    return pool.withTransaction(conn -> caller(conn, actor).compose(caller -> findRecord(conn, recordId).compose(row -> {
      if (!caller.admin() && !caller.isDoctor(row.getString("doctor_id"))) {
        return Future.failedFuture(Failure.forbidden("detail.forbidden.record_change"));
      }
      Tuple update = Tuple.of(
              changes.valueOr(Field.VISIT_DATE, row.getString("visit_date")),
              changes.valueOr(Field.COMPLAINT, row.getString("complaint")),
              changes.valueOr(Field.DIAGNOSIS, row.getString("diagnosis")),
              changes.valueOr(Field.ICD10_CODE, row.getString("icd10_code")),
              changes.valueOr(Field.TREATMENT, row.getString("treatment")),
              changes.valueOr(Field.NOTES, row.getString("notes")))
          .addLong(System.currentTimeMillis())
          .addString(recordId);
      return conn.preparedQuery(sql.get("update")).execute(update)
          .compose(done -> findRecord(conn, recordId))
          .map(RecordRows::detail)
          .compose(record -> audit.write(conn, actor, "medical_record_updated", record.patient().userId(),
              new JsonObject().put("recordId", recordId).put("fields", new JsonArray(changes.fieldNames()))).map(record));
    }))).recover(failure -> denied(actor, recordId, failure));
  }

  @Override
  public Future<Void> delete(Actor actor, String recordId) {
    return pool.withTransaction(conn -> caller(conn, actor).compose(caller -> findRecord(conn, recordId).compose(row -> {
      if (!caller.admin()) {
        return Future.failedFuture(Failure.forbidden("detail.forbidden.record_delete"));
      }
      return conn.preparedQuery(sql.get("softDelete")).execute(Tuple.of(System.currentTimeMillis(), caller.userId(), recordId))
          .compose(done -> audit.write(conn, actor, "medical_record_deleted", row.getString("patient_user_id"),
              new JsonObject().put("recordId", recordId)));
    })));
  }
}
