package dev.gerbang.medical;

import dev.gerbang.Components;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.http.Validator;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** The signed-in user's own patient or doctor profile, and the admin's lists and edits of everyone's. */
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

  private static Future<JsonObject> found(JsonObject profile, String kind) {
    return profile == null
        ? Future.failedFuture(Problem.notFound("You have no " + kind + " profile yet: create it with PUT /api/me/" + kind + "-profile"))
        : Future.succeededFuture(profile);
  }

  private void myPatient(RoutingContext ctx) {
    profiles.patientOfUser(AuthUser.of(ctx).userId()).compose(p -> found(p, "patient"))
        .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
  }

  private void myDoctor(RoutingContext ctx) {
    profiles.doctorOfUser(AuthUser.of(ctx).userId()).compose(d -> found(d, "doctor"))
        .onSuccess(d -> Responses.ok(ctx, d)).onFailure(ctx::fail);
  }

  /** The patient fields of a body; on a PUT or POST every field is set (absent optional ones cleared). */
  private static JsonObject patientFields(Validator v, boolean partial) {
    JsonObject fields = new JsonObject();
    if (!partial || v.has("dateOfBirth")) {
      fields.put("dateOfBirth", MedicalInput.pastDate(v, "dateOfBirth"));
    }
    if (!partial || v.has("sex")) {
      String sex = v.line("sex", 1, 10);
      if (sex != null && !MedicalInput.SEXES.contains(sex)) {
        v.add("sex", "must be one of female, intersex, male, unknown");
      }
      fields.put("sex", sex);
    }
    if (!partial || v.has("phone")) {
      fields.put("phone", v.pattern("phone", MedicalInput.optional(v, "phone", 20), MedicalInput.PHONE,
          "must be a phone number such as +62 21 555 0100"));
    }
    if (!partial || v.has("address")) {
      fields.put("address", MedicalInput.optional(v, "address", 500));
    }
    return fields;
  }

  private static JsonObject doctorFields(Validator v, boolean partial) {
    JsonObject fields = new JsonObject();
    if (!partial || v.has("specialty")) {
      fields.put("specialty", v.line("specialty", 2, 100));
    }
    if (!partial || v.has("licenceNumber")) {
      fields.put("licenceNumber", v.pattern("licenceNumber", v.line("licenceNumber", 4, 40), MedicalInput.LICENCE,
          "must be 4 to 40 letters, digits, '.', '/' or '-'"));
    }
    return fields;
  }

  private static String mrn(Validator v) {
    String mrn = MedicalInput.optional(v, "medicalRecordNumber", 20);
    return mrn == null ? null : v.pattern("medicalRecordNumber", mrn.toUpperCase(Locale.ROOT), MedicalInput.MRN,
        "must be 4 to 20 letters, digits or '-'");
  }

  private void saveMyPatient(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, PATIENT_FIELDS);
    JsonObject fields = patientFields(v, false);
    v.validate();
    profiles.savePatientOfUser(me.userId(), fields).onSuccess(p -> {
      c.audit().record(ctx, "patient_profile_saved", me.userId(), new JsonObject().put("patientId", p.getString("id")));
      Responses.ok(ctx, p);
    }).onFailure(ctx::fail);
  }

  private void saveMyDoctor(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    Validator v = Validator.body(ctx, DOCTOR_FIELDS);
    JsonObject fields = doctorFields(v, false);
    v.validate();
    profiles.saveDoctorOfUser(me.userId(), fields).onSuccess(d -> {
      c.audit().record(ctx, "doctor_profile_saved", me.userId(), new JsonObject().put("doctorId", d.getString("id")));
      Responses.ok(ctx, d);
    }).onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx, boolean patients) {
    JsonObject query = QueryParams.of(ctx, "q", "limit", "cursor").text("q", 100).limit().cursor().validate();
    (patients ? profiles.searchPatients(query) : profiles.searchDoctors(query))
        .onSuccess(page -> Responses.ok(ctx, page)).onFailure(ctx::fail);
  }

  private void createPatient(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "userId", "dateOfBirth", "sex", "phone", "address", "medicalRecordNumber");
    JsonObject fields = patientFields(v, false)
        .put("userId", MedicalInput.id(v, "userId", true))
        .put("medicalRecordNumber", mrn(v));
    v.validate(() -> profiles.unknownReferences(fields, Roles.PATIENT)).compose(valid -> profiles.createPatient(fields)).onSuccess(p -> {
      c.audit().record(ctx, "admin_patient_created", p.getString("userId"), new JsonObject().put("patientId", p.getString("id")));
      Responses.json(ctx, 201, p);
    }).onFailure(ctx::fail);
  }

  private void createDoctor(RoutingContext ctx) {
    Validator v = Validator.body(ctx, "userId", "specialty", "licenceNumber");
    JsonObject fields = doctorFields(v, false).put("userId", MedicalInput.id(v, "userId", true));
    v.validate(() -> profiles.unknownReferences(fields, Roles.DOCTOR)).compose(valid -> profiles.createDoctor(fields)).onSuccess(d -> {
      c.audit().record(ctx, "admin_doctor_created", d.getString("userId"), new JsonObject().put("doctorId", d.getString("id")));
      Responses.json(ctx, 201, d);
    }).onFailure(ctx::fail);
  }

  private static String profileId(RoutingContext ctx, String kind) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      throw Problem.notFound("No such " + kind);
    }
    return id;
  }

  private void updatePatient(RoutingContext ctx) {
    String id = profileId(ctx, "patient");
    Validator v = Validator.body(ctx, "dateOfBirth", "sex", "phone", "address", "medicalRecordNumber");
    JsonObject changes = patientFields(v, true);
    if (v.has("medicalRecordNumber")) {
      String mrn = mrn(v);
      if (mrn == null && v.ok("medicalRecordNumber")) {
        v.add("medicalRecordNumber", "must not be empty");
      }
      changes.put("medicalRecordNumber", mrn);
    }
    if (v.raw().isEmpty()) {
      v.add("body", "name at least one of dateOfBirth, sex, phone, address, medicalRecordNumber");
    }
    v.validate();
    profiles.updatePatient(id, changes).onSuccess(p -> {
      c.audit().record(ctx, "admin_patient_updated", p.getString("userId"), new JsonObject().put("patientId", id)
          .put("fields", new io.vertx.core.json.JsonArray(changes.fieldNames().stream().sorted().toList())));
      Responses.ok(ctx, p);
    }).onFailure(ctx::fail);
  }

  private void updateDoctor(RoutingContext ctx) {
    String id = profileId(ctx, "doctor");
    Validator v = Validator.body(ctx, DOCTOR_FIELDS);
    JsonObject changes = doctorFields(v, true);
    if (v.raw().isEmpty()) {
      v.add("body", "name at least one of specialty, licenceNumber");
    }
    v.validate();
    profiles.updateDoctor(id, changes).onSuccess(d -> {
      c.audit().record(ctx, "admin_doctor_updated", d.getString("userId"), new JsonObject().put("doctorId", id)
          .put("fields", new io.vertx.core.json.JsonArray(changes.fieldNames().stream().sorted().toList())));
      Responses.ok(ctx, d);
    }).onFailure(ctx::fail);
  }
}
