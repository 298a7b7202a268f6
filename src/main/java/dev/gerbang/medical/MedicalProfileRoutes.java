package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The signed-in user's own patient or doctor profile, and the admin's lists and edits of everyone's. The service
 * audits every change.
 */
public final class MedicalProfileRoutes {
  private static final String[] PATIENT_FIELDS = {"dateOfBirth", "sex", "phone", "address"};
  private static final String[] DOCTOR_FIELDS = {"specialty", "licenceNumber"};

  private final Components c;
  private final MedicalProfileService profiles;

  public MedicalProfileRoutes(Components components, MedicalProfileService profiles) {
    this.c = components;
    this.profiles = profiles;
  }

  public void mount(Router api) {
    api.get("/me/patient-profile").handler(c.auth().required(Roles.PATIENT)).handler(this::myPatient);
    api.put("/me/patient-profile").handler(c.auth().required(Roles.PATIENT)).handler(this::saveMyPatient);
    api.get("/me/doctor-profile").handler(c.auth().required(Roles.DOCTOR)).handler(this::myDoctor);
    api.put("/me/doctor-profile").handler(c.auth().required(Roles.DOCTOR)).handler(this::saveMyDoctor);
    api.get("/admin/patients").handler(c.auth().required(Roles.ADMIN)).handler(ctx -> search(ctx, true));
    api.post("/admin/patients").handler(c.auth().required(Roles.ADMIN)).handler(this::createPatient);
    api.patch("/admin/patients/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::updatePatient);
    api.get("/admin/doctors").handler(c.auth().required(Roles.ADMIN)).handler(ctx -> search(ctx, false));
    api.post("/admin/doctors").handler(c.auth().required(Roles.ADMIN)).handler(this::createDoctor);
    api.patch("/admin/doctors/:id").handler(c.auth().required(Roles.ADMIN)).handler(this::updateDoctor);
  }

  private static <T> Future<T> found(T profile, String kind) {
    return profile == null
        ? Future.failedFuture(Problem.notFound(Roles.PATIENT.equals(kind) ? "detail.no_profile.patient" : "detail.no_profile.doctor"))
        : Future.succeededFuture(profile);
  }

  private void myPatient(RoutingContext ctx) {
    profiles.patientOfUser(AuthUser.of(ctx).userId()).compose(p -> found(p, "patient"))
        .onSuccess(p -> Responses.ok(ctx, p.toJson())).onFailure(ctx::fail);
  }

  private void myDoctor(RoutingContext ctx) {
    profiles.doctorOfUser(AuthUser.of(ctx).userId()).compose(d -> found(d, "doctor"))
        .onSuccess(d -> Responses.ok(ctx, d.toJson())).onFailure(ctx::fail);
  }

  /** The patient fields of a body; on a PUT or POST every field is set (absent optional ones cleared). */
  private static Map<PatientInput.Field, String> patientFields(Validator v, boolean partial) {
    Map<PatientInput.Field, String> fields = new EnumMap<>(PatientInput.Field.class);
    if (!partial || v.has("dateOfBirth")) {
      fields.put(PatientInput.Field.DATE_OF_BIRTH, MedicalInput.pastDate(v, "dateOfBirth"));
    }
    if (!partial || v.has("sex")) {
      String sex = v.line("sex", 1, 10);
      if (sex != null && !MedicalInput.SEXES.contains(sex)) {
        v.add("sex", "field.sex");
      }
      fields.put(PatientInput.Field.SEX, sex);
    }
    if (!partial || v.has("phone")) {
      fields.put(PatientInput.Field.PHONE, v.pattern("phone", MedicalInput.optional(v, "phone", 20), MedicalInput.PHONE,
          "field.phone"));
    }
    if (!partial || v.has("address")) {
      fields.put(PatientInput.Field.ADDRESS, MedicalInput.optional(v, "address", 500));
    }
    return fields;
  }

  private static Map<DoctorInput.Field, String> doctorFields(Validator v, boolean partial) {
    Map<DoctorInput.Field, String> fields = new EnumMap<>(DoctorInput.Field.class);
    if (!partial || v.has("specialty")) {
      fields.put(DoctorInput.Field.SPECIALTY, v.line("specialty", 2, 100));
    }
    if (!partial || v.has("licenceNumber")) {
      fields.put(DoctorInput.Field.LICENCE_NUMBER, v.pattern("licenceNumber", v.line("licenceNumber", 4, 40),
          MedicalInput.LICENCE, "field.licence_number"));
    }
    return fields;
  }

  private static String mrn(Validator v) {
    String mrn = MedicalInput.optional(v, "medicalRecordNumber", 20);
    return mrn == null ? null : v.pattern("medicalRecordNumber", mrn.toUpperCase(Locale.ROOT), MedicalInput.MRN,
        "field.medical_record_number");
  }

  private void saveMyPatient(RoutingContext ctx) {
    Validator v = Validator.body(ctx, PATIENT_FIELDS);
    PatientInput profile = new PatientInput(null, patientFields(v, false));
    v.validate();
    profiles.saveOwnPatient(Audit.actor(ctx), profile).onSuccess(p -> Responses.ok(ctx, p.toJson())).onFailure(ctx::fail);
  }

  private void saveMyDoctor(RoutingContext ctx) {
    Validator v = Validator.body(ctx, DOCTOR_FIELDS);
    DoctorInput profile = new DoctorInput(null, doctorFields(v, false));
    v.validate();
    profiles.saveOwnDoctor(Audit.actor(ctx), profile).onSuccess(d -> Responses.ok(ctx, d.toJson())).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx, boolean patients) {
    JsonObject query = QueryParams.of(ctx, "q", "limit", "cursor").text("q", 100).limit().cursor().validate();
    (patients ? profiles.searchPatients(query).map(PatientPage::toJson) : profiles.searchDoctors(query).map(DoctorPage::toJson))
        .onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
  }

  private void createPatient(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "userId", "dateOfBirth", "sex", "phone", "address", "medicalRecordNumber");
    Map<PatientInput.Field, String> fields = patientFields(v, false);
    String userId = MedicalInput.id(v, "userId", true);
    fields.put(PatientInput.Field.MEDICAL_RECORD_NUMBER, mrn(v));
    PatientInput profile = new PatientInput(userId, fields);
    v.validate(() -> profiles.unknownReferences(userId, Roles.PATIENT).map(FieldError::toJsonArray))
        .compose(valid -> profiles.createPatient(Audit.actor(ctx), profile))
        .onSuccess(p -> Responses.json(ctx, 201, p.toJson())).onFailure(ctx::fail);
  }

