package dev.gerbang;

import dev.gerbang.config.AppConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -XX:ArchiveClassesAtExit=target/gerbang.jsa -jar target/gerbang.jar train}: the training run of the
 * class-data-sharing archive that the README's start command maps ({@code -XX:SharedArchiveFile}), made by
 * {@code ./mvnw package}. It starts the server on a throw-away data dir and a free loopback port, sends it the
 * requests of a first visit (readiness, the web app, sign-up, sign-in, the account, the articles, a refused
 * sign-in), stops it and exits; the JVM then writes every class it loaded into the archive, and later starts map
 * them instead of reading, verifying and linking them again from the jar. Nothing of the run is kept.
 */
final class TrainCommand {
  private TrainCommand() {
  }

  static int run() {
    Path dataDir = null;
    try {
      dataDir = Files.createTempDirectory("gerbang-train");
      int port = freePort();
      AppConfig config = AppConfig.of(new JsonObject()
          .put("dataDir", dataDir.toString())
          .put("http", new JsonObject().put("host", "127.0.0.1").put("port", port))
          .put("log", new JsonObject().put("requests", false))
          // The meters' classes belong in the archive too; their listener on any free port, so that a server
          // running on this machine does not stop the build.
          .put("metrics", new JsonObject().put("port", 0)));
      Gerbang gerbang = Gerbang.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      try {
        firstVisit("http://127.0.0.1:" + port);
      } finally {
        gerbang.stop();
      }
      return 0;
    } catch (Exception e) {
      System.err.println("gerbang train: " + e);
      return 1;
    } finally {
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
  }

  private static void firstVisit(String origin) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String email = "train@example.invalid";
    String password = "a training passphrase that nobody uses";
    expect(client, get(origin + "/health/ready"), 200);
    expect(client, get(origin + "/"), 200);
    expect(client, get(origin + "/api/articles"), 200);
    expect(client, post(origin + "/api/auth/register",
        new JsonObject().put("email", email).put("password", password).put("name", "Training run")), 201);
    HttpResponse<String> login = expect(client, post(origin + "/api/auth/login",
        new JsonObject().put("email", email).put("password", password)), 200);
    String token = new JsonObject(login.body()).getString("accessToken");
    for (int i = 0; i < 3; i++) {
      expect(client, HttpRequest.newBuilder(URI.create(origin + "/api/me")).header("Authorization", "Bearer " + token).build(), 200);
    }
    expect(client, post(origin + "/api/auth/login", new JsonObject().put("email", email).put("password", "not the password")), 401);
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).build();
  }

  private static HttpRequest post(String url, JsonObject body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
  }

  private static HttpResponse<String> expect(HttpClient client, HttpRequest request, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
          + response.statusCode() + ", not " + status);
    }
    return response;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("gerbang train: could not delete " + dir + ": " + e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
