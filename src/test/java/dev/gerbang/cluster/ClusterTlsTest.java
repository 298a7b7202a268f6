package dev.gerbang.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event bus between nodes under mutual TLS (cluster.tls.*): the cluster works as without it (a logout on one
 * node reaches the other), and a node's event-bus port refuses a TLS client without a certificate of the
 * cluster's CA. The test certificate (src/test/resources/tls) is its own CA.
 */
class ClusterTlsTest {
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();
  private static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(TestDb.onPostgres(), "cluster mode runs on PostgreSQL only: a SQLite file belongs to one node");
    JsonObject tls = new JsonObject().put("enabled", true).put("certPath", TLS.resolve("cert.pem").toString())
        .put("keyPath", TLS.resolve("key.pem").toString()).put("caPath", TLS.resolve("cert.pem").toString());
    cluster = TestCluster.start(2, new JsonObject().put("cluster", new JsonObject().put("tls", tls)));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aLogoutOnOneNodeReachesTheOtherOverTheEncryptedEventBus() {
    String token = cluster.node(0).newSession().getString("accessToken");
    assertThat(cluster.node(1).get("/api/me", token).statusCode()).isEqualTo(200);
    assertThat(cluster.node(0).post("/api/auth/logout", token, null).statusCode()).isEqualTo(204);
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status = 200;
    while (status != 401 && System.nanoTime() < deadline) {
      status = cluster.node(1).get("/api/me", token).statusCode();
    }
    assertThat(status).isEqualTo(401);
  }

  @Test
  void theEventBusPortSpeaksTlsToTheClustersCertificateAndRefusesAClientWithout() throws Exception {
    int port = eventBusPort(cluster.node(0));
    // With the cluster's certificate: the handshake completes (a plain-text port would fail it).
    try (SSLSocket socket = socket(port, true)) {
      socket.startHandshake();
      assertThat(socket.getSession().getPeerCertificates()).isNotEmpty();
    }
    // Without one: refused. TLS 1.3 reports a missing client certificate after the handshake, at the first read.
    try (SSLSocket socket = socket(port, false)) {
      assertThatThrownBy(() -> {
        socket.startHandshake();
        socket.getOutputStream().write(new byte[] {0, 0, 0, 1, 0});
        socket.getOutputStream().flush();
        if (socket.getInputStream().read() < 0) {
          throw new java.io.IOException("closed without a client certificate");
        }
      }).isInstanceOf(java.io.IOException.class);
    }
  }

  private static SSLSocket socket(int port, boolean withCertificate) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(withCertificate ? clusterCertificate().getKeyManagers() : null, trustingTheTestCa().getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static KeyManagerFactory clusterCertificate() throws Exception {
    String pem = java.nio.file.Files.readString(TLS.resolve("key.pem")).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    X509Certificate cert;
    try (InputStream in = java.nio.file.Files.newInputStream(TLS.resolve("cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("node", key, new char[0], new java.security.cert.Certificate[] {cert});
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory;
  }

  private static TrustManagerFactory trustingTheTestCa() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(TLS.resolve("cert.pem"))) {
      store.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  /** The port this node's clustered event bus listens on (it picked a free one). */
  private static int eventBusPort(TestServer node) {
    return node.gerbang().components().cluster().manager().getNodeInfo().port();
  }
}
