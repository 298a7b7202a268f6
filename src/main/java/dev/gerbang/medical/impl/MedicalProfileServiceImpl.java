package dev.gerbang.medical.impl;

import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Page;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import dev.gerbang.medical.MedicalProfileService;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;

public final class MedicalProfileServiceImpl implements MedicalProfileService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Sql sql;
  private final Pager pager;

  public MedicalProfileServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("medical_profiles");
    this.pager = database.pager();
  }

  static JsonObject patient(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("userId", row.getString("user_id"))
        .put("name", row.getString("name"))
        .put("email", row.getString("email"))
        .put("medicalRecordNumber", row.getString("medical_record_number"))
        .put("dateOfBirth", row.getString("date_of_birth"))
        .put("sex", row.getString("sex"))
        .put("phone", row.getString("phone"))
        .put("address", row.getString("address"))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at"));
  }

  static JsonObject doctor(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("userId", row.getString("user_id"))
        .put("name", row.getString("name"))
        .put("email", row.getString("email"))
        .put("specialty", row.getString("specialty"))
        .put("licenceNumber", row.getString("licence_number"))
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at"));
  }

  private Future<JsonObject> one(SqlClient client, String statement, String id, Function<Row, JsonObject> mapper) {
    return client.preparedQuery(sql.get(statement)).execute(Tuple.of(id)).map(rows -> Rows.first(rows, mapper));
  }

  /** A new medical record number, MRN- and ten digits; the unique index catches the rare repeat. */
  private static String newMrn() {
    return String.format("MRN-%010d", (long) (RANDOM.nextDouble() * 10_000_000_000L));
  }

  @Override
  public Future<JsonObject> patientOfUser(String userId) {
    return one(pool, "patientByUser", userId, MedicalProfileServiceImpl::patient);
  }

  @Override
  public Future<JsonObject> savePatientOfUser(String userId, JsonObject profile) {
    return pool.withTransaction(conn -> one(conn, "patientByUser", userId, MedicalProfileServiceImpl::patient)
            .compose(current -> current == null
                ? insertPatient(conn, userId, profile.copy().put("medicalRecordNumber", newMrn()))
                : updatePatient(conn, current, profile)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  private Future<JsonObject> insertPatient(SqlClient conn, String userId, JsonObject p) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertPatient")).execute(Tuple.of(id, userId, p.getString("medicalRecordNumber"),
            p.getString("dateOfBirth"), p.getString("sex"), p.getString("phone"))
            .addString(p.getString("address")).addLong(now).addLong(now))
        .compose(done -> one(conn, "patientById", id, MedicalProfileServiceImpl::patient));
  }

  private Future<JsonObject> updatePatient(SqlClient conn, JsonObject current, JsonObject changes) {
    JsonObject merged = current.copy();
    changes.forEach(e -> merged.put(e.getKey(), e.getValue()));
    String id = current.getString("id");
    return conn.preparedQuery(sql.get("updatePatient")).execute(Tuple.of(merged.getString("medicalRecordNumber"),
            merged.getString("dateOfBirth"), merged.getString("sex"), merged.getString("phone"), merged.getString("address"))
            .addLong(System.currentTimeMillis()).addString(id))
        .compose(done -> one(conn, "patientById", id, MedicalProfileServiceImpl::patient));
  }

  @Override
  public Future<JsonObject> doctorOfUser(String userId) {
    return one(pool, "doctorByUser", userId, MedicalProfileServiceImpl::doctor);
  }

  @Override
  public Future<JsonObject> saveDoctorOfUser(String userId, JsonObject profile) {
    return pool.withTransaction(conn -> one(conn, "doctorByUser", userId, MedicalProfileServiceImpl::doctor)
            .compose(current -> current == null ? insertDoctor(conn, userId, profile) : updateDoctor(conn, current, profile)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  private Future<JsonObject> insertDoctor(SqlClient conn, String userId, JsonObject d) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertDoctor"))
        .execute(Tuple.of(id, userId, d.getString("specialty"), d.getString("licenceNumber"), now, now))
        .compose(done -> one(conn, "doctorById", id, MedicalProfileServiceImpl::doctor));
  }

  private Future<JsonObject> updateDoctor(SqlClient conn, JsonObject current, JsonObject changes) {
    JsonObject merged = current.copy();
    changes.forEach(e -> merged.put(e.getKey(), e.getValue()));
    String id = current.getString("id");
    return conn.preparedQuery(sql.get("updateDoctor")).execute(Tuple.of(merged.getString("specialty"),
            merged.getString("licenceNumber"), System.currentTimeMillis(), id))
        .compose(done -> one(conn, "doctorById", id, MedicalProfileServiceImpl::doctor));
  }

  @Override
  public Future<JsonObject> searchPatients(JsonObject query) {
    return search(query, "searchPatients", 3, MedicalProfileServiceImpl::patient);
  }

  @Override
  public Future<JsonObject> searchDoctors(JsonObject query) {
    return search(query, "searchDoctors", 4, MedicalProfileServiceImpl::doctor);
  }

  /** A page of profiles, newest first; `likes` is how many columns the search pattern is matched against. */
  private Future<JsonObject> search(JsonObject query, String statement, int likes, Function<Row, JsonObject> mapper) {
    String q = query.getString("q", "");
    String like = Page.likePattern(q);
    Tuple filters = Tuple.of(q);
    for (int i = 0; i < likes; i++) {
      filters.addString(like);
    }
    return pager.page(Keyset.newestFirst("medical_profiles." + statement), sql, statement, statement + "Count", filters,
        query.getString("cursor"), query.getInteger("limit", 20), mapper).map(page -> page.toJson(item -> item));
  }

  @Override
  public Future<JsonObject> createPatient(JsonObject profile) {
    String userId = profile.getString("userId");
    JsonObject fields = profile.copy();
    fields.remove("userId");
    if (fields.getString("medicalRecordNumber") == null) {
      fields.put("medicalRecordNumber", newMrn());
    }
    return pool.withTransaction(conn -> holdsRole(conn, userId, Roles.PATIENT)
            .compose(ok -> insertPatient(conn, userId, fields)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<JsonObject> updatePatient(String patientId, JsonObject changes) {
    return pool.withTransaction(conn -> one(conn, "patientById", patientId, MedicalProfileServiceImpl::patient)
            .compose(current -> current == null
                ? Future.failedFuture(Failure.notFound("No such patient"))
                : updatePatient(conn, current, changes)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<JsonObject> createDoctor(JsonObject profile) {
    String userId = profile.getString("userId");
    return pool.withTransaction(conn -> holdsRole(conn, userId, Roles.DOCTOR)
            .compose(ok -> insertDoctor(conn, userId, profile)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<JsonObject> updateDoctor(String doctorId, JsonObject changes) {
    return pool.withTransaction(conn -> one(conn, "doctorById", doctorId, MedicalProfileServiceImpl::doctor)
            .compose(current -> current == null
                ? Future.failedFuture(Failure.notFound("No such doctor"))
                : updateDoctor(conn, current, changes)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  /** Profiles are for users holding the role: granting it is a separate admin action (PATCH /api/admin/users/{id}). */
  private Future<Void> holdsRole(SqlClient conn, String userId, String role) {
    return roleProblems(conn, userId, role).compose(Failure::failIfAny);
  }

  private Future<List<FieldError>> roleProblems(SqlClient conn, String userId, String role) {
    return conn.preparedQuery(sql.get("userHasRole")).execute(Tuple.of(userId, role)).map(rows -> Rows.count(rows) > 0
        ? List.of()
        : List.of(new FieldError("userId", "must be a user holding the " + role + " role: grant it first with PATCH /api/admin/users/{id}")));
  }

  @Override
  public Future<JsonArray> unknownReferences(JsonObject profile, String role) {
    String userId = profile.getString("userId");
    return userId == null ? Future.succeededFuture(new JsonArray())
        : roleProblems(pool, userId, role).map(FieldError::toJsonArray);
  }

  private static <T> Future<T> mapUniqueViolation(Throwable failure) {
    String violation = SqlErrors.uniqueViolation(failure);
    if (violation == null) {
      return Future.failedFuture(failure);
    }
    if (violation.contains("medical_record_number") || violation.contains("mrn")) {
      return Future.failedFuture(Failure.conflict("mrn-taken", "Another patient has this medical record number",
          "medicalRecordNumber"));
    }
    if (violation.contains("licence")) {
      return Future.failedFuture(Failure.conflict("licence-taken", "Another doctor has this licence number",
          "licenceNumber"));
    }
    return Future.failedFuture(Failure.conflict("profile-exists", "This user already has such a profile", "userId"));
  }
}
