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
      JsonObject page = server.get("/api/medical-records", ayu).bodyAsJsonObject();
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

      String admin = server.login(DemoCommand.ADMIN, DemoCommand.PASSWORD).getString("accessToken");
      JsonObject all = server.get("/api/medical-records?limit=100", admin).bodyAsJsonObject();
      assertThat(all.getLong("total")).isEqualTo(12);
      String recordOfDedi = all.getJsonArray("items").stream().map(r -> (JsonObject) r)
          .filter(r -> r.getJsonObject("patient").getString("name").equals("Dedi Kurniawan")).findFirst().orElseThrow()
          .getString("id");
      assertThat(server.get("/api/medical-records/" + recordOfDedi, ayu).statusCode()).isEqualTo(403);

      String hendra = server.login("hendra@demo.gerbang.dev", DemoCommand.PASSWORD).getString("accessToken");
      assertThat(server.get("/api/medical-records", hendra).bodyAsJsonObject().getLong("total")).isEqualTo(5);
      assertThat(server.get("/api/medical-records/" + recordOfDedi, hendra).statusCode())
          .as("Dedi also saw dr. Hendra").isEqualTo(200);
      assertThat(server.get("/api/admin/patients", admin).bodyAsJsonObject().getLong("total")).isEqualTo(3);
      assertThat(server.get("/api/admin/doctors", admin).bodyAsJsonObject().getLong("total")).isEqualTo(2);
    }
  }

  @Test
  void itRefusesADatabaseThatHoldsUsersUnlessForcedAndThenReusesTheDemoAccounts() {
    assertThat(seed()).isEqualTo(0);
    assertThat(seed()).isEqualTo(3);
    assertThat(seed("--force")).isEqualTo(0);

    try (TestServer server = TestServer.startOn(dataDir, new JsonObject())) {
      String admin = server.login(DemoCommand.ADMIN, DemoCommand.PASSWORD).getString("accessToken");
      assertThat(server.get("/api/admin/users", admin).bodyAsJsonObject().getLong("total")).isEqualTo(6);
      assertThat(server.get("/api/admin/patients", admin).bodyAsJsonObject().getLong("total")).isEqualTo(3);
      assertThat(server.get("/api/medical-records", admin).bodyAsJsonObject().getLong("total")).isEqualTo(24);
    }
  }
}
