package dev.gerbang.security;

import static dev.gerbang.Problems.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import dev.gerbang.notify.push.ServiceAccounts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL injection and XSS payloads in every string parameter and body field of every operation that the served
 * /api/openapi.json documents, so that endpoints added later are attacked too. Each payload request is
 * compared with the same request carrying a harmless value: it must never be a 5xx, must answer a status the
 * operation documents, may only succeed where the harmless one did (and then list as many items), must be
 * JSON with nosniff, and must carry no SQL or stack trace. Requests go as an admin, so admin routes are
 * reached; the session is renewed whenever a request may have ended or changed it.
 */
class InjectionTest {
  static final List<String> SQL = List.of(
      "' OR '1'='1",
      "' OR 1=1 --",
      "\"; DROP TABLE users; --",
      "1' UNION SELECT password_hash, email FROM users --",
      "admin'--",
      "1; SELECT sqlite_version()",
      "%' OR email LIKE '%",
      "') OR ('a'='a",
      "\\'; SELECT pg_sleep(3); --");
  static final List<String> XSS = List.of(
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "javascript:alert(document.cookie)");

  private TestServer server;
  private String token;
  private java.nio.file.Path fcmDir;

  @BeforeEach
  void start() throws Exception {
    // Mobile push on (with a service account whose Google and FCM endpoints are closed ports), so that the
    // device registration is attacked too and not merely refused as unconfigured.
    fcmDir = java.nio.file.Files.createTempDirectory("gerbang-fcm");
    java.nio.file.Path account = ServiceAccounts.write(fcmDir, "p", "http://127.0.0.1:9/token");
    server = TestServer.start(new JsonObject()
        .put("rateLimit", new JsonObject().put("enabled", false))
        .put("loginThrottle", new JsonObject().put("freeFailures", 1000))
        .put("push", new JsonObject().put("fcm", new JsonObject().put("credentialsFile", account.toString())
            .put("apiUrl", "http://127.0.0.1:9")))
        // Both payment providers on (against closed ports), so that paying and their notifications are attacked too.
        .put("midtrans", new JsonObject().put("serverKey", "SB-Mid-server-injection").put("baseUrl", "http://127.0.0.1:9")
            .put("apiUrl", "http://127.0.0.1:9"))
        .put("stripe", new JsonObject().put("secretKey", "sk_test_injection").put("webhookSecret", "whsec_injection")
            .put("apiBase", "http://127.0.0.1:9")));
    renew();
  }

  @AfterEach
  void stop() {
    server.close();
    TestServer.deleteTree(fcmDir);
  }

  private void renew() {
    token = server.newSessionWithRoles("admin").getString("accessToken");
  }

  /** One place a value can go: a path or query parameter, or a body field. */
  private record Slot(String in, String name, String format) {
  }

  private record Operation(HttpMethod method, String path, List<Slot> slots, JsonObject bodySchema, JsonObject responses) {
  }

  @Test
  void sqlAndScriptPayloadsInEveryDocumentedStringChangeNothing() {
    List<Operation> operations = operations();
    assertThat(operations).hasSizeGreaterThan(15);
    long usersBefore = TestDb.count(server, "SELECT COUNT(*) FROM users");
    int attacked = 0;
    for (Operation op : operations) {
      for (Slot slot : op.slots()) {
        HttpResponse<Buffer> control = send(op, slot, harmless(slot));
        assertThat(control.statusCode()).as("control " + op.method() + " " + op.path() + " " + slot).isLessThan(500);
        renew();
        for (String payload : payloads()) {
          HttpResponse<Buffer> response = send(op, slot, payload);
          assertSafe(op, slot, payload, control, response);
          attacked++;
          if (op.method() != HttpMethod.GET && response.statusCode() < 300 || server.get("/api/me", token).statusCode() != 200) {
            renew();
          }
        }
      }
    }
    assertThat(attacked).isGreaterThan(300);
    // The tables are all there, and no payload created or removed accounts beyond the sessions made here.
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM users")).isGreaterThanOrEqualTo(usersBefore);
    assertThat(server.get("/api/admin/users?limit=1", token).statusCode()).isEqualTo(200);
  }

  private static List<String> payloads() {
    List<String> all = new ArrayList<>(SQL);
    all.addAll(XSS);
    return all;
  }

