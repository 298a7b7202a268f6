package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;

/** Patients, doctors and records made over the API, the way an app would, for the medical tests. */
public final class MedicalWorld {
  /** A signed-in user and the profile they have (patient or doctor), or null for none. */
  public record Person(String token, String userId, String profileId, String name) {
  }

  private final TestServer server;

  public MedicalWorld(TestServer server) {
    this.server = server;
  }

  /** A new account with this display name and these roles, signed in after the grant. */
  public Person user(String name, String... roles) {
    String email = TestServer.uniqueEmail();
    JsonObject user = server.register(email, TestServer.PASSWORD, name);
    for (String role : roles) {
      server.grantRole(email, role);
    }
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");
    return new Person(token, user.getString("id"), null, name);
  }

  public Person admin() {
    return user("Admin " + suffix(), "admin");
  }

  public Person patient(String name) {
    Person user = user(name, "patient");
    HttpResponse<Buffer> saved = server.send(HttpMethod.PUT, "/api/me/patient-profile", user.token(),
        new JsonObject().put("dateOfBirth", "1980-02-29").put("sex", "female").put("phone", "+62 21 555 0100")
            .put("address", "Jl. " + name + " 1, Jakarta"));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    return new Person(user.token(), user.userId(), saved.bodyAsJsonObject().getString("id"), name);
  }

  public Person doctor(String name, String specialty) {
    Person user = user(name, "doctor");
    HttpResponse<Buffer> saved = server.send(HttpMethod.PUT, "/api/me/doctor-profile", user.token(),
        new JsonObject().put("specialty", specialty).put("licenceNumber", "SIP-" + suffix()));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    return new Person(user.token(), user.userId(), saved.bodyAsJsonObject().getString("id"), name);
  }

  static JsonObject recordBody(Person patient, String visitDate, String complaint, String diagnosis) {
    return new JsonObject().put("patientId", patient.profileId()).put("visitDate", visitDate)
        .put("complaint", complaint).put("diagnosis", diagnosis).put("icd10Code", "J45.909")
        .put("treatment", "Salbutamol inhaler").put("notes", "Review in two weeks");
  }

  /** A record written by the doctor about the patient; answers its id. */
  public String record(Person doctor, Person patient, String visitDate, String complaint, String diagnosis) {
    HttpResponse<Buffer> created = server.post("/api/medical-records", doctor.token(),
        recordBody(patient, visitDate, complaint, diagnosis));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  /** An admin puts the doctor on the patient's care team (200 expected); answers the patient with the team. */
  public JsonObject assign(Person admin, Person patient, Person doctor) {
    HttpResponse<Buffer> assigned = server.send(HttpMethod.PUT, careTeamPath(patient, doctor), admin.token(), null);
    assertThat(assigned.statusCode()).as(assigned.bodyAsString()).isEqualTo(200);
    return assigned.bodyAsJsonObject();
  }

  /** An admin takes the doctor off the patient's care team (200 expected); answers the patient with the team. */
  public JsonObject unassign(Person admin, Person patient, Person doctor) {
    HttpResponse<Buffer> removed = server.send(HttpMethod.DELETE, careTeamPath(patient, doctor), admin.token(), null);
    assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(200);
    return removed.bodyAsJsonObject();
  }

  static String careTeamPath(Person patient, Person doctor) {
    return "/api/admin/patients/" + patient.profileId() + "/doctors/" + doctor.profileId();
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
