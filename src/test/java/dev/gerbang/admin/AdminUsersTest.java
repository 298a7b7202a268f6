package dev.gerbang.admin;

import static dev.gerbang.Problems.assertInvalid;
import static dev.gerbang.Problems.assertInvalidCursor;
import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.Problems;
import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin's user management: search, pages, roles, disabling, sessions and the audit trail. */
class AdminUsersTest {
  private TestServer server;
  private String admin;
  private String adminId;

  @BeforeEach
  void start() {
    server = TestServer.start();
    JsonObject session = server.newSessionWithRoles("admin");
    admin = session.getString("accessToken");
    adminId = session.getJsonObject("user").getString("id");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> patchUser(String token, String id, JsonObject body) {
    return server.send(HttpMethod.PATCH, "/api/admin/users/" + id, token, body);
  }

  private JsonObject search(String query) {
    HttpResponse<Buffer> response = server.get("/api/admin/users" + query, admin);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> emails(JsonObject page) {
    return page.getJsonArray("items").stream().map(u -> ((JsonObject) u).getString("email")).toList();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void everyAdminEndpointIs401WithoutATokenAnd403ForAnyOtherRole() {
    String id = server.register(TestServer.uniqueEmail()).getString("id");
    String editor = server.newSessionWithRoles("editor", "doctor", "patient").getString("accessToken");
    JsonObject body = new JsonObject().put("disabled", true);
    List<Object[]> endpoints = List.of(new Object[] {HttpMethod.GET, "/api/admin/users", null},
        new Object[] {HttpMethod.GET, "/api/admin/users/" + id, null}, new Object[] {HttpMethod.PATCH, "/api/admin/users/" + id, body},
        new Object[] {HttpMethod.DELETE, "/api/admin/users/" + id + "/sessions", null},
        new Object[] {HttpMethod.GET, "/api/admin/audit", null});
    for (Object[] e : endpoints) {
      HttpResponse<Buffer> anonymous = server.send((HttpMethod) e[0], (String) e[1], null, (JsonObject) e[2]);
      assertProblem(anonymous, 401, "unauthorized");
      assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertProblem(server.send((HttpMethod) e[0], (String) e[1], editor, (JsonObject) e[2]), 403, "forbidden");
    }
    assertThat(TestDb.row(server, "SELECT disabled FROM users WHERE id = ?", id).get("disabled")).isEqualTo(0);
  }

  @Test
  void oneUserComesWithTheirActiveSessionsAndAnUnknownOrMalformedIdIs404() {
    String email = TestServer.uniqueEmail();
    JsonObject user = server.register(email);
    String first = server.login(email, TestServer.PASSWORD).getString("sessionId");
    String second = server.login(email, TestServer.PASSWORD).getString("sessionId");

    HttpResponse<Buffer> response = server.get("/api/admin/users/" + user.getString("id"), admin);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonObject("user")).isEqualTo(user);
    assertThat(body.getJsonArray("sessions").stream().map(s -> ((JsonObject) s).getString("id")))
        .containsExactlyInAnyOrder(first, second);
    assertThat(body.getJsonArray("sessions").getJsonObject(0).getString("userAgent")).isEqualTo("GerbangTest/1.0");
    // Named as the user's own list of devices names it.
    assertThat(body.getJsonArray("sessions").getJsonObject(0).getString("device")).isEqualTo("Other client");
    assertProblem(server.get("/api/admin/users/01900000-0000-7000-8000-000000000000", admin), 404, "not-found");
    assertProblem(server.get("/api/admin/users/not-an-id", admin), 404, "not-found");
    assertProblem(server.get("/api/admin/users/1%27%20OR%201=1", admin), 404, "not-found");
  }

  @Test
  void searchFindsByEmailNameOrUsernameCaseInsensitivelyWithRoleAndStatusFilters() {
    String tag = "zq" + System.nanoTime();
    String byEmail = tag + "-mail@example.com";
    server.register(byEmail);
    String byName = TestServer.uniqueEmail();
    server.register(byName, TestServer.PASSWORD, "Dewi " + tag.toUpperCase() + " Lestari");
    String editor = TestServer.uniqueEmail();
    JsonObject editorUser = server.register(editor, TestServer.PASSWORD, "Editor " + tag);
    assertThat(patchUser(admin, editorUser.getString("id"), new JsonObject().put("roles", new JsonArray().add("user").add("editor")))
        .statusCode()).isEqualTo(200);
    server.register(TestServer.uniqueEmail());

    assertThat(emails(search("?q=" + enc(tag.toUpperCase())))).containsExactly(editor, byName, byEmail);
    assertThat(search("?q=" + tag).getLong("total")).isEqualTo(3);
    assertThat(emails(search("?q=" + tag + "&role=editor"))).containsExactly(editor);
    assertThat(emails(search("?role=admin"))).hasSize(1);
    assertThat(search("?q=" + enc("%")).getLong("total")).isZero();
    assertThat(patchUser(admin, editorUser.getString("id"), new JsonObject().put("disabled", true)).statusCode()).isEqualTo(200);
    assertThat(TestDb.update(server, "UPDATE users SET email_verified = TRUE WHERE email = ?", byName)).isEqualTo(1);
    assertThat(emails(search("?q=" + tag + "&status=disabled"))).containsExactly(editor);
    assertThat(emails(search("?q=" + tag + "&status=active"))).containsExactly(byName, byEmail);
    assertThat(emails(search("?q=" + tag + "&status=unverified"))).containsExactly(editor, byEmail);
  }

  @Test
  void pagesOfTenListEveryUserExactlyOnceNewestFirstWithTheTotal() {
    for (int i = 0; i < 25; i++) {
      server.register(TestServer.uniqueEmail());
    }
    List<JsonObject> seen = new ArrayList<>();
    String cursor = null;
    List<Integer> sizes = new ArrayList<>();
    do {
      JsonObject page = search("?limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.getLong("total")).isEqualTo(26);
      page.getJsonArray("items").forEach(u -> seen.add((JsonObject) u));
      sizes.add(page.getJsonArray("items").size());
      cursor = page.getString("nextCursor");
    } while (cursor != null && sizes.size() < 10);

    assertThat(sizes).containsExactly(10, 10, 6);
    assertThat(new HashSet<>(seen.stream().map(u -> u.getString("id")).toList())).hasSize(26);
    Comparator<JsonObject> newestFirst = Comparator.<JsonObject, java.time.Instant>comparing(u -> java.time.Instant.parse(u.getString("createdAt")))
        .thenComparing(u -> u.getString("id")).reversed();
    assertThat(seen).isSortedAccordingTo(newestFirst);
    assertThat(seen.get(25).getString("id")).isEqualTo(adminId);
    assertThat(search("").getJsonArray("items")).hasSize(20);
  }

  @Test
  void badListParametersAreA400ListingEachOne() {
    assertThat(assertInvalid(server.get("/api/admin/users?limit=0&role=root&status=gone&sort=email", admin)))
        .containsExactlyInAnyOrder("limit", "role", "status", "sort");
    for (String limit : List.of("101", "abc", "-1", "1.5")) {
      assertThat(assertInvalid(server.get("/api/admin/users?limit=" + limit, admin))).containsExactly("limit");
    }
    assertThat(assertInvalid(server.get("/api/admin/users?q=a&q=b", admin))).containsExactly("q");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("[1,\"x' OR 1=1\"]".getBytes(StandardCharsets.UTF_8));
    for (String cursor : List.of(forged, "!!!", "bm90IGpzb24", enc("[\"a\",\"b\"]"))) {
      assertInvalidCursor(server.get("/api/admin/users?cursor=" + cursor, admin));
      assertInvalidCursor(server.get("/api/admin/audit?cursor=" + cursor, admin));
    }
    assertThat(assertInvalid(server.get("/api/admin/audit?userId=nope&from=yesterday&to=2026-13-01&limit=500&x=1", admin)))
        .containsExactlyInAnyOrder("userId", "from", "to", "limit", "x");
  }

  @Test
  void roleChangesApplyAtOnceToTheUsersExistingToken() {
    JsonObject session = server.newSession();
    String token = session.getString("accessToken");
    String id = session.getJsonObject("user").getString("id");
    assertProblem(server.get("/api/admin/users", token), 403, "forbidden");

    HttpResponse<Buffer> granted = patchUser(admin, id, new JsonObject().put("roles", new JsonArray().add("admin").add("user")));

    assertThat(granted.statusCode()).as(granted.bodyAsString()).isEqualTo(200);
    assertThat(granted.bodyAsJsonObject().getJsonArray("roles")).containsExactly("admin", "user");
    assertThat(server.get("/api/admin/users", token).statusCode()).isEqualTo(200);
    assertThat(patchUser(admin, id, new JsonObject().put("roles", new JsonArray().add("user"))).statusCode()).isEqualTo(200);
    assertProblem(server.get("/api/admin/users", token), 403, "forbidden");
    assertThat(server.get("/api/me", token).bodyAsJsonObject().getJsonArray("roles")).containsExactly("user");
    assertThat(TestDb.rows(server, "SELECT role FROM user_roles WHERE user_id = ?", id)).extracting(r -> r.get("role"))
        .containsExactly("user");
  }

  @Test
  void badUpdatesAre400ListingEachFieldAndUnknownUsersAre404() {
    String id = server.register(TestServer.uniqueEmail()).getString("id");
    assertThat(assertInvalid(patchUser(admin, id, new JsonObject().put("roles", new JsonArray().add("root"))
        .put("disabled", "yes").put("email", "x@example.com")))).containsExactlyInAnyOrder("roles", "disabled", "email");
    assertThat(assertInvalid(patchUser(admin, id, new JsonObject().put("roles", "admin")))).containsExactly("roles");
    assertThat(assertInvalid(patchUser(admin, id, new JsonObject()))).containsExactly("body");
    JsonObject body = new JsonObject().put("disabled", true);
    assertProblem(patchUser(admin, "01900000-0000-7000-8000-000000000000", body), 404, "not-found");
    assertProblem(patchUser(admin, "garbage", body), 404, "not-found");
    assertThat(TestDb.row(server, "SELECT disabled FROM users WHERE id = ?", id).get("disabled")).isEqualTo(0);
  }

  @Test
  void disablingEndsTheUsersSessionsAtOnceAndLoginIsThen403UntilEnabled() {
    String email = TestServer.uniqueEmail();
    String id = server.register(email).getString("id");
    String token = server.login(email, TestServer.PASSWORD).getString("accessToken");

    HttpResponse<Buffer> response = patchUser(admin, id, new JsonObject().put("disabled", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getBoolean("disabled")).isTrue();
    assertProblem(server.get("/api/me", token), 401, "invalid-token");
    assertThat(server.post("/api/auth/login", new JsonObject().put("email", email).put("password", TestServer.PASSWORD))
        .statusCode()).isEqualTo(403);
    assertThat(TestDb.row(server, "SELECT revoked_reason FROM sessions WHERE user_id = ?", id))
        .containsEntry("revoked_reason", "disabled_by_admin");
    assertThat(patchUser(admin, id, new JsonObject().put("disabled", false)).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/me", server.login(email, TestServer.PASSWORD).getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminCannotDisableThemselfNorLeaveNoEnabledAdmin() {
    JsonObject other = server.newSessionWithRoles("admin");
    String otherId = other.getJsonObject("user").getString("id");
    JsonArray userOnly = new JsonArray().add("user");

    assertThat(Problems.fields(assertProblem(patchUser(admin, adminId, new JsonObject().put("disabled", true)), 409, "self-disable")))
        .containsExactly("disabled");
    assertThat(patchUser(admin, otherId, new JsonObject().put("disabled", true)).statusCode()).isEqualTo(200);
    assertProblem(patchUser(admin, adminId, new JsonObject().put("roles", userOnly)), 409, "last-admin");
    assertThat(server.get("/api/admin/users", admin).statusCode()).isEqualTo(200);
    assertThat(TestDb.count(server, "SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND role = 'admin'", adminId)).isEqualTo(1);

    assertThat(patchUser(admin, otherId, new JsonObject().put("disabled", false)).statusCode()).isEqualTo(200);
    assertThat(patchUser(admin, adminId, new JsonObject().put("roles", userOnly)).statusCode()).isEqualTo(200);
    assertProblem(server.get("/api/admin/users", admin), 403, "forbidden");
  }

  @Test
  void revokingSessionsEndsEveryOneOfThemAndIsAuditedWithTheRequestId() {
    String email = TestServer.uniqueEmail();
    String id = server.register(email).getString("id");
    String one = server.login(email, TestServer.PASSWORD).getString("accessToken");
    String two = server.login(email, TestServer.PASSWORD).getString("accessToken");

    HttpResponse<Buffer> response = TestServer.await(server.request(HttpMethod.DELETE, "/api/admin/users/" + id + "/sessions", admin)
        .putHeader("X-Request-Id", "revoke-req-0001").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("sessionsRevoked", 2));
    assertProblem(server.get("/api/me", one), 401, "invalid-token");
    assertProblem(server.get("/api/me", two), 401, "invalid-token");
    assertThat(server.get("/api/admin/users/" + id, admin).bodyAsJsonObject().getJsonArray("sessions")).isEmpty();
    assertThat(server.send(HttpMethod.DELETE, "/api/admin/users/" + id + "/sessions", admin, null).bodyAsJsonObject()
        .getInteger("sessionsRevoked")).isZero();
    assertProblem(server.send(HttpMethod.DELETE, "/api/admin/users/01900000-0000-7000-8000-000000000000/sessions", admin, null),
        404, "not-found");
    JsonArray events = server.get("/api/admin/audit?event=admin_sessions_revoked&userId=" + id, admin).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(events).hasSize(2);
    JsonObject event = events.stream().map(e -> (JsonObject) e)
        .filter(e -> "revoke-req-0001".equals(e.getString("requestId"))).findFirst().orElseThrow();
    assertThat(event.getString("actorId")).isEqualTo(adminId);
    assertThat(event.getJsonObject("detail")).isEqualTo(new JsonObject().put("sessions", 2));
  }

  @Test
  void theAuditTrailListsEventsNewestFirstWithWhoWhatAndTheRequestId() {
    String email = TestServer.uniqueEmail();
    String id = server.register(email).getString("id");
    HttpResponse<Buffer> patched = TestServer.await(server.request(HttpMethod.PATCH, "/api/admin/users/" + id, admin)
        .putHeader("X-Request-Id", "audit-test:42.x").sendJsonObject(new JsonObject().put("disabled", true)));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.getHeader("X-Request-Id")).isEqualTo("audit-test:42.x");

    JsonObject page = server.get("/api/admin/audit?userId=" + id, admin).bodyAsJsonObject();
    assertThat(page.getLong("total")).isEqualTo(2);

    List<JsonObject> items = page.getJsonArray("items").stream().map(i -> (JsonObject) i).toList();
    assertThat(items).extracting(i -> i.getString("event")).containsExactly("admin_user_updated", "register");
    JsonObject update = items.get(0);
    assertThat(update.fieldNames()).containsExactlyInAnyOrder("id", "at", "event", "userId", "actorId", "ip", "requestId", "detail");
    assertThat(update.getString("userId")).isEqualTo(id);
    assertThat(update.getString("actorId")).isEqualTo(adminId);
    assertThat(update.getString("requestId")).isEqualTo("audit-test:42.x");
    assertThat(update.getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(update.getJsonObject("detail")).isEqualTo(new JsonObject().put("disabled", true));
    assertThat(items.get(1).getString("requestId")).isNotBlank();
    assertThat(java.time.Instant.parse(update.getString("at"))).isAfterOrEqualTo(items.get(1).getString("at"));
    JsonObject onlyUpdates = server.get("/api/admin/audit?event=admin_user_updated&from=2000-01-01&to="
        + enc(java.time.Instant.now().plusSeconds(60).toString()), admin).bodyAsJsonObject();
    assertThat(onlyUpdates.getLong("total")).isEqualTo(1);
    assertThat(server.get("/api/admin/audit?event=admin_user_updated&to=2000-01-01", admin).bodyAsJsonObject()
        .getLong("total")).isZero();
    JsonObject first = server.get("/api/admin/audit?limit=1", admin).bodyAsJsonObject();
    Set<String> ids = new HashSet<>(List.of(first.getJsonArray("items").getJsonObject(0).getString("id")));
    JsonObject second = server.get("/api/admin/audit?limit=1&cursor=" + first.getString("nextCursor"), admin).bodyAsJsonObject();
    assertThat(ids.add(second.getJsonArray("items").getJsonObject(0).getString("id"))).isTrue();
  }
}
