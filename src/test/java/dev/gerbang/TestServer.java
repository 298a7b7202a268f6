package dev.gerbang;

import dev.gerbang.config.AppConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Gerbang on a free port over a fresh database (a SQLite file in a temp dir, or a database of its own on
 * the embedded PostgreSQL when -Dgerbang.test.db=postgres: see {@link TestDb}), and a WebClient that talks to it
 * like any client. Tests wait on futures with {@link #await} from the JUnit thread (Vert.x 5 allows it off
 * the event loop), so they read top to bottom.
 */
public final class TestServer implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";

  private final Gerbang gerbang;
  private final Vertx clientVertx;
  private final WebClient client;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int port;

  private TestServer(Gerbang gerbang, Vertx clientVertx, WebClient client, Path dataDir, boolean ownsDataDir, int port) {
    this.gerbang = gerbang;
    this.clientVertx = clientVertx;
    this.client = client;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.port = port;
  }

  public static TestServer start() {
    return start(new JsonObject());
  }

  /** Starts with the defaults plus these overrides (config paths as in conf/config.json). */
  public static TestServer start(JsonObject overrides) {
    try {
      return start(Files.createTempDirectory("gerbang-test"), true, overrides);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts on an existing data dir, which the caller owns (to test restarts). */
  public static TestServer startOn(Path dataDir, JsonObject overrides) {
    return start(dataDir, false, overrides);
  }

  /**
   * On a free port: one found free can be taken by another socket before the server binds it (an outgoing
   * connection's ephemeral port, say), so a port in use is tried again on another.
   */
  private static TestServer start(Path dataDir, boolean owns, JsonObject overrides) {
    for (int attempt = 1; ; attempt++) {
      try {
        return start(dataDir, owns, overrides, freePort());
      } catch (Exception e) { // await throws a failure's cause as it is, a BindException included
        if (attempt == 3 || !(e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException)) {
          throw e;
        }
      }
    }
  }

  private static TestServer start(Path dataDir, boolean owns, JsonObject overrides, int port) {
    JsonObject config = new JsonObject()
        .put("dataDir", dataDir.toString())
        .put("db", TestDb.config(dataDir))
        .put("http", new JsonObject().put("port", port).put("instances", 2))
        .put("log", new JsonObject().put("requests", false))
        // Tests sign many accounts up and in from 127.0.0.1; the defaults (20 a minute) stay for real servers,
        // and the security tests set strict limits of their own.
        .put("rateLimit", new JsonObject().put("authPerMinute", 600))
        // Tests sign admins and doctors in everywhere: the role policy is off unless a test (mfa/) turns it on.
        .put("mfa", new JsonObject().put("requiredRoles", new io.vertx.core.json.JsonArray()))
        // Several servers run at once: each management listener on a port of its own.
        .put("metrics", new JsonObject().put("port", 0));
    deepMerge(config, overrides);
    Gerbang gerbang = await(Gerbang.start(AppConfig.of(config)));
    Vertx clientVertx = Vertx.vertx();
    WebClient client = WebClient.create(clientVertx, new WebClientOptions()
        .setDefaultHost("localhost").setDefaultPort(port).setUserAgent("GerbangTest/1.0").setFollowRedirects(false));
    return new TestServer(gerbang, clientVertx, client, dataDir, owns, port);
  }

  private static void deepMerge(JsonObject target, JsonObject source) {
    for (String key : source.fieldNames()) {
      Object value = source.getValue(key);
      if (value instanceof JsonObject child && target.getValue(key) instanceof JsonObject existing) {
        deepMerge(existing, child);
      } else {
        target.put(key, value);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for a future from the test thread; fails the test after 30 s. */
  public static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  public Gerbang gerbang() {
    return gerbang;
  }

  public WebClient client() {
    return client;
  }

  public Vertx clientVertx() {
    return clientVertx;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** A unique email for one test: no two tests ever share an account. */
  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String accessToken) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (accessToken != null) {
      request.putHeader("Authorization", "Bearer " + accessToken);
    }
    return request;
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String accessToken, JsonObject body) {
    HttpRequest<Buffer> request = request(method, path, accessToken);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  public HttpResponse<Buffer> get(String path, String accessToken) {
    return send(HttpMethod.GET, path, accessToken, null);
  }

  public HttpResponse<Buffer> post(String path, String accessToken, JsonObject body) {
    return send(HttpMethod.POST, path, accessToken, body);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, null, body);
  }

  public HttpResponse<Buffer> raw(HttpMethod method, String path, MultiMap headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, path);
    request.putHeaders(headers);
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  /** Registers an account (201 expected) and answers its user JSON. */
  public JsonObject register(String email) {
    return register(email, PASSWORD, "Test User");
  }

  /** Grants the role to the account with this email, as the create-admin command would (audited role_granted). */
  public dev.gerbang.user.User grantRole(String email, String role) {
    return await(gerbang.components().users().grantRole(dev.gerbang.audit.Actor.system("test"), email, role));
  }

  /** Registers an admin with the test password and this name, to sign in as in a browser. */
  public void registerAdmin(String email, String name) {
    register(email, PASSWORD, name);
    grantRole(email, "admin");
  }

  public JsonObject register(String email, String password, String name) {
    HttpResponse<Buffer> response = post("/api/auth/register",
        new JsonObject().put("email", email).put("password", password).put("name", name));
    if (response.statusCode() != 201) {
      throw new AssertionError("register " + email + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonObject("user");
  }

  /** Logs in (200 expected) and answers the token pair body. */
  public JsonObject login(String email, String password) {
    HttpResponse<Buffer> response = post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
    if (response.statusCode() != 200) {
      throw new AssertionError("login " + email + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** An account with this email, logged in: the token pair body. */
  public JsonObject newSessionFor(String email) {
    register(email);
    return login(email, PASSWORD);
  }

  /** A new account, logged in: the token pair body (with its user). */
  public JsonObject newSession() {
    String email = uniqueEmail();
    register(email);
    return login(email, PASSWORD);
  }

  /** A new account holding the given roles, logged in after the grant, so its token carries them. */
  public JsonObject newSessionWithRoles(String... roles) {
    String email = uniqueEmail();
    register(email);
    for (String role : roles) {
      grantRole(email, role);
    }
    return login(email, PASSWORD);
  }

  @Override
  public void close() {
    try {
      client.close();
      await(clientVertx.close());
      gerbang.stop();
    } finally {
      if (ownsDataDir) {
        deleteTree(dataDir);
      }
    }
  }

  /** Deletes the data dir, and its PostgreSQL database when it has one. */
  public static void deleteTree(Path dir) {
    TestDb.forget(dir);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
