package dev.gerbang.medical;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.db.Ids;
import dev.gerbang.medical.MedicalWorld.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The care team (issue 20, finding 4): admins put doctors on a patient's team and take them off, at
 * GET /api/admin/patients/{id} and PUT/DELETE /api/admin/patients/{id}/doctors/{doctorId}; nobody else can.
 */
class CareTeamTest {
  private TestServer server;
  private MedicalWorld world;
  private Person admin;
  private Person patient;
  private Person doctorX;
  private Person doctorY;

  @BeforeEach
  void start() {
    server = TestServer.start();
    world = new MedicalWorld(server);
    admin = world.admin();
    patient = world.patient("Ayu Lestari");
    doctorX = world.doctor("Dr. Xaverius", "Pulmonology");
    doctorY = world.doctor("Dr. Yohana", "Cardiology");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<String> team(JsonObject patientJson) {
    return patientJson.getJsonArray("careTeam").stream().map(d -> ((JsonObject) d).getString("id")).toList();
  }

  private List<Map<String, Object>> storedTeam() {
    return TestDb.rows(server, "SELECT doctor_id, assigned_by FROM care_team WHERE patient_id = ? ORDER BY doctor_id",
        patient.profileId());
  }

  /** The audit entries of the event: the service writes them in the change's transaction, before it answers. */
  private JsonArray audit(String event) {
    HttpResponse<Buffer> response = server.get("/api/admin/audit?event=" + event, admin.token());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void anAdminPutsDoctorsOnAPatientsCareTeamAndTakesThemOffAgain() {
    HttpResponse<Buffer> empty = server.get("/api/admin/patients/" + patient.profileId(), admin.token());
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.bodyAsJsonObject().getString("medicalRecordNumber")).startsWith("MRN-");
    assertThat(empty.bodyAsJsonObject().getJsonArray("careTeam")).isEmpty();

    JsonObject one = world.assign(admin, patient, doctorX);
    assertThat(one.getString("id")).isEqualTo(patient.profileId());
    assertThat(team(one)).containsExactly(doctorX.profileId());
    JsonObject member = one.getJsonArray("careTeam").getJsonObject(0);
    assertThat(member.getString("name")).isEqualTo("Dr. Xaverius");
    assertThat(member.getString("specialty")).isEqualTo("Pulmonology");
    assertThat(member.getString("userId")).isEqualTo(doctorX.userId());
    assertThat(member.getString("assignedAt")).isNotBlank();
    assertThat(team(world.assign(admin, patient, doctorX))).as("assigning twice changes nothing").containsExactly(doctorX.profileId());
    assertThat(team(world.assign(admin, patient, doctorY))).containsExactlyInAnyOrder(doctorX.profileId(), doctorY.profileId());
    assertThat(storedTeam()).hasSize(2).allSatisfy(row -> assertThat(row.get("assigned_by")).isEqualTo(admin.userId()));

    assertThat(team(world.unassign(admin, patient, doctorX))).containsExactly(doctorY.profileId());
    assertThat(team(world.unassign(admin, patient, doctorX))).as("removing twice changes nothing").containsExactly(doctorY.profileId());
    assertThat(storedTeam()).extracting(row -> row.get("doctor_id")).containsExactly(doctorY.profileId());

    JsonArray assigned = audit("care_team_assigned");
    assertThat(assigned).as("one entry per real change").hasSize(2);
    JsonObject entry = assigned.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getJsonObject("detail").getString("doctorId").equals(doctorX.profileId())).findFirst().orElseThrow();
    assertThat(entry.getString("userId")).as("about the patient").isEqualTo(patient.userId());
    assertThat(entry.getString("actorId")).isEqualTo(admin.userId());
    assertThat(entry.getJsonObject("detail").getString("patientId")).isEqualTo(patient.profileId());
    assertThat(audit("care_team_unassigned")).hasSize(1);
  }

  @Test
  void everyCareTeamEndpointIs401WithoutATokenAnd403ForEveryOtherRoleAndChangesNothing() {
    String path = MedicalWorld.careTeamPath(patient, doctorX);
    String profile = "/api/admin/patients/" + patient.profileId();
    Person editor = world.user("Eka Editor", "editor");
    Person plain = world.user("Plain User");
    for (Person outsider : List.of(patient, doctorX, editor, plain)) {
      assertProblem(server.send(HttpMethod.PUT, path, outsider.token(), null), 403, "forbidden");
      assertProblem(server.send(HttpMethod.DELETE, path, outsider.token(), null), 403, "forbidden");
      assertProblem(server.get(profile, outsider.token()), 403, "forbidden");
    }
    assertProblem(server.send(HttpMethod.PUT, path, null, null), 401, "unauthorized");
    assertProblem(server.send(HttpMethod.DELETE, path, null, null), 401, "unauthorized");
    assertProblem(server.get(profile, null), 401, "unauthorized");
    assertThat(storedTeam()).as("a doctor cannot put themself on a team").isEmpty();
  }

  @Test
  void unknownMalformedOrSwappedIdsAre404AndChangeNothing() {
    String patients = "/api/admin/patients/";
    for (String path : List.of(
        patients + Ids.newId() + "/doctors/" + doctorX.profileId(),
        patients + "not-an-id/doctors/" + doctorX.profileId(),
        patients + doctorX.profileId() + "/doctors/" + doctorX.profileId(),
        patients + patient.profileId() + "/doctors/" + Ids.newId(),
        patients + patient.profileId() + "/doctors/1%27%20OR%20%271%27=%271",
        patients + patient.profileId() + "/doctors/" + patient.profileId(),
        patients + patient.profileId() + "/doctors/" + doctorX.userId())) {
      for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE)) {
        JsonObject problem = assertProblem(server.send(method, path, admin.token(), null), 404, "not-found");
        assertThat(problem.getString("detail")).as(method + " " + path).isIn("No such patient", "No such doctor");
      }
    }
    assertProblem(server.get(patients + Ids.newId(), admin.token()), 404, "not-found");
    assertProblem(server.get(patients + "x", admin.token()), 404, "not-found");
    assertThat(storedTeam()).isEmpty();
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM care_team")).isZero();
    assertThat(audit("care_team_assigned")).isEmpty();
    assertThat(audit("care_team_unassigned")).isEmpty();
  }
}
