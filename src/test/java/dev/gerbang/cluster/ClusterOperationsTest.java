package dev.gerbang.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Running a cluster: each node's readiness and the admin system page show the members; a signing key rotated
 * through one node signs on the other too while the old tokens stay valid; a node that stops leaves the
 * cluster cleanly and the other sees it go.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOperationsTest {
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

  private static String kid(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)).getString("kid");
  }

  @Test
  @Order(1)
  void readinessAndTheSystemPageShowBothNodes() {
    for (TestServer node : cluster.nodes()) {
      JsonObject ready = node.get("/health/ready", null).bodyAsJsonObject();
      JsonObject check = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(c -> "cluster".equals(c.getString("id"))).findFirst().orElseThrow();
      assertThat(check.getString("status")).isEqualTo("UP");
      assertThat(check.getJsonObject("data").getJsonArray("nodes")).hasSize(2);
    }
    String admin = cluster.node(0).newSessionWithRoles("admin").getString("accessToken");
    JsonObject system = cluster.node(1).get("/api/admin/system", admin).bodyAsJsonObject();
    assertThat(system.getJsonObject("cluster").getBoolean("clustered")).isTrue();
    assertThat(system.getJsonObject("cluster").getJsonArray("nodes")).hasSize(2)
        .allSatisfy(n -> assertThat(((JsonObject) n).getString("address")).startsWith("127.0.0.1:"));
  }

  @Test
  @Order(2)
  void aKeyRotatedThroughOneNodeSignsOnBothAndOldTokensStayValid() {
    TestServer a = cluster.node(0);
    TestServer b = cluster.node(1);
    String admin = a.newSessionWithRoles("admin").getString("accessToken");
    String before = b.newSession().getString("accessToken");

    JsonObject rotated = a.post("/api/admin/keys/rotate", admin, null).bodyAsJsonObject();

    String kid = rotated.getString("signingKid");
    assertThat(kid).isNotEqualTo(kid(before));
    assertThat(kid(a.newSession().getString("accessToken"))).isEqualTo(kid);
    long deadline = System.nanoTime() + 5_000_000_000L;
    String fromB = b.newSession().getString("accessToken");
    while (!kid.equals(kid(fromB)) && System.nanoTime() < deadline) {
      fromB = b.newSession().getString("accessToken");
    }
    assertThat(kid(fromB)).as("the other node signs with the new key").isEqualTo(kid);
    assertThat(a.get("/api/me", before).statusCode()).as("a token of the old key").isEqualTo(200);
    assertThat(b.get("/api/me", fromB).statusCode()).isEqualTo(200);
    assertThat(a.get("/api/me", fromB).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void aNodeThatStopsLeavesTheClusterAndTheOtherSeesItGo() {
    cluster.node(1).close();
    TestServer a = cluster.node(0);
    long deadline = System.nanoTime() + 15_000_000_000L;
    int nodes = 2;
    while (nodes != 1 && System.nanoTime() < deadline) {
      nodes = a.get("/health/ready", null).bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(c -> "cluster".equals(c.getString("id"))).findFirst().orElseThrow().getJsonObject("data").getJsonArray("nodes").size();
    }
    assertThat(nodes).isEqualTo(1);
    assertThat(a.get("/health/ready", null).statusCode()).isEqualTo(200);
  }
}
