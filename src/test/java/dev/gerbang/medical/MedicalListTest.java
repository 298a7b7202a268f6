package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/medical-records: each caller's scope, under every filter and page size, with keyset pages. */
class MedicalListTest {
  private TestServer server;
  private MedicalWorld world;
  private Person patientA;
  private Person patientB;
  private Person doctorX;
  private Person doctorY;

  @BeforeEach
  void start() {
    server = TestServer.start();
    world = new MedicalWorld(server);
    patientA = world.patient("Ayu Lestari");
    patientB = world.patient("Budi Santoso");
    doctorX = world.doctor("Dr. Xaverius", "Pulmonology");
    doctorY = world.doctor("Dr. Yohana", "Cardiology");
    // Several visits share a date, so that pages must break ties on the id.
    String[] dates = {"2026-01-05", "2026-01-05", "2026-01-05", "2026-01-03", "2026-01-02", "2026-01-02", "2025-12-31"};
    for (int i = 0; i < dates.length; i++) {
      world.record(doctorX, patientA, dates[i], "Cough, visit " + i, i % 2 == 0 ? "Bronchitis" : "Asthma");
    }
    world.record(doctorY, patientA, "2026-01-04", "Palpitations", "Sinus tachycardia");
    world.record(doctorY, patientA, "2026-01-05", "Chest pain", "Costochondritis");
    for (int i = 0; i < 5; i++) {
      world.record(doctorY, patientB, "2026-01-0" + (i + 1), "Budi cough " + i, "Angina of Budi");
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> list(Person who, Map<String, String> params) {
    StringBuilder path = new StringBuilder("/api/medical-records");
    String sep = "?";
    for (Map.Entry<String, String> e : params.entrySet()) {
      path.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return server.get(path.toString(), who.token());
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The audit entries of the event, newest first: the service writes them before it answers the page. */
  private JsonArray audit(String event, Person admin) {
    return ok(server.get("/api/admin/audit?event=" + event, admin.token())).getJsonArray("items");
  }

  /** Every page, following nextCursor: the items in order, checking total on each page. */
  private List<JsonObject> walk(Person who, Map<String, String> filters, int limit) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    Long total = null;
    do {
      Map<String, String> params = new java.util.LinkedHashMap<>(filters);
      params.put("limit", String.valueOf(limit));
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      HttpResponse<Buffer> response = list(who, params);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject page = response.bodyAsJsonObject();
      assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(limit);
      page.getJsonArray("items").forEach(item -> items.add((JsonObject) item));
      total = total == null ? page.getLong("total") : total;
      assertThat(page.getLong("total")).isEqualTo(total);
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(items).hasSize(total.intValue());
    return items;
  }

  private static final Comparator<JsonObject> NEWEST_FIRST = Comparator
      .comparing((JsonObject r) -> r.getString("visitDate")).thenComparing(r -> r.getString("id")).reversed();

  private void assertScopeUnderEveryFilterAndPageSize(Person who, Predicate<JsonObject> mayList, int expectedAll) {
    List<Map<String, String>> filters = List.of(Map.of(), Map.of("patientId", patientA.profileId()),
        Map.of("patientId", patientB.profileId()), Map.of("doctorId", doctorX.profileId()),
        Map.of("doctorId", doctorY.profileId()), Map.of("q", "cough"), Map.of("q", "BUDI"),
        Map.of("from", "2026-01-02", "to", "2026-01-04"), Map.of("from", "2026-01-05"),
        Map.of("patientId", patientB.profileId(), "doctorId", doctorY.profileId(), "q", "angina", "to", "2026-01-03"));
    for (Map<String, String> filter : filters) {
      List<JsonObject> all = walk(who, filter, 100);
      assertThat(all).as("sorted, newest visit first, %s", filter).isSortedAccordingTo(NEWEST_FIRST);
      assertThat(all).as("only rows the caller may see, %s", filter).allMatch(mayList);
      for (int limit : new int[] {1, 2, 3}) {
        List<String> paged = walk(who, filter, limit).stream().map(r -> r.getString("id")).toList();
        assertThat(paged).as("pages of %d, %s: no duplicate, no gap", limit, filter)
            .containsExactlyElementsOf(all.stream().map(r -> r.getString("id")).toList());
      }
    }
    assertThat(walk(who, Map.of(), 100)).hasSize(expectedAll);
  }

  private boolean ofPatient(JsonObject record, Person patient) {
    return record.getJsonObject("patient").getString("id").equals(patient.profileId());
  }

  private boolean byDoctor(JsonObject record, Person doctor) {
    return record.getJsonObject("doctor").getString("id").equals(doctor.profileId());
  }

  @Test
  void aPatientListsTheirOwnRecordsWithTheirDoctorsNewestFirst() {
    JsonObject page = ok(list(patientA, Map.of()));

    assertThat(page.getLong("total")).isEqualTo(9);
    JsonObject newest = page.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("visitDate")).isEqualTo("2026-01-05");
    assertThat(page.getJsonArray("items").stream().map(r -> ((JsonObject) r).getJsonObject("doctor").getString("name")))
        .containsOnly("Dr. Xaverius", "Dr. Yohana");
    assertThat(page.getJsonArray("items").stream().map(r -> ((JsonObject) r).getJsonObject("doctor").getString("specialty")))
        .contains("Pulmonology", "Cardiology");
    assertThat(page.encode()).doesNotContain("Budi");
    assertThat(audit("medical_records_listed", world.admin())).as("a patient listing their own records is not audited").isEmpty();
  }

  @Test
  void patientsNeverSeeAnotherPatientsRowsUnderAnyFilterOrCursor() {
    assertScopeUnderEveryFilterAndPageSize(patientA, r -> ofPatient(r, patientA), 9);
    assertScopeUnderEveryFilterAndPageSize(patientB, r -> ofPatient(r, patientB), 5);
    assertThat(walk(patientA, Map.of("patientId", patientB.profileId()), 100)).isEmpty();
  }

  @Test
  void aCursorFromAnotherPatientsListStillOnlyAnswersMyRows() {
    String cursorOfB = ok(list(patientB, Map.of("limit", "1"))).getString("nextCursor");
    assertThat(cursorOfB).isNotNull();

    JsonObject page = ok(list(patientA, Map.of("cursor", cursorOfB, "limit", "100")));

    assertThat(page.getJsonArray("items")).allMatch(r -> ofPatient((JsonObject) r, patientA));
    assertThat(page.encode()).doesNotContain("Budi");
  }

  @Test
  void aDoctorListsTheRecordsTheyWroteAndCanFilterByPatient() {
    assertScopeUnderEveryFilterAndPageSize(doctorX, r -> byDoctor(r, doctorX), 7);
    assertScopeUnderEveryFilterAndPageSize(doctorY, r -> byDoctor(r, doctorY), 7);
    assertThat(walk(doctorY, Map.of("patientId", patientB.profileId()), 100)).hasSize(5);
    assertThat(walk(doctorX, Map.of("patientId", patientB.profileId()), 100)).isEmpty();
  }

  @Test
  void aDoctorWhoIsAlsoAPatientListsBothTheirOwnRecordsAndTheOnesTheyWrote() {
    Person both = world.user("Dr. Patient", "doctor", "patient");
    ok(server.send(io.vertx.core.http.HttpMethod.PUT, "/api/me/doctor-profile", both.token(),
        new JsonObject().put("specialty", "Dermatology").put("licenceNumber", "SIP-" + MedicalWorld.suffix())));
    String patientId = ok(server.send(io.vertx.core.http.HttpMethod.PUT, "/api/me/patient-profile", both.token(),
        new JsonObject().put("dateOfBirth", "1970-01-01").put("sex", "male"))).getString("id");
    Person asPatient = new Person(both.token(), both.userId(), patientId, both.name());
    world.record(doctorX, asPatient, "2026-01-06", "Rash", "Contact dermatitis");
    Person asDoctor = new Person(both.token(), both.userId(), null, both.name());
    world.record(asDoctor, patientB, "2026-01-07", "Budi itch", "Urticaria of Budi");

    List<JsonObject> seen = walk(both, Map.of(), 1);

    assertThat(seen.stream().map(r -> r.getString("diagnosis"))).containsExactly("Urticaria of Budi", "Contact dermatitis");
    assertThat(seen.get(0).getJsonObject("doctor").getString("name")).isEqualTo("Dr. Patient");
    assertThat(seen.get(1).getJsonObject("patient").getString("id")).isEqualTo(patientId);
  }

  @Test
  void anAdminListsEverythingWithFiltersAndTheReadIsAudited() {
    Person admin = world.admin();
    assertScopeUnderEveryFilterAndPageSize(admin, r -> true, 14);
    assertThat(walk(admin, Map.of("patientId", patientB.profileId()), 100)).hasSize(5);
    assertThat(walk(admin, Map.of("doctorId", doctorX.profileId(), "from", "2026-01-03"), 100)).hasSize(4);
    assertThat(walk(admin, Map.of("from", "2026-01-05", "to", "2026-01-05"), 100)).hasSize(5);

    HttpResponse<Buffer> page = list(admin, Map.of("patientId", patientB.profileId(), "limit", "2"));
    List<String> shown = ok(page).getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("id")).toList();
    JsonObject entry = audit("medical_records_listed", admin).getJsonObject(0);
    assertThat(entry.getString("actorId")).isEqualTo(admin.userId());
    assertThat(entry.getString("requestId")).as("the page just answered").isEqualTo(page.getHeader("X-Request-Id"));
    assertThat(entry.getJsonObject("detail").getJsonArray("recordIds").getList()).as("ids only").containsExactlyElementsOf(shown);
  }

  @Test
  void searchTreatsLikeWildcardsAsPlainText() {
    assertThat(walk(patientA, Map.of("q", "%"), 100)).isEmpty();
    assertThat(walk(patientA, Map.of("q", "_"), 100)).isEmpty();
    assertThat(walk(patientA, Map.of("q", "visit 3"), 100)).hasSize(1);
  }

  @Test
  void badQueryParametersAreOne400ListingEachOfThem() {
    HttpResponse<Buffer> response = server.get("/api/medical-records?patientId=42&doctorId=x&from=2026-13-01&to=soon"
        + "&limit=0&sort=name&q=" + "a".repeat(101), patientA.token());

    assertThat(response.statusCode()).isEqualTo(400);
    Set<String> fields = new HashSet<>();
    response.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertThat(fields).containsExactlyInAnyOrder("patientId", "doctorId", "from", "to", "limit", "sort", "q");
    HttpResponse<Buffer> badCursor = server.get("/api/medical-records?cursor=bm90LWEtY3Vyc29y", patientA.token());
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(badCursor.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
  }
}
