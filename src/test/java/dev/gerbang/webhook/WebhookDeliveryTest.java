package dev.gerbang.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.medical.MedicalWorld;
import dev.gerbang.webhook.Receiver.Received;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as a receiver sees them: signed per Standard Webhooks (checked with the receiver's own implementation),
 * sent for the subscribed event types only, retried after a 500 and after a receiver that does not answer, not
 * retried after a 4xx, and an endpoint failing for the whole window disabled with a notice to the admins.
 */
class WebhookDeliveryTest {
  private TestServer server;
  private Receiver receiver;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("webhooks", new JsonObject().put("allowInsecure", true)
        .put("timeoutMillis", 500).put("retryBaseMillis", 50).put("pollMillis", 50).put("disableAfterSeconds", 2)));
    receiver = new Receiver(server.clientVertx());
    admin = server.newSessionWithRoles("admin").getString("accessToken");
  }

  @AfterEach
  void stop() {
    receiver.close();
    server.close();
  }

  private static String path(String kind) {
    return "/" + kind + "/" + UUID.randomUUID();
  }

  /** Registers an endpoint for the receiver's path (201 expected); answers the body with its secret. */
  private JsonObject endpoint(String path, String... types) {
    HttpResponse<Buffer> created = server.post("/api/admin/webhooks", admin, new JsonObject().put("url", receiver.url(path))
        .put("eventTypes", new JsonArray(List.of(types))).put("description", "test receiver"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.getString("secret")).matches("whsec_[A-Za-z0-9+/]{43}=");
    return body;
  }

  private JsonObject test(JsonObject endpoint) {
    HttpResponse<Buffer> sent = server.post("/api/admin/webhooks/" + endpoint.getString("id") + "/test", admin, null);
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    return sent.bodyAsJsonObject();
  }

  private JsonObject deliveries(JsonObject endpoint) {
    HttpResponse<Buffer> page = server.get("/api/admin/webhooks/" + endpoint.getString("id") + "/deliveries", admin);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject();
  }

  private JsonObject onlyDelivery(JsonObject endpoint, String status) {
    Receiver.poll(() -> deliveries(endpoint).getJsonArray("items").getJsonObject(0).getString("status").equals(status),
        "the delivery to be " + status);
    return deliveries(endpoint).getJsonArray("items").getJsonObject(0);
  }

  @Test
  void aRegistrationReachesTheSubscribedEndpointSignedAndNotTheOthers() {
    String path = path("ok");
    JsonObject users = endpoint(path, "user.registered");
    JsonObject articles = endpoint(path("ok"), "article.published");

    JsonObject user = server.register(TestServer.uniqueEmail());

    Received message = receiver.await(path, 1).stream()
        .filter(r -> r.json().getJsonObject("data").getString("userId").equals(user.getString("id"))).findFirst().orElseThrow();
    assertThat(Receiver.verifies(users.getString("secret"), message)).isTrue();
    assertThat(Receiver.verifies(articles.getString("secret"), message)).isFalse();
    assertThat(message.id()).startsWith("msg_");
    assertThat(message.json().getString("type")).isEqualTo("user.registered");
    assertThat(message.json().getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(message.json().getJsonObject("data").fieldNames()).containsExactly("userId");
    // Both deliveries would have been written in the registration's transaction: the other endpoint has none.
    assertThat(deliveries(articles).getLong("total")).isZero();
    // A registration that fails (the email is taken) announces nothing.
    HttpResponse<Buffer> taken = server.post("/api/auth/register", new JsonObject().put("email", user.getString("email"))
        .put("password", TestServer.PASSWORD).put("name", "Again"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(deliveries(users).getLong("total")).isEqualTo(1);
    JsonObject delivery = onlyDelivery(users, "delivered");
    assertThat(delivery.getString("messageId")).isEqualTo(message.id());
    assertThat(delivery.getInteger("lastStatusCode")).isEqualTo(200);
    assertThat(delivery.getLong("attempts")).isEqualTo(1);
  }

  @Test
  void aMedicalRecordIsAnnouncedWithIdsAndNoHealthData() {
    String path = path("ok");
    JsonObject endpoint = endpoint(path, "medical_record.created");
    MedicalWorld world = new MedicalWorld(server);
    MedicalWorld.Person patient = world.patient("Siti");
    String recordId = world.record(world.doctor("Dr Budi", "Pulmonology"), patient, "2024-03-01", "Wheezing", "Asthma");

    Received message = receiver.await(path, 1).get(0);
    assertThat(Receiver.verifies(endpoint.getString("secret"), message)).isTrue();
    assertThat(message.json().getJsonObject("data").getString("recordId")).isEqualTo(recordId);
    assertThat(message.json().getJsonObject("data").getString("patientId")).isEqualTo(patient.profileId());
    assertThat(message.body()).doesNotContain("Wheezing", "Asthma", "J45", "Salbutamol", "Siti");
  }

  @Test
  void a500IsRetriedWithTheSameMessageIdUntilItIsDelivered() {
    String path = path("fail-once");
    JsonObject endpoint = endpoint(path, "user.registered");
    test(endpoint);

    List<Received> attempts = receiver.await(path, 2);
    assertThat(attempts.get(1).id()).isEqualTo(attempts.get(0).id());
    assertThat(attempts).allMatch(attempt -> Receiver.verifies(endpoint.getString("secret"), attempt));
    assertThat(attempts.get(0).json().getString("type")).isEqualTo("webhook.test");
    JsonObject delivery = onlyDelivery(endpoint, "delivered");
    assertThat(delivery.getLong("attempts")).isEqualTo(2);
    assertThat(delivery.getInteger("lastStatusCode")).isEqualTo(200);
  }

  @Test
  void aReceiverThatDoesNotAnswerIsCutOffAndTriedAgain() {
    String path = path("hang-once");
    JsonObject endpoint = endpoint(path, "user.registered");
    test(endpoint);

    List<Received> attempts = receiver.await(path, 2);
    assertThat(attempts.get(1).id()).isEqualTo(attempts.get(0).id());
    JsonObject delivery = onlyDelivery(endpoint, "delivered");
    assertThat(delivery.getLong("attempts")).isEqualTo(2);
  }

  @Test
  void a4xxFailsTheDeliveryWithoutRetryAndSendAgainSendsTheSameMessage() {
    String path = path("reject");
    JsonObject endpoint = endpoint(path, "user.registered");
    test(endpoint);

    JsonObject failed = onlyDelivery(endpoint, "failed");
    assertThat(failed.getLong("attempts")).isEqualTo(1);
    assertThat(failed.getInteger("lastStatusCode")).isEqualTo(400);
    assertThat(receiver.at(path)).hasSize(1);

    HttpResponse<Buffer> again = server.post("/api/admin/webhooks/" + endpoint.getString("id") + "/deliveries/"
        + failed.getString("id") + "/resend", admin, null);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(202);
    List<Received> both = receiver.await(path, 2);
    assertThat(both.get(1).id()).isEqualTo(both.get(0).id());
  }

  @Test
  void anEndpointFailingForTheWholeWindowIsDisabledAuditedAndTheAdminsAreTold() {
    String path = path("always-500");
    JsonObject endpoint = endpoint(path, "user.registered");
    String id = endpoint.getString("id");
    test(endpoint);

    Receiver.poll(() -> !server.get("/api/admin/webhooks/" + id, admin).bodyAsJsonObject().getBoolean("enabled"),
        "the endpoint to be disabled");
    JsonObject disabled = server.get("/api/admin/webhooks/" + id, admin).bodyAsJsonObject();
    assertThat(disabled.getString("disabledReason")).startsWith("failing for");
    assertThat(disabled.getString("disabledAt")).isNotNull();
    assertThat(receiver.at(path).size()).isGreaterThan(1);
    JsonObject audit = server.get("/api/admin/audit?event=webhook_endpoint_disabled", admin).bodyAsJsonObject();
    assertThat(audit.getJsonArray("items").size()).isEqualTo(1);
    Receiver.poll(() -> server.get("/api/notifications", admin).bodyAsString().contains("A webhook endpoint was disabled"),
        "the admins' notice");

    // Disabled, it gets no new deliveries; enabled again, its failure streak starts afresh.
    long before = deliveries(endpoint).getLong("total");
    server.register(TestServer.uniqueEmail());
    assertThat(deliveries(endpoint).getLong("total")).isEqualTo(before);
    HttpResponse<Buffer> enabled = server.send(HttpMethod.PATCH, "/api/admin/webhooks/" + id, admin,
        new JsonObject().put("enabled", true));
    assertThat(enabled.bodyAsJsonObject().getBoolean("enabled")).isTrue();
    assertThat(enabled.bodyAsJsonObject().getString("failingSince")).isNull();
  }

  @Test
  void duringARotationEachDeliveryCarriesBothSignaturesAndBothVerify() {
    String path = path("ok");
    JsonObject endpoint = endpoint(path, "user.registered");
    HttpResponse<Buffer> rotated = server.post("/api/admin/webhooks/" + endpoint.getString("id") + "/rotate-secret", admin,
        new JsonObject());
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String newSecret = rotated.bodyAsJsonObject().getString("secret");
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.getString("secret"));
    assertThat(rotated.bodyAsJsonObject().getString("previousSecretValidUntil")).isNotNull();

    test(endpoint);
    Received message = receiver.await(path, 1).get(0);
    assertThat(message.signature().split(" ")).hasSize(2);
    assertThat(Receiver.verifies(newSecret, message)).isTrue();
    assertThat(Receiver.verifies(endpoint.getString("secret"), message)).isTrue();

    // With no overlap, the old secret signs nothing more.
    JsonObject again = server.post("/api/admin/webhooks/" + endpoint.getString("id") + "/rotate-secret", admin,
        new JsonObject().put("overlapMinutes", 0)).bodyAsJsonObject();
    test(endpoint);
    Received next = receiver.await(path, 2).get(1);
    assertThat(next.signature().split(" ")).hasSize(1);
    assertThat(Receiver.verifies(again.getString("secret"), next)).isTrue();
    assertThat(Receiver.verifies(newSecret, next)).isFalse();
  }

  @Test
  void accountsArticlesAndCommentsEachAnnounceTheirEventWithIds() {
    String path = path("ok");
    JsonObject endpoint = endpoint(path, "user.deleted", "article.published", "comment.created");
    String editor = server.newSessionWithRoles("editor").getString("accessToken");
    HttpResponse<Buffer> draft = server.post("/api/articles", editor, new JsonObject().put("title", "Hand washing")
        .put("body", "Wash them."));
    assertThat(draft.statusCode()).as(draft.bodyAsString()).isEqualTo(201);
    String slug = draft.bodyAsJsonObject().getString("slug");
    HttpResponse<Buffer> published = server.post("/api/articles/" + slug + "/publish", editor, null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    // Publishing again is no new publication.
    assertThat(server.post("/api/articles/" + slug + "/publish", editor, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> comment = server.post("/api/articles/" + slug + "/comments", editor,
        new JsonObject().put("body", "Twenty seconds at least."));
    assertThat(comment.statusCode()).as(comment.bodyAsString()).isEqualTo(201);
    String leaving = TestServer.uniqueEmail();
    String leaver = server.newSessionFor(leaving).getString("accessToken");
    String leaverId = server.get("/api/me", leaver).bodyAsJsonObject().getString("id");
    assertThat(server.send(HttpMethod.DELETE, "/api/me", leaver, new JsonObject().put("password", TestServer.PASSWORD))
        .statusCode()).isEqualTo(204);

    List<Received> received = receiver.await(path, 3);
    assertThat(received).allMatch(message -> Receiver.verifies(endpoint.getString("secret"), message));
    // Due deliveries go out side by side: they arrive in any order.
    assertThat(received.stream().map(message -> message.json().getString("type")))
        .containsExactlyInAnyOrder("article.published", "comment.created", "user.deleted");
    assertThat(data(received, "article.published").getString("slug")).isEqualTo(slug);
    assertThat(data(received, "comment.created").getString("commentId")).isEqualTo(comment.bodyAsJsonObject().getString("id"));
    assertThat(data(received, "user.deleted").getString("userId")).isEqualTo(leaverId);
    assertThat(deliveries(endpoint).getLong("total")).isEqualTo(3);
  }

  private static JsonObject data(List<Received> received, String type) {
    return received.stream().map(Received::json).filter(json -> json.getString("type").equals(type)).findFirst()
        .orElseThrow().getJsonObject("data");
  }

  @Test
  void theAddressIsCheckedAgainBeforeSendingAndAUrlThatNowPointsInsideIsNotCalled() throws Exception {
    String path = path("ok");
    JsonObject endpoint = endpoint(path, "user.registered");
    // What a DNS change would do to a registered name, done to the stored URL: it now leads to a private address.
    try (java.sql.Connection db = dev.gerbang.TestDb.connect(server.dataDir());
         java.sql.PreparedStatement update = db.prepareStatement("UPDATE webhook_endpoints SET url = ? WHERE id = ?")) {
      update.setString(1, "http://10.0.0.7" + path);
      update.setString(2, endpoint.getString("id"));
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    test(endpoint);

    JsonObject failed = onlyDelivery(endpoint, "failed");
    assertThat(failed.getString("lastError")).contains("private address").contains("checked again before sending");
    assertThat(failed.getLong("attempts")).isEqualTo(1);
    assertThat(receiver.at(path)).isEmpty();
  }
}