  private void assertSafe(Operation op, Slot slot, String payload, HttpResponse<Buffer> control, HttpResponse<Buffer> response) {
    String what = op.method() + " " + op.path() + " " + slot.in() + ":" + slot.name() + " = " + payload;
    int status = response.statusCode();
    assertThat(status).as(what + " -> " + response.bodyAsString()).isLessThan(500);
    assertThat(op.responses().fieldNames()).as(what + ": undocumented status " + status).contains(String.valueOf(status));
    if (status < 300) {
      assertThat(control.statusCode()).as(what + ": succeeded where a harmless value did not").isLessThan(300);
    }
    assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    String body = response.bodyAsString();
    if (body != null && !body.isEmpty()) {
      assertThat(response.getHeader("Content-Type")).as(what).isIn("application/json", "application/problem+json",
          "application/json; charset=utf-8");
      // The payload itself may come back (as JSON-escaped data); nothing else internal may.
      String escaped = new JsonArray().add(payload).encode();
      String rest = body.replace(escaped.substring(2, escaped.length() - 2), "").replace(payload, "");
      assertNoInternals(rest);
      if (status < 300 && control.statusCode() < 300 && body.startsWith("{")) {
        JsonObject json = response.bodyAsJsonObject();
        JsonObject before = control.bodyAsJsonObject();
        if (json.getValue("items") instanceof JsonArray items && before.getValue("items") instanceof JsonArray expected) {
          assertThat(items.size()).as(what + ": a filter matched more than a harmless one").isLessThanOrEqualTo(expected.size());
        }
      }
    }
  }

  private HttpResponse<Buffer> send(Operation op, Slot target, String value) {
    String path = op.path();
    List<String> query = new ArrayList<>();
    JsonObject body = op.bodySchema() == null ? null : validBody(op.bodySchema());
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (Slot slot : op.slots()) {
      String v = slot.equals(target) ? value : harmless(slot);
      switch (slot.in()) {
        case "path" -> path = path.replace("{" + slot.name() + "}", encode(v));
        case "query" -> {
          if (slot.equals(target)) {
            query.add(slot.name() + "=" + encode(v));
          }
        }
        case "header" -> {
          if (slot.equals(target)) {
            headers.put(slot.name(), v.replaceAll("[\\r\\n]", " "));
          }
        }
        case "body" -> body.put(slot.name(), v);
        default -> {
          // Cookies are not the API's input (the refresh cookie has its own tests).
        }
      }
    }
    HttpRequest<Buffer> request = server.request(op.method(), path + (query.isEmpty() ? "" : "?" + String.join("&", query)),
        token);
    headers.forEach(request::putHeader);
    return TestServer.await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A body that passes validation: every documented field with a harmless value of its kind. */
  private JsonObject validBody(JsonObject schema) {
    JsonObject body = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      JsonObject property = properties.getJsonObject(name);
      Object type = property.getValue("type");
      String first = type instanceof JsonArray list ? list.getString(0) : String.valueOf(type);
      switch (first) {
        case "boolean" -> body.put(name, false);
        case "integer", "number" -> body.put(name, 1);
        case "array" -> body.put(name, new JsonArray().add("user"));
        case "string" -> body.put(name, harmless(new Slot("body", name, property.getString("format"))));
        default -> { }
      }
    }
    return body;
  }

  private String harmless(Slot slot) {
    String name = slot.name().toLowerCase(Locale.ROOT);
    if ("email".equals(slot.format()) || name.contains("email")) {
      return TestServer.uniqueEmail();
    }
    if (name.equals("newpassword")) {
      return "another fine passphrase 77";
    }
    if (name.contains("password")) {
      return TestServer.PASSWORD;
    }
    if ("uri".equals(slot.format())) {
      return "https://example.com/a.png";
    }
    return switch (name) {
      case "locale" -> "en";
      case "username" -> "u" + UUID.randomUUID().toString().substring(0, 8);
      case "id", "userid" -> UUID.randomUUID().toString();
      case "from", "to" -> "2026-01-01";
      default -> "harmless";
    };
  }

  /** Every operation of the served document that has a string to attack. */
  private List<Operation> operations() {
    JsonObject doc = server.get("/api/openapi.json", null).bodyAsJsonObject();
    List<Operation> list = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (method.equals("parameters")) {
          continue;
        }
        JsonObject op = item.getJsonObject(method);
        List<Slot> slots = new ArrayList<>();
        JsonArray parameters = new JsonArray();
        item.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
        op.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
        for (Object p : parameters) {
          JsonObject parameter = resolve(doc, (JsonObject) p);
          JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
          if ("string".equals(schema.getString("type")) || schema.getString("type") == null) {
            slots.add(new Slot(parameter.getString("in"), parameter.getString("name"), schema.getString("format")));
          }
        }
        JsonObject bodySchema = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
            .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
        if (bodySchema != null) {
          bodySchema = resolve(doc, bodySchema);
          JsonObject properties = bodySchema.getJsonObject("properties", new JsonObject());
          for (String name : properties.fieldNames()) {
            Object type = properties.getJsonObject(name).getValue("type");
            if ("string".equals(type) || type instanceof JsonArray types && types.contains("string")) {
              slots.add(new Slot("body", name, properties.getJsonObject(name).getString("format")));
            }
          }
        }
        if (!slots.isEmpty()) {
          list.add(new Operation(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path, slots, bodySchema,
              op.getJsonObject("responses", new JsonObject())));
        }
      }
    }
    return list;
  }

  private static JsonObject resolve(JsonObject doc, JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = doc;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(doc, target);
  }
}
