package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.LogCapture;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.db.Ids;
import dev.gerbang.http.FailureHandler;
import dev.gerbang.http.RequestIds;
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

/** Who may read a medical record, over real HTTP: the users' rule, the doctors' and admins' rules, and 401/403/404. */
class MedicalAccessTest {
  private TestServer server;
  private MedicalWorld world;
  private Person patientA;
  private Person patientB;
  private Person doctorX;
  private Person doctorY;
  private String recordOfA;
  private String recordOfB;

  @BeforeEach
  void start() {
    server = TestServer.start();
    world = new MedicalWorld(server);
    patientA = world.patient("Ayu Lestari");
    patientB = world.patient("Budi Santoso");
    doctorX = world.doctor("Dr. Xaverius", "Pulmonology");
    doctorY = world.doctor("Dr. Yohana", "Cardiology");
    recordOfA = world.record(doctorX, patientA, "2026-01-10", "Wheezing at night", "Asthma, mild persistent");
    recordOfB = world.record(doctorY, patientB, "2026-01-11", "Chest tightness of Budi", "Stable angina of Budi");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> read(Person who, String recordId) {
    return server.get("/api/medical-records/" + recordId, who == null ? null : who.token());
  }

  /** The audit entries of the event: the service writes them before it answers, so they are there with the response. */
  private JsonArray audit(String event) {
    Person admin = world.admin();
    HttpResponse<Buffer> response = server.get("/api/admin/audit?event=" + event, admin.token());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void aPatientReadsTheirOwnRecordInDetailWithTheirDoctor() {
    HttpResponse<Buffer> response = read(patientA, recordOfA);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject record = response.bodyAsJsonObject();
    assertThat(record.getString("id")).isEqualTo(recordOfA);
    assertThat(record.getString("complaint")).isEqualTo("Wheezing at night");
    assertThat(record.getJsonObject("patient").getString("id")).isEqualTo(patientA.profileId());
    assertThat(record.getJsonObject("patient").getString("dateOfBirth")).isEqualTo("1980-02-29");
    assertThat(record.getJsonObject("doctor").getString("name")).isEqualTo("Dr. Xaverius");
    assertThat(record.getJsonObject("doctor").getString("specialty")).isEqualTo("Pulmonology");
    assertThat(audit("medical_record_read")).as("a patient reading their own record is not audited").isEmpty();
  }

  @Test
  void patientAReadingPatientBsRecordIs403AndTheBodyTellsNothingAboutB() {
    HttpResponse<Buffer> response = read(patientA, recordOfB);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    String body = response.bodyAsString();
    for (String secret : List.of("Budi", "angina", "Chest", patientB.profileId(), patientB.userId(), doctorY.profileId(),
        "Yohana", "Cardiology", "2026-01-11")) {
      assertThat(body).doesNotContain(secret);
    }
    JsonArray denied = audit("medical_record_denied");
    assertThat(denied).hasSize(1);
    assertThat(denied.getJsonObject(0).getString("actorId")).isEqualTo(patientA.userId());
    assertThat(denied.getJsonObject(0).getJsonObject("detail").getString("recordId")).isEqualTo(recordOfB);
  }

  /** Issue 21: the audit row of a read is written in the read's transaction, so it exists when the record arrives. */
  @Test
  void theAuditRowOfAReadOfSomeoneElsesRecordExistsWhenTheRecordArrives() {
    HttpResponse<Buffer> response = read(doctorX, recordOfA);

    assertThat(response.statusCode()).isEqualTo(200);
    List<Map<String, Object>> rows = TestDb.rows(server,
        "SELECT user_id, actor_id, detail FROM audit_log WHERE event = 'medical_record_read' AND request_id = ?",
        response.getHeader(RequestIds.HEADER));
    assertThat(rows).as("the row of this very request, read right after its response").hasSize(1);
    assertThat(rows.get(0).get("user_id")).as("about the patient").isEqualTo(patientA.userId());
    assertThat(rows.get(0).get("actor_id")).as("by the doctor").isEqualTo(doctorX.userId());
    assertThat(new JsonObject((String) rows.get(0).get("detail"))).isEqualTo(new JsonObject().put("recordId", recordOfA));
  }

  /** No audit row, no record: a read whose audit row cannot be written fails, and shows nothing of the record. */
  @Test
  void aReadThatCannotBeAuditedAnswersNothingOfTheRecord() {
    refuseAuditRows("medical_record_read");

    HttpResponse<Buffer> response;
    try (LogCapture log = LogCapture.of(FailureHandler.class)) {
      response = read(doctorX, recordOfA);
      assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains("Wheezing") || line.contains("Asthma"));
    }

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsString()).doesNotContain("Wheezing", "Asthma", "Ayu", patientA.userId());
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'medical_record_read'")).isZero();
    assertThat(ok(read(patientA, recordOfA)).getString("id")).as("a patient's own read is not audited").isEqualTo(recordOfA);
  }

