package dev.gerbang.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster: a token signed on one works on the other (the keys are shared through the database,
 * not copied), and a session revoked on one is refused on the other at once, long before its session cache
 * (30 s) would have let go of it.
 */
class ClusterSessionsTest {
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    cluster = TestCluster.start(2, new JsonObject());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Milliseconds until GET /api/me with this token answers 401 on this node, polling; -1 if not within 5 s. */
  private static long untilRefused(TestServer node, String token, long since) {
    while (System.nanoTime() - since < 5_000_000_000L) {
      if (node.get("/api/me", token).statusCode() == 401) {
        return (System.nanoTime() - since) / 1_000_000;
      }
    }
    return -1;
  }

  @Test
  void aTokenSignedOnOneNodeWorksOnTheOtherAndALogoutThereEndsItEverywhere() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    JsonObject session = a.newSession();
    String token = session.getString("accessToken");
    assertThat(b.get("/api/me", token).statusCode()).as("the keys are the cluster's").isEqualTo(200);
    assertThat(a.get("/api/me", token).statusCode()).isEqualTo(200);

    assertThat(a.post("/api/auth/logout", token, null).statusCode()).isEqualTo(204);
    long refused = untilRefused(b, token, System.nanoTime());

    assertThat(refused).as("ms until the other node refused the token (its cache would keep it 30 s)").isBetween(0L, 2000L);
  }

  @Test
  void aRefreshTokenIssuedOnOneNodeRotatesOnTheOtherAndItsReuseEndsTheSessionOnBoth() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    JsonObject session = a.newSession();
    JsonObject rotated = b.post("/api/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .bodyAsJsonObject();
    assertThat(rotated.getString("accessToken")).isNotBlank();
    assertThat(a.get("/api/me", rotated.getString("accessToken")).statusCode()).isEqualTo(200);

    // Long after the grace window of the first rotation, the first token comes back: it was stolen.
    TestDb.update(a, "UPDATE refresh_tokens SET replaced_at = replaced_at - 60000 WHERE replaced_at IS NOT NULL");
    assertThat(a.post("/api/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    assertThat(untilRefused(b, rotated.getString("accessToken"), System.nanoTime())).isBetween(0L, 2000L);
  }

  @Test
  void anAdminDisablingAnAccountOnOneNodeEndsItsSessionsOnTheOther() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    String admin = a.newSessionWithRoles("admin").getString("accessToken");
    JsonObject user = b.newSession();
    String token = user.getString("accessToken");
    assertThat(b.get("/api/me", token).statusCode()).isEqualTo(200);

    assertThat(a.send(io.vertx.core.http.HttpMethod.PATCH, "/api/admin/users/" + user.getJsonObject("user").getString("id"), admin,
        new JsonObject().put("disabled", true)).statusCode()).isEqualTo(200);

    assertThat(untilRefused(b, token, System.nanoTime())).isBetween(0L, 2000L);
  }

  @Test
  void aProfileChangedOnOneNodeShowsInTheOthersMeAnswerWhichItKeptInMemory() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    String token = a.newSession().getString("accessToken");
    assertThat(b.get("/api/me", token).bodyAsJsonObject().getString("name")).isEqualTo("Test User");

    assertThat(a.send(io.vertx.core.http.HttpMethod.PATCH, "/api/me", token, new JsonObject().put("name", "Renamed on A"))
        .statusCode()).isEqualTo(200);

    long since = System.nanoTime();
    String seen = TestDb.eventually(() -> b.get("/api/me", token).bodyAsJsonObject().getString("name"), "Renamed on A"::equals);
    assertThat(seen).as("node B's answer, %d ms after the change", (System.nanoTime() - since) / 1_000_000)
        .isEqualTo("Renamed on A");
  }
}
