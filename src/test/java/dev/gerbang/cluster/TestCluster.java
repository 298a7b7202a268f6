package dev.gerbang.cluster;

import dev.gerbang.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Several real Gerbang nodes in this JVM, clustered with Hazelcast on loopback, on one PostgreSQL database,
 * each behind its own HTTP port: what a load balancer would spread requests over. Nodes start in parallel
 * (a cluster forms in a few seconds) and leave it when closed.
 */
public final class TestCluster implements AutoCloseable {
  static final String SECRET = "a test cluster's shared secret, 32+ bytes long";

  private final Path shared;
  private final List<Path> dataDirs = new ArrayList<>();
  private final List<TestServer> nodes = new ArrayList<>();
  private final List<Integer> hazelcastPorts = new ArrayList<>();

  private TestCluster(Path shared) {
    this.shared = shared;
  }

  /** n nodes of one cluster, on one new database, with these settings besides. */
  public static TestCluster start(int n, JsonObject overrides) {
    TestCluster cluster;
    try {
      cluster = new TestCluster(Files.createTempDirectory("gerbang-cluster"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < n; i++) {
      cluster.hazelcastPorts.add(freePort());
    }
    List<CompletableFuture<TestServer>> starting = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      starting.add(cluster.startNodeAsync(i, overrides));
    }
    try {
      for (CompletableFuture<TestServer> node : starting) {
        cluster.nodes.add(node.join());
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private CompletableFuture<TestServer> startNodeAsync(int index, JsonObject overrides) {
    Path dataDir = shared.resolve("node-" + index);
    dataDirs.add(dataDir);
    dev.gerbang.TestDb.config(shared);
    dev.gerbang.TestDb.share(dataDir, shared);
    return CompletableFuture.supplyAsync(() -> TestServer.startOn(dataDir, settings(index, overrides)));
  }

  /** Restarts node i (after it was stopped or killed) on its data dir, in the same cluster. */
  public TestServer restart(int index, JsonObject overrides) {
    TestServer node = TestServer.startOn(dataDirs.get(index), settings(index, overrides));
    nodes.set(index, node);
    return node;
  }

  private JsonObject settings(int index, JsonObject overrides) {
    JsonArray members = new JsonArray();
    hazelcastPorts.forEach(port -> members.add("127.0.0.1:" + port));
    JsonObject settings = new JsonObject()
        // Every node on the one database of the cluster: the first data dir's.
        .put("db", dev.gerbang.TestDb.config(shared))
        .put("cluster", new JsonObject().put("enabled", true).put("name", "test-" + shared.getFileName())
            .put("host", "127.0.0.1").put("port", hazelcastPorts.get(index)).put("members", members)
            .put("secret", SECRET));
    return settings.mergeIn(overrides.copy(), true);
  }

  public TestServer node(int index) {
    return nodes.get(index);
  }

  public List<TestServer> nodes() {
    return nodes;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (TestServer node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        // A node a test already stopped: nothing to close.
      }
    }
    dataDirs.forEach(TestServer::deleteTree);
    TestServer.deleteTree(shared);
  }
}