  /** Makes the database refuse audit rows of this event, as a full disk or a lost connection would. */
  private void refuseAuditRows(String event) {
    if (TestDb.onPostgres()) {
      TestDb.update(server, "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
          + "'BEGIN RAISE EXCEPTION ''the audit log refuses rows''; END'");
      TestDb.update(server, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.event = '"
          + event + "') EXECUTE FUNCTION refuse_audit()");
    } else {
      TestDb.update(server, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.event = '" + event
          + "' BEGIN SELECT RAISE(ABORT, 'the audit log refuses rows'); END");
    }
  }

  @Test
  void guessedIdsAre404WhenNoSuchRecordAnd403WhenItIsSomeoneElses() {
    assertThat(read(patientA, Ids.newId()).statusCode()).isEqualTo(404);
    assertThat(read(patientA, "1").statusCode()).isEqualTo(404);
    assertThat(read(patientA, recordOfB.toUpperCase()).statusCode()).isEqualTo(404);
    assertThat(read(patientA, recordOfB).statusCode()).isEqualTo(403);
    // The other profile ids are not record ids either: nothing answers with data.
    assertThat(read(patientA, patientB.profileId()).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> missing = read(patientA, Ids.newId());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("detail")).isEqualTo("No such medical record");
  }

  @Test
  void aDoctorReadsWhatTheyWroteAndTheRecordsOfTheirCareTeamsPatientsButNotAnUnrelatedPatients() {
    world.assign(world.admin(), patientA, doctorX);
    String laterOfA = world.record(doctorY, patientA, "2026-02-01", "Palpitations", "Sinus tachycardia");

    assertThat(read(doctorX, recordOfA).statusCode()).isEqualTo(200);
    assertThat(read(doctorX, laterOfA).statusCode()).as("X is on A's care team").isEqualTo(200);
    assertThat(read(doctorX, recordOfB).statusCode()).as("B never saw X").isEqualTo(403);
    assertThat(read(doctorY, recordOfB).statusCode()).isEqualTo(200);
    assertThat(read(doctorY, laterOfA).statusCode()).as("Y wrote it").isEqualTo(200);
    String body = read(doctorX, recordOfB).bodyAsString();
    assertThat(body).doesNotContain("Budi").doesNotContain("angina");

    JsonArray reads = audit("medical_record_read");
    assertThat(reads).as("one entry per read of someone else's record, none per refusal").hasSize(4);
    assertThat(reads.stream().map(e -> ((JsonObject) e).getJsonObject("detail").getString("recordId")))
        .contains(recordOfA, laterOfA, recordOfB);
    JsonObject one = reads.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getJsonObject("detail").getString("recordId").equals(recordOfB)).findFirst().orElseThrow();
    assertThat(one.getString("userId")).as("about the patient").isEqualTo(patientB.userId());
    assertThat(one.getString("actorId")).as("by the doctor").isEqualTo(doctorY.userId());
    assertThat(one.getString("requestId")).isNotBlank();
  }

  private List<String> listed(Person who, String query) {
    HttpResponse<Buffer> response = server.get("/api/medical-records" + query, who.token());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("id")).toList();
  }

  /**
   * Issue 20, finding 4 (ASVS 4.2.1): writing a record for any patient id used to make a doctor "treating", which
   * opened the patient's whole history. Now it gives that one record, and nothing of the rest.
   */
  @Test
  void aDoctorWhoWritesOneRecordForAStrangerGetsThatRecordAndNotTheHistory() {
    String planted = world.record(doctorY, patientA, "2026-02-02", "Routine visit", "No findings");

    assertThat(read(doctorY, planted).statusCode()).as("the record Y wrote").isEqualTo(200);
    HttpResponse<Buffer> history = read(doctorY, recordOfA);
    assertThat(history.statusCode()).as("A's history stays closed to Y").isEqualTo(403);
    assertThat(history.bodyAsString()).doesNotContain("Wheezing", "Asthma", "Ayu");
    assertThat(listed(doctorY, "?patientId=" + patientA.profileId())).containsExactly(planted);
    assertThat(listed(doctorY, "")).containsExactlyInAnyOrder(planted, recordOfB);
    assertThat(listed(doctorY, "?q=wheezing")).isEmpty();
    JsonArray denied = audit("medical_record_denied");
    assertThat(denied).hasSize(1);
    assertThat(denied.getJsonObject(0).getJsonObject("detail").getString("recordId")).isEqualTo(recordOfA);
  }

  @Test
  void anAssignedDoctorListsAndReadsThePatientsWholeHistoryAndUnassigningEndsItAtOnce() {
    Person admin = world.admin();
    String olderOfB = world.record(doctorY, patientB, "2025-06-01", "Cough", "Bronchitis");
    assertThat(read(doctorX, recordOfB).statusCode()).isEqualTo(403);
    assertThat(listed(doctorX, "?patientId=" + patientB.profileId())).isEmpty();

    world.assign(admin, patientB, doctorX);

    assertThat(read(doctorX, recordOfB).statusCode()).isEqualTo(200);
    assertThat(read(doctorX, olderOfB).statusCode()).isEqualTo(200);
    assertThat(listed(doctorX, "?patientId=" + patientB.profileId())).containsExactly(recordOfB, olderOfB);
    assertThat(listed(doctorX, "")).containsExactly(recordOfB, recordOfA, olderOfB);
    assertThat(ok(server.get("/api/medical-records?q=angina", doctorX.token())).getLong("total")).isEqualTo(1);

    world.unassign(admin, patientB, doctorX);

    assertThat(read(doctorX, recordOfB).statusCode()).as("the same token, at once").isEqualTo(403);
    assertThat(listed(doctorX, "")).containsExactly(recordOfA);
    assertThat(listed(doctorX, "?patientId=" + patientB.profileId())).isEmpty();
    assertThat(read(doctorY, recordOfB).statusCode()).as("Y wrote it, whatever the team").isEqualTo(200);
  }

  @Test
  void aDoctorOnTheCareTeamWhoseDoctorRoleIsTakenAwayLosesAccessAtOnce() {
    Person admin = world.admin();
    world.assign(admin, patientB, doctorX);
    assertThat(read(doctorX, recordOfB).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> demoted = server.send(HttpMethod.PATCH, "/api/admin/users/" + doctorX.userId(), admin.token(),
        new JsonObject().put("roles", new JsonArray().add("user")));
    assertThat(demoted.statusCode()).isEqualTo(200);

    assertThat(read(doctorX, recordOfB).statusCode()).isEqualTo(403);
  }

  @Test
  void aDoctorWithoutAProfileAndAnAdminFollowTheirRules() {
    Person bareDoctor = world.user("Dr. No Profile", "doctor");
    Person admin = world.admin();

    assertThat(read(bareDoctor, recordOfA).statusCode()).isEqualTo(403);
    assertThat(read(admin, recordOfA).statusCode()).isEqualTo(200);
    assertThat(read(admin, recordOfB).statusCode()).isEqualTo(200);
  }

  @Test
  void everyMedicalEndpointWithoutATokenIs401WithWwwAuthenticate() {
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE)) {
      HttpResponse<Buffer> response = server.send(method, "/api/medical-records/" + recordOfA, null,
          method == HttpMethod.PATCH ? new JsonObject().put("notes", "x") : null);
      assertThat(response.statusCode()).as(method.name()).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(response.bodyAsString()).doesNotContain("Wheezing");
    }
    assertThat(server.get("/api/medical-records", null).statusCode()).isEqualTo(401);
    assertThat(server.post("/api/medical-records", MedicalWorld.recordBody(patientA, "2026-01-01", "a", "b")).statusCode())
        .isEqualTo(401);
    assertThat(server.get("/api/medical-records/" + recordOfA, "not.a.token").statusCode()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIs401() {
    String email = TestServer.uniqueEmail();
    server.register(email, TestServer.PASSWORD, "Expired Patient");
    server.grantRole(email, "patient");
    JsonObject login = server.login(email, TestServer.PASSWORD);
    String expired = server.gerbang().components().tokens().issue(login.getJsonObject("user").getString("id"),
        login.getString("sessionId"), null, List.of("user", "patient"), System.currentTimeMillis() - 3_600_000L);

    HttpResponse<Buffer> response = server.get("/api/medical-records", expired);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token");
    assertThat(server.get("/api/medical-records", login.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenOfASessionThatLoggedOutIs401AtOnce() {
    assertThat(read(patientA, recordOfA).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/auth/logout", patientA.token(), null).statusCode()).isIn(200, 204);

    assertThat(read(patientA, recordOfA).statusCode()).isEqualTo(401);
    assertThat(server.get("/api/medical-records", patientA.token()).statusCode()).isEqualTo(401);
  }

  @Test
  void rolesWithoutAccessAre403() {
    Person plain = world.user("Plain User");
    Person editor = world.user("Editor", "editor");
    for (Person outsider : List.of(plain, editor)) {
      assertThat(server.get("/api/medical-records", outsider.token()).statusCode()).isEqualTo(403);
      assertThat(read(outsider, recordOfA).statusCode()).isEqualTo(403);
      assertThat(read(outsider, Ids.newId()).statusCode()).as("403 before anything is looked up").isEqualTo(403);
    }
    assertThat(server.post("/api/medical-records", patientA.token(),
        MedicalWorld.recordBody(patientA, "2026-01-01", "self-diagnosed", "fine")).statusCode()).isEqualTo(403);
    assertThat(server.send(HttpMethod.PATCH, "/api/medical-records/" + recordOfA, patientA.token(),
        new JsonObject().put("diagnosis", "nothing")).statusCode()).isEqualTo(403);
    assertThat(server.send(HttpMethod.DELETE, "/api/medical-records/" + recordOfA, doctorX.token(), null).statusCode())
        .isEqualTo(403);
    assertThat(ok(read(patientA, recordOfA)).getString("diagnosis")).isEqualTo("Asthma, mild persistent");
  }

  @Test
  void aPatientWhoseRoleWasTakenAwayLosesAccessAtOnce() {
    Person admin = world.admin();
    HttpResponse<Buffer> demoted = server.send(HttpMethod.PATCH, "/api/admin/users/" + patientA.userId(), admin.token(),
        new JsonObject().put("roles", new JsonArray().add("user")));
    assertThat(demoted.statusCode()).isEqualTo(200);

    assertThat(read(patientA, recordOfA).statusCode()).isEqualTo(403);
    assertThat(server.get("/api/medical-records", patientA.token()).statusCode()).isEqualTo(403);
  }
}
