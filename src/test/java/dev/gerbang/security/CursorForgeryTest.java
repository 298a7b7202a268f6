package dev.gerbang.security;

import static dev.gerbang.Problems.assertInvalidCursor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.db.Cursors;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.medical.MedicalWorld.Person;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cursors that clients cannot forge (issue 22): every cursor-paged list answers a changed, unsigned or borrowed
 * cursor with a 400 invalid-cursor problem, and a cursor whose sort key has the wrong type is a 400 even when it
 * is signed with the server's own key, never a 500 or a database error. Read-only tests over one world of data.
 */
class CursorForgeryTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static TestServer server;
  private static String admin;
  private static String editor;
  private static Person doctor;

  @BeforeAll
  static void world() {
    server = TestServer.start();
    MedicalWorld medical = new MedicalWorld(server);
    admin = medical.admin().token();
    editor = server.newSessionWithRoles("editor").getString("accessToken");
    String reader = server.newSession().getString("accessToken");
    for (String title : List.of("Alpha", "Beta")) {
      created(server.post("/api/articles", editor,
          new JsonObject().put("title", title).put("body", "Text.").put("status", "published")));
      created(server.post("/api/categories", editor, new JsonObject().put("name", title)));
      created(server.post("/api/tags", editor, new JsonObject().put("name", title)));
      created(server.post("/api/articles/alpha/comments", reader, new JsonObject().put("body", "About " + title)));
    }
    Person patient = medical.patient("Ayu Lestari");
    medical.patient("Dedi Kurniawan");
    doctor = medical.doctor("Dr. Sari", "Internal medicine");
    medical.doctor("Dr. Hendra", "Paediatrics");
    medical.record(doctor, patient, "2026-01-15", "Cough", "Asthma");
    medical.record(doctor, patient, "2026-01-16", "Headache", "Tension headache");
  }

  private static void created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every cursor-paged list, with a caller allowed to read it. */
  static Stream<Arguments> lists() {
    return Stream.of(
        Arguments.of("/api/articles?sort=-published", null),
        Arguments.of("/api/articles?sort=title", null),
        Arguments.of("/api/articles?sort=likes", null),
        Arguments.of("/api/articles/alpha/comments", null),
        Arguments.of("/api/comments", editor),
        Arguments.of("/api/categories", null),
        Arguments.of("/api/tags", null),
        Arguments.of("/api/medical-records", doctor.token()),
        Arguments.of("/api/admin/patients", admin),
        Arguments.of("/api/admin/doctors", admin),
        Arguments.of("/api/notifications", editor),
        Arguments.of("/api/admin/users", admin),
        Arguments.of("/api/admin/audit", admin),
        Arguments.of("/api/admin/outbox", admin));
  }

  @ParameterizedTest
  @MethodSource("lists")
  void aChangedOrUnsignedCursorIs400OnEveryPagedList(String list, String token) {
    String cursor = firstCursor(list, token);
    assertThat(page(list, token, cursor).statusCode()).as("the cursor as given").isEqualTo(200);
    String[] parts = cursor.split("\\.");
    JsonArray key = decode(parts[0]);
    String id = key.getString(key.size() - 1);
    // Still a well-formed key, of the right types: only the signature can tell.
    key.set(key.size() - 1, id.substring(0, 35) + (id.endsWith("0") ? "1" : "0"));

    assertInvalidCursor(page(list, token, encode(key) + "." + parts[1]));
    assertInvalidCursor(page(list, token, parts[0]));
    assertInvalidCursor(page(list, token, parts[0] + "."));
    assertInvalidCursor(page(list, token, parts[0] + "." + parts[1].substring(1)));
    assertInvalidCursor(page(list, token, "garbage"));
  }

  @Test
  void aCursorOfAnotherListOrAnotherSortIs400() {
    assertInvalidCursor(page("/api/admin/audit", admin, firstCursor("/api/admin/users", admin)));
    assertInvalidCursor(page("/api/admin/doctors", admin, firstCursor("/api/admin/patients", admin)));
    assertInvalidCursor(page("/api/articles?sort=likes", null, firstCursor("/api/articles?sort=-published", null)));
    assertInvalidCursor(page("/api/tags", null, firstCursor("/api/categories", null)));
  }

  /** The case: PostgreSQL compared the text with a number column and answered 500; SQLite answered 200. */
  @ParameterizedTest
  @ValueSource(strings = {"zzz", "' OR 1=1 --"})
  void aCraftedTextInTheTimestampPlaceOfAnArticleCursorIs400EvenSignedWithTheServerKey(String crafted) {
    String cursor = firstCursor("/api/articles", null);
    String[] parts = cursor.split("\\.");
    JsonArray key = decode(parts[0]);
    assertThat(key.getValue(0)).as("the publication time").isInstanceOf(Number.class);
    key.set(0, crafted);

    assertInvalidCursor(page("/api/articles", null, encode(key) + "." + parts[1]));
    String signed = serverKey().encode("articles.-published", crafted, key.getString(1));
    assertInvalidCursor(page("/api/articles", null, signed));
  }

  @Test
  void signedCursorsWhoseValuesAreNotOfTheSortKeysTypesAre400() {
    Cursors signed = serverKey();
    String id = decode(firstCursor("/api/admin/users", admin).split("\\.")[0]).getString(1);
    java.math.BigInteger huge = new java.math.BigInteger("1" + "0".repeat(30));
    for (String cursor : List.of(signed.encode("users.search", 1.5, id), signed.encode("users.search", 1, "x' OR 1=1 --"),
        signed.encode("users.search", 1, id, 2), signed.encode("users.search", huge, id))) {
      assertInvalidCursor(page("/api/admin/users", admin, cursor));
    }
    assertInvalidCursor(page("/api/articles?sort=title", null, signed.encode("articles.title", 5, id)));
    assertInvalidCursor(page("/api/articles?sort=title", null, signed.encode("articles.title", "a\u0000b", id)));
    String records = "/api/medical-records";
    assertInvalidCursor(page(records, doctor.token(), signed.encode("medical_records.list", "2026-02-30", id)));
    assertInvalidCursor(page(records, doctor.token(), signed.encode("medical_records.list", 20_000, id)));
    assertInvalidCursor(page("/api/tags", null, signed.encode("taxonomy.listTags", 7, id)));

    assertThat(page("/api/articles?sort=title", null, signed.encode("articles.title", "alpha", id)).statusCode())
        .as("a well-typed key signed with the server key").isEqualTo(200);
    assertThat(page(records, doctor.token(), signed.encode("medical_records.list", "2026-01-16", id)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aCursorFromOneNodePagesOnAnotherThatSharesItsDatabaseAndKeys() {
    String cursor = firstCursor("/api/admin/users", admin);
    JsonObject expected = page("/api/admin/users", admin, cursor).bodyAsJsonObject();
    try (TestServer other = TestServer.startOn(server.dataDir(), new JsonObject())) {
      HttpResponse<Buffer> there = page(other, "/api/admin/users", admin, cursor);
      assertThat(there.statusCode()).as(there.bodyAsString()).isEqualTo(200);
      assertThat(there.bodyAsJsonObject().getJsonArray("items")).isEqualTo(expected.getJsonArray("items"));
    }
  }

  private static String firstCursor(String list, String token) {
    HttpResponse<Buffer> first = server.get(with(list, "limit=1"), token);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    String cursor = first.bodyAsJsonObject().getString("nextCursor");
    assertThat(cursor).as("a second page of " + list).isNotNull();
    return cursor;
  }

  private static HttpResponse<Buffer> page(String list, String token, String cursor) {
    return page(server, list, token, cursor);
  }

  private static HttpResponse<Buffer> page(TestServer on, String list, String token, String cursor) {
    return on.get(with(list, "limit=1&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
  }

  private static String with(String path, String query) {
    return path + (path.contains("?") ? "&" : "?") + query;
  }

  /** The codec with this server's own key, as an attacker who stole it would sign. */
  private static Cursors serverKey() {
    return server.gerbang().components().cursors();
  }

  private static JsonArray decode(String payload) {
    return new JsonArray(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static String encode(JsonArray key) {
    return B64.encodeToString(key.encode().getBytes(StandardCharsets.UTF_8));
  }
}
