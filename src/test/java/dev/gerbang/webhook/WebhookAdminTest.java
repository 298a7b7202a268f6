package dev.gerbang.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * /api/admin/webhooks with the production settings: admins only, URLs that could reach the server's own network
 * refused with a 400 naming the url field, and the secret shown at creation and rotation and never again.
 */
class WebhookAdminTest {
  /** A public address, given as an IP literal so that the test needs no DNS (it is never sent to here). */
  private static final String PUBLIC_URL = "https://93.184.216.34/hooks/gerbang";
  private TestServer server;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start();
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonObject body(String url) {
    return new JsonObject().put("url", url).put("eventTypes", new JsonArray(List.of("user.registered", "comment.created")));
  }

  private JsonObject created() {
    HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin, body(PUBLIC_URL).put("description", "CRM"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://93.184.216.34/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook",
      "https://172.16.0.5/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://[::ffff:127.0.0.1]/hook",
      "https://[::ffff:169.254.169.254]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook",
      "https://localhost/hook", "https://user:pw@93.184.216.34/hook", "ftp://93.184.216.34/hook", "not a url"})
  void aUrlThatCouldReachTheInsideIsRefusedOnTheUrlField(String url) {
    HttpResponse<Buffer> refused = server.post("/api/admin/webhooks", admin, body(url));
    assertThat(Problems.assertInvalid(refused)).containsExactly("url");
    assertThat(server.get("/api/admin/webhooks", admin).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void aChangeToARefusedUrlIsRefusedToo() {
    String id = created().getString("id");
    HttpResponse<Buffer> refused = server.send(HttpMethod.PATCH, "/api/admin/webhooks/" + id, admin,
        new JsonObject().put("url", "https://169.254.169.254/"));
    assertThat(Problems.assertInvalid(refused)).containsExactly("url");
    assertThat(server.get("/api/admin/webhooks/" + id, admin).bodyAsJsonObject().getString("url")).isEqualTo(PUBLIC_URL);
  }

  @Test
  void eventTypesMustComeFromTheListAndUnknownFieldsAreRefused() {
    assertThat(Problems.assertInvalid(server.post("/api/admin/webhooks", admin,
        body(PUBLIC_URL).put("eventTypes", new JsonArray().add("user.hacked"))))).containsExactly("eventTypes");
    assertThat(Problems.assertInvalid(server.post("/api/admin/webhooks", admin,
        body(PUBLIC_URL).put("eventTypes", new JsonArray())))).containsExactly("eventTypes");
    assertThat(Problems.assertInvalid(server.post("/api/admin/webhooks", admin,
        new JsonObject().put("url", PUBLIC_URL)))).containsExactly("eventTypes");
    assertThat(Problems.assertInvalid(server.post("/api/admin/webhooks", admin,
        body(PUBLIC_URL).put("secret", "whsec_mine")))).containsExactly("secret");
    assertThat(server.get("/api/admin/webhooks/event-types", admin).bodyAsJsonObject().getJsonArray("items"))
        .contains("user.registered", "order.paid", "medical_record.created");
  }

  @Test
  void theSecretIsShownAtCreationAndRotationAndNeverInAListOrARead() throws Exception {
    JsonObject endpoint = created();
    String id = endpoint.getString("id");
    String secret = endpoint.getString("secret");
    assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
    assertThat(endpoint.getJsonArray("eventTypes")).containsExactly("comment.created", "user.registered");
    assertThat(endpoint.getBoolean("enabled")).isTrue();

    HttpResponse<Buffer> list = server.get("/api/admin/webhooks", admin);
    HttpResponse<Buffer> read = server.get("/api/admin/webhooks/" + id, admin);
    assertThat(list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).containsKey("secret")).isFalse();
    assertThat(read.bodyAsJsonObject().containsKey("secret")).isFalse();
    assertThat(list.bodyAsString() + read.bodyAsString()).doesNotContain(secret.substring(6, 30));

    // At rest it is sealed, not in clear (and not a hash either: the server must sign with it).
    try (java.sql.Connection db = dev.gerbang.TestDb.connect(server.dataDir());
         java.sql.PreparedStatement stored = db.prepareStatement("SELECT secret FROM webhook_endpoints WHERE id = ?")) {
      stored.setString(1, id);
      try (java.sql.ResultSet row = stored.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).doesNotContain(secret.substring(6, 30)).doesNotStartWith("whsec_");
      }
    }

    JsonObject rotated = server.post("/api/admin/webhooks/" + id + "/rotate-secret", admin, null).bodyAsJsonObject();
    assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(server.get("/api/admin/webhooks/" + id, admin).bodyAsJsonObject().containsKey("secret")).isFalse();
    assertThat(Problems.assertInvalid(server.post("/api/admin/webhooks/" + id + "/rotate-secret", admin,
        new JsonObject().put("overlapMinutes", -1)))).containsExactly("overlapMinutes");
  }

  @Test
  void anEndpointIsChangedAndDeletedAndAuditedAndThenIsNotFound() {
    String id = created().getString("id");
    HttpResponse<Buffer> changed = server.send(HttpMethod.PATCH, "/api/admin/webhooks/" + id, admin,
        new JsonObject().put("eventTypes", new JsonArray().add("order.paid")).put("enabled", false));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getJsonArray("eventTypes")).containsExactly("order.paid");
    assertThat(changed.bodyAsJsonObject().getBoolean("enabled")).isFalse();
    assertThat(changed.bodyAsJsonObject().getString("disabledReason")).isEqualTo("disabled by an admin");
    assertThat(Problems.assertInvalid(server.send(HttpMethod.PATCH, "/api/admin/webhooks/" + id, admin, new JsonObject())))
        .containsExactly("body");

    assertThat(server.send(HttpMethod.DELETE, "/api/admin/webhooks/" + id, admin, null).statusCode()).isEqualTo(204);
    Problems.assertProblem(server.get("/api/admin/webhooks/" + id, admin), 404, "not-found");
    Problems.assertProblem(server.get("/api/admin/webhooks/" + id + "/deliveries", admin), 404, "not-found");
    Problems.assertProblem(server.send(HttpMethod.DELETE, "/api/admin/webhooks/" + id, admin, null), 404, "not-found");
    Problems.assertProblem(server.post("/api/admin/webhooks/not-an-id/test", admin, null), 404, "not-found");
    JsonArray audit = server.get("/api/admin/audit?event=webhook_endpoint_deleted", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(audit).hasSize(1);
  }

  @Test
  void onlyAdminsMayCallAndAnonymousCallersAreAskedWhoTheyAre() {
    String id = created().getString("id");
    String editor = server.newSessionWithRoles("editor").getString("accessToken");
    String user = server.newSession().getString("accessToken");
    for (String token : List.of(editor, user)) {
      Problems.assertProblem(server.get("/api/admin/webhooks", token), 403, "forbidden");
      Problems.assertProblem(server.post("/api/admin/webhooks", token, body(PUBLIC_URL)), 403, "forbidden");
      Problems.assertProblem(server.get("/api/admin/webhooks/" + id, token), 403, "forbidden");
      Problems.assertProblem(server.post("/api/admin/webhooks/" + id + "/rotate-secret", token, null), 403, "forbidden");
      Problems.assertProblem(server.send(HttpMethod.DELETE, "/api/admin/webhooks/" + id, token, null), 403, "forbidden");
    }
    Problems.assertProblem(server.get("/api/admin/webhooks", null), 401, "unauthorized");
    assertThat(server.get("/api/admin/webhooks/" + id, admin).statusCode()).isEqualTo(200);
  }
}
