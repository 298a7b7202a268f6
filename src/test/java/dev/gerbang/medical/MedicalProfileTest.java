package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.db.Ids;
import dev.gerbang.medical.MedicalWorld.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/me/{patient,doctor}-profile for one's own profile, and /api/admin/{patients,doctors} for admins. */
class MedicalProfileTest {
  private TestServer server;
  private MedicalWorld world;
  private Person admin;

  @BeforeEach
  void start() {
    server = TestServer.start();
    world = new MedicalWorld(server);
    admin = world.admin();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> put(String path, Person who, JsonObject body) {
    return server.send(HttpMethod.PUT, path, who.token(), body);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The audit entries of the event, newest first: the service writes them in the change's transaction. */
  private JsonArray audit(String event) {
    return ok(server.get("/api/admin/audit?event=" + event, admin.token())).getJsonArray("items");
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  @Test
  void aPatientCreatesReadsAndReplacesTheirProfileAndKeepsTheirRecordNumber() {
    Person patient = world.user("Ayu Lestari", "patient");
    assertThat(server.get("/api/me/patient-profile", patient.token()).statusCode()).isEqualTo(404);

    HttpResponse<Buffer> created = put("/api/me/patient-profile", patient, new JsonObject().put("dateOfBirth", "1990-04-12")
        .put("sex", "female").put("phone", "+62 812 5550 1001").put("address", "Jl. Melati 5, Bandung"));
    assertThat(created.statusCode()).isEqualTo(200);
    JsonObject profile = created.bodyAsJsonObject();
    assertThat(profile.getString("name")).isEqualTo("Ayu Lestari");
    assertThat(profile.getString("userId")).isEqualTo(patient.userId());
    assertThat(profile.getString("medicalRecordNumber")).matches("MRN-[0-9]{10}");
    assertThat(ok(server.get("/api/me/patient-profile", patient.token()))).isEqualTo(profile);

    JsonObject replaced = ok(put("/api/me/patient-profile", patient, new JsonObject().put("dateOfBirth", "1990-04-13").put("sex", "female")));
    assertThat(replaced.getString("id")).isEqualTo(profile.getString("id"));
    assertThat(replaced.getString("medicalRecordNumber")).isEqualTo(profile.getString("medicalRecordNumber"));
    assertThat(replaced.getString("dateOfBirth")).isEqualTo("1990-04-13");
    assertThat(replaced.getString("phone")).as("PUT replaces: absent fields are cleared").isNull();
    JsonArray saved = audit("patient_profile_saved");
    assertThat(saved).as("both saves").hasSize(2);
    assertThat(saved.getJsonObject(0).getString("actorId")).isEqualTo(patient.userId());
    assertThat(saved.getJsonObject(0).getString("userId")).isEqualTo(patient.userId());
    assertThat(saved.getJsonObject(0).getJsonObject("detail")).isEqualTo(new JsonObject().put("patientId", profile.getString("id")));
  }

  @Test
  void everyInvalidProfileFieldIsListed() {
    Person patient = world.user("Ayu", "patient");
    String tomorrow = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();

    assertThat(fields(put("/api/me/patient-profile", patient, new JsonObject().put("dateOfBirth", tomorrow).put("sex", "robot")
        .put("phone", "call me").put("address", "a".repeat(501)).put("medicalRecordNumber", "MRN-1"))))
        .containsExactlyInAnyOrder("dateOfBirth", "sex", "phone", "address", "medicalRecordNumber");
    assertThat(fields(put("/api/me/patient-profile", patient, new JsonObject()))).containsExactlyInAnyOrder("dateOfBirth", "sex");
    Person doctor = world.user("Dr. X", "doctor");
    assertThat(fields(put("/api/me/doctor-profile", doctor, new JsonObject().put("specialty", "x").put("licenceNumber", "no spaces!"))))
        .containsExactlyInAnyOrder("specialty", "licenceNumber");
  }

  @Test
  void profilesNeedTheirRoleAndLicenceNumbersAreUnique() {
    Person plain = world.user("Plain");
    Person doctor = world.doctor("Dr. Xaverius", "Pulmonology");
    String licence = ok(server.get("/api/me/doctor-profile", doctor.token())).getString("licenceNumber");

    assertThat(server.get("/api/me/patient-profile", plain.token()).statusCode()).isEqualTo(403);
    assertThat(put("/api/me/doctor-profile", plain, new JsonObject().put("specialty", "Surgery").put("licenceNumber", "SIP-1234"))
        .statusCode()).isEqualTo(403);
    assertThat(server.get("/api/me/patient-profile", doctor.token()).statusCode()).isEqualTo(403);
    Person other = world.user("Dr. Y", "doctor");
    HttpResponse<Buffer> taken = put("/api/me/doctor-profile", other, new JsonObject().put("specialty", "Surgery").put("licenceNumber", licence));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("licenceNumber");
    assertThat(audit("doctor_profile_saved")).as("the refused save is not audited").hasSize(1);
    assertThat(server.get("/api/me/patient-profile", null).statusCode()).isEqualTo(401);
  }

  @Test
  void anAdminsBadFieldsAndAUserWithoutTheRoleAreListedTogether() {
    Person withoutRole = world.user("Dedi Kurniawan");

    assertThat(fields(server.post("/api/admin/patients", admin.token(), new JsonObject().put("userId", withoutRole.userId())
        .put("dateOfBirth", "1975-13-03").put("sex", "robot")))).containsExactlyInAnyOrder("userId", "dateOfBirth", "sex");
    assertThat(fields(server.post("/api/admin/doctors", admin.token(), new JsonObject().put("userId", withoutRole.userId())
        .put("specialty", "x").put("licenceNumber", "SIP-1234")))).containsExactlyInAnyOrder("userId", "specialty");
    assertThat(dev.gerbang.TestDb.count(server, "SELECT COUNT(*) FROM patients")
        + dev.gerbang.TestDb.count(server, "SELECT COUNT(*) FROM doctors")).isZero();
  }

  @Test
  void anAdminCreatesListsSearchesAndUpdatesPatientAndDoctorProfiles() {
    Person withoutRole = world.user("Dedi Kurniawan");
    JsonObject body = new JsonObject().put("userId", withoutRole.userId()).put("dateOfBirth", "1975-11-03").put("sex", "male")
        .put("medicalRecordNumber", "rm-0001");
    assertThat(fields(server.post("/api/admin/patients", admin.token(), body))).containsExactly("userId");
    ok(server.send(HttpMethod.PATCH, "/api/admin/users/" + withoutRole.userId(), admin.token(),
        new JsonObject().put("roles", new JsonArray().add("user").add("patient"))));

    HttpResponse<Buffer> created = server.post("/api/admin/patients", admin.token(), body);
    assertThat(created.statusCode()).isEqualTo(201);
    String patientId = created.bodyAsJsonObject().getString("id");
    assertThat(created.bodyAsJsonObject().getString("medicalRecordNumber")).isEqualTo("RM-0001");
    assertThat(server.post("/api/admin/patients", admin.token(), body).statusCode()).as("one profile per user").isEqualTo(409);
    world.patient("Ayu Lestari");

    JsonObject page = ok(server.get("/api/admin/patients?q=dedi", admin.token()));
    assertThat(page.getLong("total")).isEqualTo(1);
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(patientId);
    assertThat(ok(server.get("/api/admin/patients?q=rm-0001", admin.token())).getLong("total")).isEqualTo(1);
    JsonObject first = ok(server.get("/api/admin/patients?limit=1", admin.token()));
    JsonObject second = ok(server.get("/api/admin/patients?limit=1&cursor=" + first.getString("nextCursor"), admin.token()));
    assertThat(first.getLong("total")).isEqualTo(2);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(first.getJsonArray("items").getJsonObject(0).getString("id"));
    assertThat(second.getString("nextCursor")).isNull();

    HttpResponse<Buffer> updated = server.send(HttpMethod.PATCH, "/api/admin/patients/" + patientId, admin.token(),
        new JsonObject().put("phone", "+62 21 555 0100"));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("phone")).isEqualTo("+62 21 555 0100");
    assertThat(updated.bodyAsJsonObject().getString("dateOfBirth")).isEqualTo("1975-11-03");
    assertThat(server.send(HttpMethod.PATCH, "/api/admin/patients/" + Ids.newId(), admin.token(),
        new JsonObject().put("sex", "male")).statusCode()).isEqualTo(404);
    assertThat(fields(server.send(HttpMethod.PATCH, "/api/admin/patients/" + patientId, admin.token(), new JsonObject())))
        .containsExactly("body");

    Person doctorUser = world.user("dr. Sari", "doctor");
    HttpResponse<Buffer> doctor = server.post("/api/admin/doctors", admin.token(), new JsonObject().put("userId", doctorUser.userId())
        .put("specialty", "Internal medicine").put("licenceNumber", "SIP-3171-2020-0001"));
    assertThat(doctor.statusCode()).isEqualTo(201);
    String doctorId = doctor.bodyAsJsonObject().getString("id");
    assertThat(ok(server.get("/api/me/doctor-profile", doctorUser.token())).getString("id")).isEqualTo(doctorId);
    assertThat(ok(server.get("/api/admin/doctors?q=internal", admin.token())).getLong("total")).isEqualTo(1);
    assertThat(ok(server.send(HttpMethod.PATCH, "/api/admin/doctors/" + doctorId, admin.token(),
        new JsonObject().put("specialty", "Cardiology"))).getString("specialty")).isEqualTo("Cardiology");

    JsonArray patientCreated = audit("admin_patient_created");
    assertThat(patientCreated).as("the refused second create is not audited").hasSize(1);
    assertThat(patientCreated.getJsonObject(0).getString("actorId")).isEqualTo(admin.userId());
    assertThat(patientCreated.getJsonObject(0).getString("userId")).isEqualTo(withoutRole.userId());
    assertThat(patientCreated.getJsonObject(0).getJsonObject("detail").getString("patientId")).isEqualTo(patientId);
    assertThat(audit("admin_patient_updated").getJsonObject(0).getJsonObject("detail"))
        .isEqualTo(new JsonObject().put("patientId", patientId).put("fields", new JsonArray().add("phone")));
    assertThat(audit("admin_doctor_created").getJsonObject(0).getJsonObject("detail").getString("doctorId")).isEqualTo(doctorId);
    JsonArray doctorUpdated = audit("admin_doctor_updated");
    assertThat(doctorUpdated).hasSize(1);
    assertThat(doctorUpdated.getJsonObject(0).getString("userId")).isEqualTo(doctorUser.userId());
    assertThat(doctorUpdated.getJsonObject(0).getJsonObject("detail"))
        .isEqualTo(new JsonObject().put("doctorId", doctorId).put("fields", new JsonArray().add("specialty")));
  }

  @Test
  void onlyAdminsManageProfiles() {
    Person doctor = world.doctor("Dr. X", "Pulmonology");
    Person patient = world.patient("Ayu");
    for (Person who : List.of(doctor, patient)) {
      assertThat(server.get("/api/admin/patients", who.token()).statusCode()).isEqualTo(403);
      assertThat(server.get("/api/admin/doctors", who.token()).statusCode()).isEqualTo(403);
      assertThat(server.post("/api/admin/doctors", who.token(), new JsonObject()).statusCode()).isEqualTo(403);
      assertThat(server.send(HttpMethod.PATCH, "/api/admin/patients/" + patient.profileId(), who.token(),
          new JsonObject().put("sex", "male")).statusCode()).isEqualTo(403);
    }
    assertThat(server.get("/api/admin/patients", null).statusCode()).isEqualTo(401);
    assertThat(ok(server.get("/api/me/patient-profile", patient.token())).getString("sex")).isEqualTo("female");
  }
}
