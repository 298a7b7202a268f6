package dev.gerbang.medical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.DemoCommand;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.config.AppConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `seed-demo` as a newcomer tries it: seed an empty data dir, start the server, log in as a patient, list, open one. */
class DemoSeedTest {
  private Path dataDir;

  @BeforeEach
  void createDataDir() throws Exception {
    dataDir = Files.createTempDirectory("gerbang-demo");
  }

  @AfterEach
  void deleteDataDir() {
    TestServer.deleteTree(dataDir);
  }

  private int seed(String... args) {
    JsonObject config = new JsonObject().put("dataDir", dataDir.toString()).put("db", TestDb.config(dataDir));
    return DemoCommand.run(AppConfig.of(config), args);
  }

  @Test
  void aNewcomerSeedsLogsInAsAPatientListsTheirRecordsWithDoctorsAndOpensOne() {
    assertThat(seed()).isEqualTo(0);

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      String ayu = server.login("ayu@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      JsonObject page = ok(server.get("/api/medical-records", ayu));
      assertThat(page.getLong("total")).isEqualTo(5);
      JsonArray items = page.getJsonArray("items");
      assertThat(items.getJsonObject(0).getString("visitDate")).isEqualTo("2025-10-01");
      assertThat(items.stream().map(r -> ((JsonObject) r).getJsonObject("doctor").getString("name")))
          .containsOnly("dr. Sari Wijaya", "dr. Hendra Gunawan");
      assertThat(items.stream().map(r -> ((JsonObject) r).getJsonObject("patient").getString("name"))).containsOnly("Ayu Lestari");

      String id = items.getJsonObject(1).getString("id");
      HttpResponse<Buffer> detail = server.get("/api/medical-records/" + id, ayu);
      assertThat(detail.statusCode()).isEqualTo(200);
      assertThat(detail.bodyAsJsonObject().getString("icd10Code")).isEqualTo("K29.70");
      assertThat(detail.bodyAsJsonObject().getJsonObject("doctor").getString("specialty")).isEqualTo("Internal medicine");

      assertThat(ok(server.get("/api/products", ayu)).getJsonArray("items")).as("the shop has the demo catalogue").hasSize(3);

      String admin = server.login(DemoCommand.ADMIN, DemoCommand.PASSWORD).getString("accessToken");
      JsonObject all = ok(server.get("/api/medical-records?limit=100", admin));
      assertThat(all.getLong("total")).isEqualTo(12);
      String recordOfDedi = all.getJsonArray("items").stream().map(r -> (JsonObject) r)
          .filter(r -> r.getJsonObject("patient").getString("name").equals("Dedi Kurniawan")).findFirst().orElseThrow()
          .getString("id");
      assertThat(server.get("/api/medical-records/" + recordOfDedi, ayu).statusCode()).isEqualTo(403);

      String hendra = server.login("hendra@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      assertThat(ok(server.get("/api/medical-records", hendra)).getLong("total"))
          .as("the one he wrote for Ayu, and all of Dedi's and Rina's, whose care teams he is on").isEqualTo(8);
      assertThat(server.get("/api/medical-records/" + recordOfDedi, hendra).statusCode())
          .as("dr. Hendra is on Dedi's care team").isEqualTo(200);
      String ayusBySari = items.stream().map(r -> (JsonObject) r)
          .filter(r -> r.getJsonObject("doctor").getString("name").equals("dr. Sari Wijaya")).findFirst().orElseThrow()
          .getString("id");
      assertThat(server.get("/api/medical-records/" + ayusBySari, hendra).statusCode())
          .as("dr. Hendra wrote one record of Ayu's, and is not on her care team").isEqualTo(403);
      JsonObject ayusTeam = ok(server.get("/api/admin/patients/" + items.getJsonObject(0).getJsonObject("patient").getString("id"),
          admin));
      assertThat(ayusTeam.getJsonArray("careTeam").stream().map(d -> ((JsonObject) d).getString("name")))
          .containsExactly("dr. Sari Wijaya");
      String sari = server.login("sari@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      assertThat(ok(server.get("/api/medical-records", sari)).getLong("total"))
          .as("the 7 she wrote, and dr. Hendra's one of Ayu's and one of Dedi's, whose care teams she is on").isEqualTo(9);
      assertThat(ok(server.get("/api/admin/patients", admin)).getLong("total")).isEqualTo(3);
      assertThat(ok(server.get("/api/admin/doctors", admin)).getLong("total")).isEqualTo(2);
      assertThat(TestDb.count(server, "SELECT COUNT(*) FROM audit_log WHERE event = 'medical_record_created' AND actor_id IN "
          + "(SELECT d.user_id FROM doctors d)")).as("the seed writes through the services, audited as the doctors").isEqualTo(12);
    }
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> strings(JsonObject page, String field) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString(field)).toList();
  }

  /** Every screen of the web app shows something: the blog with its categories, tags, comments and likes, the inboxes. */
  @Test
  void theDemoHasABlogWithCommentsAndLikesAndEveryoneHasNotifications() {
    assertThat(seed()).isEqualTo(0);

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      JsonObject published = ok(server.get("/api/articles", null));
      assertThat(published.getLong("total")).isEqualTo(5);
      assertThat(strings(published, "slug")).contains("living-well-with-asthma", "dengue-season-what-to-watch-for");
      assertThat(strings(ok(server.get("/api/categories", null)), "slug")).containsExactly("clinic-news", "health-tips");
      assertThat(strings(ok(server.get("/api/tags?limit=100", null)), "slug"))
          .containsExactlyInAnyOrder("asthma", "children", "dengue", "nutrition", "vaccination");
      assertThat(ok(server.get("/api/articles?category=health-tips&tag=children", null)).getLong("total")).isEqualTo(2);

      JsonObject asthma = ok(server.get("/api/articles/living-well-with-asthma", null));
      assertThat(asthma.getLong("likes")).isEqualTo(2);
      assertThat(asthma.getString("html")).contains("<strong>very treatable</strong>");
      JsonObject comments = ok(server.get("/api/articles/living-well-with-asthma/comments", null));
      assertThat(comments.getLong("total")).isEqualTo(2);
      assertThat(comments.getJsonArray("items").getJsonObject(1).getString("parentId"))
          .isEqualTo(comments.getJsonArray("items").getJsonObject(0).getString("id"));
      assertThat(comments.getJsonArray("items").getJsonObject(1).getJsonObject("author").getString("name")).isEqualTo("dr. Sari Wijaya");

      String editor = server.login("putri@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      JsonObject drafts = ok(server.get("/api/articles?status=draft", editor));
      assertThat(strings(drafts, "slug")).containsExactly("our-new-paediatrics-wing");
      assertThat(server.get("/api/articles/our-new-paediatrics-wing", null).statusCode()).as("drafts stay private").isEqualTo(404);
      assertThat(strings(ok(server.get("/api/notifications", editor)), "type"))
          .contains("comment.on-article", "admin.message").doesNotContain("comment.reply");

      String ayu = server.login("ayu@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      assertThat(strings(ok(server.get("/api/notifications?limit=100", ayu)), "type"))
          .contains("comment.reply", "medical.record", "admin.message");
      for (String email : List.of(DemoCommand.ADMIN, "sari@demo.gerbang.dev", "rina@demo.gerbang.dev")) {
        String token = server.login(email, DemoCommand.PASSWORD).getString("accessToken");
        assertThat(ok(server.get("/api/notifications/unread-count", token)).getLong("count")).as(email).isPositive();
      }
    }
  }

  @Test
  void itRefusesADatabaseThatHoldsUsersUnlessForcedAndThenReusesTheDemoAccounts() {
    assertThat(seed()).isEqualTo(0);
    assertThat(seed()).isEqualTo(3);
    assertThat(seed("--force")).isEqualTo(0);

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      String admin = server.login(DemoCommand.ADMIN, DemoCommand.PASSWORD).getString("accessToken");
      assertThat(ok(server.get("/api/admin/users", admin)).getLong("total")).isEqualTo(7);
      assertThat(ok(server.get("/api/articles", null)).getLong("total")).as("the blog is seeded once").isEqualTo(5);
      assertThat(ok(server.get("/api/admin/patients", admin)).getLong("total")).isEqualTo(3);
      assertThat(ok(server.get("/api/medical-records", admin)).getLong("total")).isEqualTo(24);
    }
  }
}