  private void createDoctor(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "userId", "specialty", "licenceNumber");
    Map<DoctorInput.Field, String> fields = doctorFields(v, false);
    String userId = MedicalInput.id(v, "userId", true);
    DoctorInput profile = new DoctorInput(userId, fields);
    v.validate(() -> profiles.unknownReferences(userId, Roles.DOCTOR).map(FieldError::toJsonArray))
        .compose(valid -> profiles.createDoctor(Audit.actor(ctx), profile))
        .onSuccess(d -> Responses.json(ctx, 201, d.toJson())).onFailure(ctx::fail);
  }

  private static String profileId(RoutingContext ctx, String kind) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound(Roles.PATIENT.equals(kind) ? "detail.not_found.patient" : "detail.not_found.doctor");
    }
    return id;
  }

  private void updatePatient(RoutingContext ctx) {
    String id = profileId(ctx, "patient");
    Validator v = Validator.body(ctx, "dateOfBirth", "sex", "phone", "address", "medicalRecordNumber");
    Map<PatientInput.Field, String> changes = patientFields(v, true);
    if (v.has("medicalRecordNumber")) {
      String mrn = mrn(v);
      if (mrn == null && v.ok("medicalRecordNumber")) {
        v.add("medicalRecordNumber", "field.empty");
      }
      changes.put(PatientInput.Field.MEDICAL_RECORD_NUMBER, mrn);
    }
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.patient_profile");
    }
    v.validate();
    profiles.updatePatient(Audit.actor(ctx), id, new PatientInput(null, changes))
        .onSuccess(p -> Responses.ok(ctx, p.toJson())).onFailure(ctx::fail);
  }

  private void updateDoctor(RoutingContext ctx) {
    String id = profileId(ctx, "doctor");
    Validator v = Validator.body(ctx, DOCTOR_FIELDS);
    Map<DoctorInput.Field, String> changes = doctorFields(v, true);
    if (v.raw().isEmpty()) {
      v.add("body", "field.body.doctor_profile");
    }
    v.validate();
    profiles.updateDoctor(Audit.actor(ctx), id, new DoctorInput(null, changes))
        .onSuccess(d -> Responses.ok(ctx, d.toJson())).onFailure(ctx::fail);
  }
}
