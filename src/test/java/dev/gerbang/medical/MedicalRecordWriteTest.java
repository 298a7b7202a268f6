package dev.gerbang.medical;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writing, changing and deleting medical records: who may, what is checked, what is stored and audited. */
class MedicalRecordWriteTest {
  private TestServer server;
  private MedicalWorld world;
  private Person patient;
  private Person doctorX;
  private Person doctorY;
  private Person admin;

  @BeforeEach
  void start() {
    server = TestServer.start();
    world = new MedicalWorld(server);
    patient = world.patient("Ayu Lestari");
    doctorX = world.doctor("Dr. Xaverius", "Pulmonology");
    doctorY = world.doctor("Dr. Yohana", "Cardiology");
    admin = world.admin();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> patch(Person who, String id, JsonObject changes) {
    return server.send(HttpMethod.PATCH, "/api/medical-records/" + id, who.token(), changes);
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  /** The newest audit entry of this event: the service writes it in the change's transaction, before it answers. */
  private JsonObject lastAudit(String event) {
    JsonArray items = ok(server.get("/api/admin/audit?limit=1&event=" + event, admin.token())).getJsonArray("items");
    assertThat(items).as("an audit entry " + event).isNotEmpty();
    return items.getJsonObject(0);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void aDoctorWritesARecordInTheirNameWhichThePatientThenSeesAndTheWriteIsAudited() {
    JsonObject body = MedicalWorld.recordBody(patient, "2026-01-10", " Wheezing at night ", "Asthma").put("icd10Code", "j45.909");

    HttpResponse<Buffer> created = server.post("/api/medical-records", doctorX.token(), body);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject record = created.bodyAsJsonObject();
    String id = record.getString("id");
    assertThat(created.getHeader("Location")).isEqualTo("/api/medical-records/" + id);
    assertThat(record.getString("complaint")).isEqualTo("Wheezing at night");
    assertThat(record.getString("icd10Code")).isEqualTo("J45.909");
    assertThat(record.getJsonObject("doctor").getString("id")).isEqualTo(doctorX.profileId());
    assertThat(record.getJsonObject("patient").getString("id")).isEqualTo(patient.profileId());
    assertThat(ok(server.get("/api/medical-records/" + id, patient.token()))).isEqualTo(record);
    JsonObject entry = lastAudit("medical_record_created");
    assertThat(entry.getString("actorId")).isEqualTo(doctorX.userId());
    assertThat(entry.getString("userId")).isEqualTo(patient.userId());
    assertThat(entry.getJsonObject("detail")).isEqualTo(new JsonObject().put("recordId", id));
    assertThat(entry.encode()).as("no health data in the audit trail").doesNotContain("Wheezing").doesNotContain("Asthma");
  }

  @Test
  void everyInvalidFieldIsListedInOne400() {
    String tomorrow = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();
    JsonObject body = new JsonObject().put("patientId", "42").put("doctorId", 7).put("visitDate", tomorrow)
        .put("complaint", "  ").put("diagnosis", "x".repeat(2001)).put("icd10Code", "J4").put("treatment", "t".repeat(4001))
        .put("notes", 12).put("weight", 80);

    assertThat(fields(server.post("/api/medical-records", doctorX.token(), body))).containsExactlyInAnyOrder(
        "patientId", "doctorId", "visitDate", "complaint", "diagnosis", "icd10Code", "treatment", "notes", "weight");
    assertThat(fields(server.post("/api/medical-records", doctorX.token(), new JsonObject())))
        .containsExactlyInAnyOrder("patientId", "visitDate", "complaint", "diagnosis");
    for (String date : List.of("2026-02-30", "31-01-2026", "2026-1-5", "1899-12-31", "yesterday")) {
      assertThat(fields(server.post("/api/medical-records", doctorX.token(),
          MedicalWorld.recordBody(patient, date, "a", "b")))).as(date).containsExactly("visitDate");
    }
    for (String code : List.of("J45.", "45.9", "J45.90999", "JJ5", "J45-909", "J45 909")) {
      assertThat(fields(server.post("/api/medical-records", doctorX.token(),
          MedicalWorld.recordBody(patient, "2026-01-01", "a", "b").put("icd10Code", code)))).as(code).containsExactly("icd10Code");
    }
    for (String code : List.of("E11.9", "J45.909", "A90", "U07.1", "C4A.0", "S72.001A")) {
      assertThat(server.post("/api/medical-records", doctorX.token(),
          MedicalWorld.recordBody(patient, "2026-01-01", "a", "b").put("icd10Code", code)).statusCode()).as(code).isEqualTo(201);
    }
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(server.post("/api/medical-records", doctorX.token(), MedicalWorld.recordBody(patient, today, "a", "b"))
        .statusCode()).isEqualTo(201);
    assertThat(ok(server.get("/api/medical-records", patient.token())).getLong("total")).isEqualTo(7);
  }

  /** Format errors and unknown ids are found by different checks, but one 400 lists them all, and nothing is stored. */
  @Test
  void aBadDateABadCodeAndAnUnknownPatientAreListedTogether() {
    JsonObject body = MedicalWorld.recordBody(patient, "2026-13-01", "Cough", "Bronchitis").put("icd10Code", "J4")
        .put("patientId", Ids.newId());

    assertThat(fields(server.post("/api/medical-records", doctorX.token(), body)))
        .containsExactlyInAnyOrder("visitDate", "icd10Code", "patientId");
    assertThat(fields(server.post("/api/medical-records", admin.token(), body.copy().put("doctorId", Ids.newId()))))
        .containsExactlyInAnyOrder("visitDate", "icd10Code", "patientId", "doctorId");
    assertThat(fields(server.post("/api/medical-records", admin.token(), MedicalWorld.recordBody(patient, "2026-01-10", "a", "b")
        .put("patientId", Ids.newId()).put("doctorId", Ids.newId()))))
        .as("with no format error, the write names both unknown ids").containsExactlyInAnyOrder("patientId", "doctorId");
    assertThat(dev.gerbang.TestDb.count(server, "SELECT COUNT(*) FROM medical_records")).isZero();
  }

  @Test
  void doctorsWriteOnlyInTheirOwnNameForARealPatientAndAdminsNameTheDoctor() {
    JsonObject body = MedicalWorld.recordBody(patient, "2026-01-10", "Cough", "Bronchitis");
    Person bareDoctor = world.user("Dr. No Profile", "doctor");

    assertThat(server.post("/api/medical-records", doctorX.token(), body.copy().put("doctorId", doctorY.profileId()))
        .statusCode()).isEqualTo(403);
    assertThat(server.post("/api/medical-records", bareDoctor.token(), body).statusCode()).isEqualTo(403);
    assertThat(fields(server.post("/api/medical-records", doctorX.token(), body.copy().put("patientId", Ids.newId()))))
        .containsExactly("patientId");
    assertThat(fields(server.post("/api/medical-records", admin.token(), body))).containsExactly("doctorId");
    assertThat(fields(server.post("/api/medical-records", admin.token(), body.copy().put("doctorId", patient.profileId()))))
        .containsExactly("doctorId");
    HttpResponse<Buffer> byAdmin = server.post("/api/medical-records", admin.token(), body.copy().put("doctorId", doctorY.profileId()));
    assertThat(byAdmin.statusCode()).isEqualTo(201);
    assertThat(byAdmin.bodyAsJsonObject().getJsonObject("doctor").getString("name")).isEqualTo("Dr. Yohana");
    assertThat(ok(server.get("/api/medical-records", patient.token())).getLong("total")).isEqualTo(1);
  }

  @Test
  void onlyTheRecordsDoctorOrAnAdminChangeItAndEachChangeIsChecked() {
    String id = world.record(doctorX, patient, "2026-01-10", "Cough", "Bronchitis");

    assertThat(patch(doctorY, id, new JsonObject().put("diagnosis", "Pneumonia")).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> changed = patch(doctorX, id, new JsonObject().put("diagnosis", "Pneumonia").put("icd10Code", null)
        .put("notes", "Chest X-ray ordered"));
    assertThat(changed.statusCode()).isEqualTo(200);
    JsonObject record = changed.bodyAsJsonObject();
    assertThat(record.getString("diagnosis")).isEqualTo("Pneumonia");
    assertThat(record.getString("icd10Code")).isNull();
    assertThat(record.getString("notes")).isEqualTo("Chest X-ray ordered");
    assertThat(record.getString("complaint")).isEqualTo("Cough");
    JsonObject entry = lastAudit("medical_record_updated");
    assertThat(entry.getJsonObject("detail")).isEqualTo(new JsonObject().put("recordId", id)
        .put("fields", new JsonArray().add("diagnosis").add("icd10Code").add("notes")));
    assertThat(ok(patch(admin, id, new JsonObject().put("visitDate", "2026-01-09"))).getString("visitDate"))
        .isEqualTo("2026-01-09");

    assertThat(fields(patch(doctorX, id, new JsonObject()))).containsExactly("body");
    assertThat(fields(patch(doctorX, id, new JsonObject().put("complaint", null).put("diagnosis", "")
        .put("visitDate", "2999-01-01").put("patientId", patient.profileId()).put("icd10Code", "X"))))
        .containsExactlyInAnyOrder("complaint", "diagnosis", "visitDate", "patientId", "icd10Code");
    assertThat(patch(doctorX, Ids.newId(), new JsonObject().put("notes", "x")).statusCode()).isEqualTo(404);
    assertThat(patch(doctorX, "not-an-id", new JsonObject().put("notes", "x")).statusCode()).isEqualTo(404);
    assertThat(ok(server.get("/api/medical-records/" + id, patient.token())).getString("diagnosis")).isEqualTo("Pneumonia");
    JsonArray denied = ok(server.get("/api/admin/audit?event=medical_record_denied", admin.token())).getJsonArray("items");
    assertThat(denied).as("the refused change by another doctor").hasSize(1);
    assertThat(denied.getJsonObject(0).getString("actorId")).isEqualTo(doctorY.userId());
    assertThat(denied.getJsonObject(0).getJsonObject("detail")).isEqualTo(new JsonObject().put("recordId", id));
  }

  @Test
  void anAdminsSoftDeleteHidesTheRecordEverywhereButKeepsTheRowForTheAudit() {
    String kept = world.record(doctorX, patient, "2026-01-09", "Fever", "Influenza");
    String id = world.record(doctorX, patient, "2026-01-10", "Cough", "Bronchitis");

    assertThat(server.send(HttpMethod.DELETE, "/api/medical-records/" + id, doctorX.token(), null).statusCode()).isEqualTo(403);
    assertThat(server.send(HttpMethod.DELETE, "/api/medical-records/" + id, admin.token(), null).statusCode()).isEqualTo(204);

    for (Person who : List.of(patient, doctorX, admin)) {
      assertThat(server.get("/api/medical-records/" + id, who.token()).statusCode()).isEqualTo(404);
      JsonObject page = ok(server.get("/api/medical-records", who.token()));
      assertThat(page.getLong("total")).isEqualTo(1);
      assertThat(page.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(kept);
    }
    assertThat(patch(doctorX, id, new JsonObject().put("notes", "x")).statusCode()).isEqualTo(404);
    assertThat(server.send(HttpMethod.DELETE, "/api/medical-records/" + id, admin.token(), null).statusCode()).isEqualTo(404);
    JsonObject entry = lastAudit("medical_record_deleted");
    assertThat(entry.getString("actorId")).isEqualTo(admin.userId());
    assertThat(entry.getJsonObject("detail").getString("recordId")).isEqualTo(id);
    Map<String, Object> row = TestDb.row(server,
        "SELECT diagnosis, deleted_at, deleted_by FROM medical_records WHERE id = ?", id);
    assertThat(row).as("the row is kept").isNotNull();
    assertThat(row.get("diagnosis")).isEqualTo("Bronchitis");
    assertThat(((Number) row.get("deleted_at")).longValue()).isPositive();
    assertThat(row.get("deleted_by")).isEqualTo(admin.userId());
  }
}
