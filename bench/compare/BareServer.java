// The bare Vert.x 5 baseline of bench/compare.sh: the least a server can do for an authenticated read.
// GET /api/me verifies the request's HS256 bearer JWT with vertx-auth-jwt (the library and options Gerbang's
// Tokens uses: key chosen by the token's `kid`, signature, iss, aud and exp checked, 5 s leeway) and answers a
// small JSON built from the claims; anything else is 401/404. No database, no session, no middleware.
//
// It verifies the very tokens Gerbang issues: it reads the signing secret from Gerbang's keys.json (the fresh
// data dir the benchmark made) and names the key as Gerbang does (first 12 hex digits of the secret's SHA-256),
// so wrk sends byte-for-byte the same request to both servers.
//
// Run with the JDK's source launcher on the project's runtime classpath (nothing is built or committed):
//   java -cp "$(cat target/bench/classpath.txt)" bench/compare/BareServer.java PORT path/to/keys.json
// Same event-loop count as Gerbang's HTTP verticles (http.instances 0 = one per core).
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

public final class BareServer extends VerticleBase {
  private final int port;
  private final String secret;

  BareServer(int port, String secret) {
    this.port = port;
    this.secret = secret;
  }

  @Override
  public Future<?> start() {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer("gerbang").setAudience(List.of("gerbang-api")).setLeeway(5))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret).setId(kidOf(secret))));
    Router router = Router.router(vertx);
    router.get("/api/me").handler(ctx -> {
      String header = ctx.request().getHeader("Authorization");
      if (header == null || !header.startsWith("Bearer ")) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      Future<io.vertx.ext.auth.User> verified;
      try {
        verified = jwt.authenticate(new TokenCredentials(header.substring(7)));
      } catch (RuntimeException e) {
        verified = Future.failedFuture(e);
      }
      verified.onSuccess(user -> {
        JsonObject claims = user.principal();
        JsonObject body = new JsonObject()
            .put("id", claims.getString("sub"))
            .put("username", claims.getString("username"))
            .put("roles", claims.getJsonArray("roles"));
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
      }).onFailure(failure -> ctx.response().setStatusCode(401).end());
    });
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  static String kidOf(String secret) throws IllegalStateException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BareServer PORT KEYS_JSON");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String secret = new JsonObject(Files.readString(Path.of(args[1]))).getJsonArray("jwt").getJsonObject(0).getString("secret");
    int instances = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareServer(port, secret), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("bare server ready on 127.0.0.1:" + port + " (" + instances + " event-loop instances)"))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }
}
