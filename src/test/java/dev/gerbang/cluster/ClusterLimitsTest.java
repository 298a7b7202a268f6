package dev.gerbang.cluster;

import static dev.gerbang.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits and the login lock are the cluster's, not each node's: requests spread over two nodes meet the
 * limit one node would (Bucket4j's buckets in Hazelcast), and guesses spread over them lock the account as
 * quickly (the throttle's counts in Hazelcast).
 */
class ClusterLimitsTest {
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    cluster = TestCluster.start(2, new JsonObject()
        .put("rateLimit", new JsonObject().put("authPerMinute", 6).put("writePerMinute", 1000).put("readPerMinute", 1000))
        .put("loginThrottle", new JsonObject().put("freeFailures", 3).put("lockBaseSeconds", 60))
        // Each test comes from an address of its own, through a proxy the nodes trust.
        .put("http", new JsonObject().put("trustedProxies", new io.vertx.core.json.JsonArray().add("127.0.0.1"))));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static HttpResponse<Buffer> login(TestServer node, String client, String email, String password) {
    return TestServer.await(node.client().post("/api/auth/login").putHeader("X-Forwarded-For", client)
        .sendJsonObject(new JsonObject().put("email", email).put("password", password)));
  }

  @Test
  void sixSignInAttemptsAMinuteFromOneAddressAreSixInAllWhicheverNodeTheyReach() {
    // The address's bucket for the sign-in family: 6 a minute.
    for (int i = 0; i < 6; i++) {
      assertThat(login(cluster.node(i % 2), "203.0.113.10", TestServer.uniqueEmail(), "not the password").statusCode())
          .as("attempt " + (i + 1)).isEqualTo(401);
    }
    assertProblem(login(cluster.node(0), "203.0.113.10", TestServer.uniqueEmail(), "not the password"), 429, "rate-limited");
    assertProblem(login(cluster.node(1), "203.0.113.10", TestServer.uniqueEmail(), "not the password"), 429, "rate-limited");
    assertThat(login(cluster.node(1), "203.0.113.11", TestServer.uniqueEmail(), "not the password").statusCode())
        .as("another address has its own bucket").isEqualTo(401);
  }

  @Test
  void threeWrongPasswordsThroughEitherNodeLockTheAccountOnBoth() {
    String email = TestServer.uniqueEmail();
    cluster.node(0).register(email);
    // Three free failures, from three addresses, through alternating nodes; the third starts the lock.
    for (int i = 0; i < 3; i++) {
      assertThat(login(cluster.node(i % 2), "198.51.100." + i, email, "not the password").statusCode()).isEqualTo(401);
    }
    for (TestServer node : cluster.nodes()) {
      HttpResponse<Buffer> locked = login(node, "198.51.100.9", email, TestServer.PASSWORD);
      assertProblem(locked, 429, "login-locked");
      assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 60L);
    }
  }
}
