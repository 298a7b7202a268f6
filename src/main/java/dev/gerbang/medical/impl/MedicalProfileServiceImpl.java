package dev.gerbang.medical.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.audit.AuditLog;
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
import dev.gerbang.medical.DoctorInput;
import dev.gerbang.medical.DoctorPage;
import dev.gerbang.medical.DoctorProfile;
import dev.gerbang.medical.MedicalProfileService;
import dev.gerbang.medical.PatientInput;
import dev.gerbang.medical.PatientPage;
import dev.gerbang.medical.PatientProfile;
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
  private final AuditLog audit;

  public MedicalProfileServiceImpl(Database database) {
    this.pool = database.pool();
    this.sql = database.sql("medical_profiles");
    this.pager = database.pager();
    this.audit = new AuditLog(database);
  }

  static PatientProfile patient(Row row) {
    return new PatientProfile(row.getString("id"), row.getString("user_id"), row.getString("name"), row.getString("email"),
        row.getString("medical_record_number"), row.getString("date_of_birth"), row.getString("sex"),
        row.getString("phone"), row.getString("address"), Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  static DoctorProfile doctor(Row row) {
    return new DoctorProfile(row.getString("id"), row.getString("user_id"), row.getString("name"), row.getString("email"),
        row.getString("specialty"), row.getString("licence_number"), Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  private <T> Future<T> one(SqlClient client, String statement, String id, Function<Row, T> mapper) {
    return client.preparedQuery(sql.get(statement)).execute(Tuple.of(id)).map(rows -> Rows.first(rows, mapper));
  }

  /** A new medical record number, MRN- and ten digits; the unique index catches the rare repeat. */
  private static String newMrn() {
    return String.format("MRN-%010d", (long) (RANDOM.nextDouble() * 10_000_000_000L));
  }

  @Override
  public Future<PatientProfile> patientOfUser(String userId) {
    return one(pool, "patientByUser", userId, MedicalProfileServiceImpl::patient);
  }

  @Override
  public Future<PatientProfile> saveOwnPatient(Actor owner, PatientInput profile) {
    String userId = owner.userId();
    return pool.withTransaction(conn -> one(conn, "patientByUser", userId, MedicalProfileServiceImpl::patient)
            .compose(current -> current == null
                ? insertPatient(conn, userId, profile, newMrn())
                : updatePatient(conn, current, profile))
            .compose(saved -> audit.write(conn, owner, "patient_profile_saved", userId,
                new JsonObject().put("patientId", saved.id())).map(saved)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  private Future<PatientProfile> insertPatient(SqlClient conn, String userId, PatientInput p, String mrn) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertPatient")).execute(Tuple.of(id, userId, mrn,
            p.value(PatientInput.Field.DATE_OF_BIRTH), p.value(PatientInput.Field.SEX), p.value(PatientInput.Field.PHONE))
            .addString(p.value(PatientInput.Field.ADDRESS)).addLong(now).addLong(now))
        .compose(done -> one(conn, "patientById", id, MedicalProfileServiceImpl::patient));
  }

  /** Writes the fields the changes name over the current ones. */
  private Future<PatientProfile> updatePatient(SqlClient conn, PatientProfile current, PatientInput changes) {
    String id = current.id();
    return conn.preparedQuery(sql.get("updatePatient")).execute(Tuple.of(
            changes.valueOr(PatientInput.Field.MEDICAL_RECORD_NUMBER, current.medicalRecordNumber()),
            changes.valueOr(PatientInput.Field.DATE_OF_BIRTH, current.dateOfBirth()),
            changes.valueOr(PatientInput.Field.SEX, current.sex()),
            changes.valueOr(PatientInput.Field.PHONE, current.phone()),
            changes.valueOr(PatientInput.Field.ADDRESS, current.address()))
            .addLong(System.currentTimeMillis()).addString(id))
        .compose(done -> one(conn, "patientById", id, MedicalProfileServiceImpl::patient));
  }

  @Override
  public Future<DoctorProfile> doctorOfUser(String userId) {
    return one(pool, "doctorByUser", userId, MedicalProfileServiceImpl::doctor);
  }

  @Override
  public Future<DoctorProfile> saveOwnDoctor(Actor owner, DoctorInput profile) {
    String userId = owner.userId();
    return pool.withTransaction(conn -> one(conn, "doctorByUser", userId, MedicalProfileServiceImpl::doctor)
            .compose(current -> current == null ? insertDoctor(conn, userId, profile) : updateDoctor(conn, current, profile))
            .compose(saved -> audit.write(conn, owner, "doctor_profile_saved", userId,
                new JsonObject().put("doctorId", saved.id())).map(saved)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  private Future<DoctorProfile> insertDoctor(SqlClient conn, String userId, DoctorInput d) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    return conn.preparedQuery(sql.get("insertDoctor")).execute(Tuple.of(id, userId, d.value(DoctorInput.Field.SPECIALTY),
            d.value(DoctorInput.Field.LICENCE_NUMBER), now, now))
        .compose(done -> one(conn, "doctorById", id, MedicalProfileServiceImpl::doctor));
  }

  private Future<DoctorProfile> updateDoctor(SqlClient conn, DoctorProfile current, DoctorInput changes) {
    String id = current.id();
    return conn.preparedQuery(sql.get("updateDoctor")).execute(Tuple.of(
            changes.valueOr(DoctorInput.Field.SPECIALTY, current.specialty()),
            changes.valueOr(DoctorInput.Field.LICENCE_NUMBER, current.licenceNumber()), System.currentTimeMillis(), id))
        .compose(done -> one(conn, "doctorById", id, MedicalProfileServiceImpl::doctor));
  }

  @Override
  public Future<PatientPage> searchPatients(JsonObject query) {
    return search(query, "searchPatients", 3, row -> patient(row).toJson()).map(PatientPage::new);
  }

  @Override
  public Future<DoctorPage> searchDoctors(JsonObject query) {
    return search(query, "searchDoctors", 4, row -> doctor(row).toJson()).map(DoctorPage::new);
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
  public Future<PatientProfile> createPatient(Actor admin, PatientInput profile) {
    String userId = profile.userId();
    String mrn = profile.value(PatientInput.Field.MEDICAL_RECORD_NUMBER);
    return pool.withTransaction(conn -> holdsRole(conn, userId, Roles.PATIENT)
            .compose(ok -> insertPatient(conn, userId, profile, mrn == null ? newMrn() : mrn))
            .compose(created -> audit.write(conn, admin, "admin_patient_created", userId,
                new JsonObject().put("patientId", created.id())).map(created)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<PatientProfile> updatePatient(Actor admin, String patientId, PatientInput changes) {
    return pool.withTransaction(conn -> one(conn, "patientById", patientId, MedicalProfileServiceImpl::patient)
            .compose(current -> current == null
                ? Future.failedFuture(Failure.notFound("detail.not_found.patient"))
                : updatePatient(conn, current, changes))
            .compose(updated -> audit.write(conn, admin, "admin_patient_updated", updated.userId(), new JsonObject()
                .put("patientId", patientId).put("fields", new JsonArray(changes.fieldNames()))).map(updated)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<DoctorProfile> createDoctor(Actor admin, DoctorInput profile) {
    String userId = profile.userId();
    return pool.withTransaction(conn -> holdsRole(conn, userId, Roles.DOCTOR)
            .compose(ok -> insertDoctor(conn, userId, profile))
            .compose(created -> audit.write(conn, admin, "admin_doctor_created", userId,
                new JsonObject().put("doctorId", created.id())).map(created)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  @Override
  public Future<DoctorProfile> updateDoctor(Actor admin, String doctorId, DoctorInput changes) {
    return pool.withTransaction(conn -> one(conn, "doctorById", doctorId, MedicalProfileServiceImpl::doctor)
            .compose(current -> current == null
                ? Future.failedFuture(Failure.notFound("detail.not_found.doctor"))
                : updateDoctor(conn, current, changes))
            .compose(updated -> audit.write(conn, admin, "admin_doctor_updated", updated.userId(), new JsonObject()
                .put("doctorId", doctorId).put("fields", new JsonArray(changes.fieldNames()))).map(updated)))
        .recover(MedicalProfileServiceImpl::mapUniqueViolation);
  }

  /** Profiles are for users holding the role: granting it is a separate admin action (PATCH /api/admin/users/{id}). */
  private Future<Void> holdsRole(SqlClient conn, String userId, String role) {
    return roleProblems(conn, userId, role).compose(Failure::failIfAny);
  }

  private Future<List<FieldError>> roleProblems(SqlClient conn, String userId, String role) {
    return conn.preparedQuery(sql.get("userHasRole")).execute(Tuple.of(userId, role)).map(rows -> Rows.count(rows) > 0
        ? List.of()
        : List.of(new FieldError("userId", Roles.PATIENT.equals(role) ? "field.role_needed.patient" : "field.role_needed.doctor")));
  }

  @Override
  public Future<List<FieldError>> unknownReferences(String userId, String role) {
    return userId == null ? Future.succeededFuture(List.of()) : roleProblems(pool, userId, role);
  }

  private static <T> Future<T> mapUniqueViolation(Throwable failure) {
    String violation = SqlErrors.uniqueViolation(failure);
    if (violation == null) {
      return Future.failedFuture(failure);
    }
    if (violation.contains("medical_record_number") || violation.contains("mrn")) {
      return Future.failedFuture(Failure.conflict("mrn-taken", "detail.conflict.mrn_taken",
          "medicalRecordNumber"));
    }
    if (violation.contains("licence")) {
      return Future.failedFuture(Failure.conflict("licence-taken", "detail.conflict.licence_taken",
          "licenceNumber"));
    }
    return Future.failedFuture(Failure.conflict("profile-exists", "detail.conflict.profile_exists", "userId"));
  }
}
