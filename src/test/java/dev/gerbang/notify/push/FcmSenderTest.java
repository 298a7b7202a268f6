package dev.gerbang.notify.push;

import static dev.gerbang.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.TestServer;
import dev.gerbang.notify.push.PushOutcome.Kind;
import dev.gerbang.notify.push.StandIn.Received;
import dev.gerbang.notify.push.StandIn.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FCM HTTP v1 over real HTTP to local stand-ins for Google's token endpoint and the FCM API. */
class FcmSenderTest {
  private static final String PROJECT = "gerbang-test";
  private static final String CLIENT_EMAIL = "push@gerbang-test.iam.gserviceaccount.com";
  private static final JsonObject NOTIFICATION = new JsonObject()
      .put("title", "New comment").put("body", "Ana replied").put("path", "/articles/42#c7").put("id", 7).put("type", "comment");
  private static final String UNREGISTERED = "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
      + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}";
  private static KeyPair rsa;

  private final AtomicInteger tokenFetches = new AtomicInteger();
  private final Queue<Reply> apiReplies = new ConcurrentLinkedQueue<>();
  private volatile int tokenStatus = 200;
  private volatile int expiresIn = 3600;
  private Vertx vertx;
  private WebClient client;
  private Path dir;
  private StandIn google;
  private StandIn fcm;
  private FcmCredentials credentials;

  @BeforeAll
  static void makeKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa = generator.generateKeyPair();
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    dir = Files.createTempDirectory("gerbang-fcm");
    // The token is slow on purpose, so that sends made meanwhile find the fetch in flight.
    google = StandIn.start(vertx, request -> tokenReply().after(200));
    fcm = StandIn.start(vertx, request -> {
      Reply scripted = apiReplies.poll();
      return scripted != null ? scripted : Reply.json(200, new JsonObject().put("name", "projects/" + PROJECT + "/messages/0:1"));
    });
    credentials = FcmCredentials.load(writeAccount(serviceAccount(google.origin() + "/token")));
  }

  @AfterEach
  void stop() {
    google.close();
    fcm.close();
    client.close();
    await(vertx.close());
    TestServer.deleteTree(dir);
  }

  private Reply tokenReply() {
    int n = tokenFetches.incrementAndGet();
    if (tokenStatus != 200) {
      return Reply.json(tokenStatus, new JsonObject().put("error", "invalid_grant").put("error_description", "Invalid JWT Signature."));
    }
    return Reply.json(200, new JsonObject().put("access_token", "token-" + n).put("expires_in", expiresIn).put("token_type", "Bearer"));
  }

  private static String pem() {
    return ServiceAccounts.pem(rsa.getPrivate());
  }

  private static JsonObject serviceAccount(String tokenUri) {
    return ServiceAccounts.json(PROJECT, CLIENT_EMAIL, rsa.getPrivate(), tokenUri);
  }

  private Path writeAccount(JsonObject account) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "service-account", ".json"), account.encodePrettily());
  }

  private FcmSender sender() {
    return new FcmSender(client, credentials, fcm.origin());
  }

  /** What Google's token endpoint checks: the grant type and an RS256 assertion for FCM signed by the account. */
  private void assertTokenRequest(Received request) throws Exception {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/token");
    assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    Map<String, String> form = new HashMap<>();
    for (String pair : request.body().toString(StandardCharsets.US_ASCII).split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    assertThat(form).containsOnlyKeys("grant_type", "assertion");
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    JsonObject claims = Jwts.verifiedClaims(form.get("assertion"), "RS256", "SHA256withRSA", rsa.getPublic());
    long now = System.currentTimeMillis() / 1000;
    assertThat(claims.getString("iss")).isEqualTo(CLIENT_EMAIL);
    assertThat(claims.getString("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    assertThat(claims.getString("aud")).isEqualTo(google.origin() + "/token");
    assertThat(claims.getLong("iat")).isBetween(now - 60, now + 1);
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);
  }

  /** What the FCM API checks: the bearer token, the project in the URL and a v1 message with string data. */
  private static void assertMessageRequest(Received request, String bearer, String deviceToken) {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/projects/" + PROJECT + "/messages:send");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + bearer);
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.body().toJsonObject()).isEqualTo(new JsonObject().put("message", new JsonObject()
        .put("token", deviceToken)
        .put("notification", new JsonObject().put("title", "New comment").put("body", "Ana replied"))
        .put("data", new JsonObject().put("path", "/articles/42#c7").put("id", "7").put("type", "comment"))
        .put("android", new JsonObject().put("priority", "high"))
        .put("apns", new JsonObject().put("headers", new JsonObject().put("apns-priority", "10")))));
  }

  @Test
  void concurrentSendsShareOneTokenFetchAndLaterSendsReuseTheToken() throws Exception {
    FcmSender sender = sender();

    Future<PushOutcome> first = sender.send("device-a", NOTIFICATION);
    Future<PushOutcome> second = sender.send("device-b", NOTIFICATION);
    assertThat(await(first)).isEqualTo(new PushOutcome(Kind.DELIVERED, 200, -1, "HTTP 200"));
    assertThat(await(second).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(await(sender.send("device-c", NOTIFICATION)).kind()).isEqualTo(Kind.DELIVERED);

    assertThat(tokenFetches).hasValue(1);
    assertTokenRequest(google.next());
    Map<String, Received> byDevice = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      Received request = fcm.next();
      byDevice.put(request.body().toJsonObject().getJsonObject("message").getString("token"), request);
    }
    for (String device : new String[] {"device-a", "device-b", "device-c"}) {
      assertMessageRequest(byDevice.get(device), "token-1", device);
    }
  }

  @Test
  void anUnregisteredTokenIsGone() {
    apiReplies.add(Reply.of(404).withHeader("Content-Type", "application/json").withBody(UNREGISTERED));

    PushOutcome outcome = await(sender().send("device-a", NOTIFICATION));

    assertThat(outcome.kind()).isEqualTo(Kind.GONE);
    assertThat(outcome.status()).isEqualTo(404);
    assertThat(outcome.detail()).contains("UNREGISTERED");
  }

  @Test
  void anInvalidTokenIsGoneButAnInvalidMessageIsRejected() {
    apiReplies.add(fcmError(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
        new JsonObject().put("@type", "type.googleapis.com/google.rpc.BadRequest").put("fieldViolations",
            new JsonArray().add(new JsonObject().put("field", "message.token").put("description", "Invalid registration token")))));
    apiReplies.add(fcmError(400, "INVALID_ARGUMENT", "Invalid value at 'message.data[0].value'", null));
    apiReplies.add(fcmError(403, "SENDER_ID_MISMATCH", "SenderId mismatch", null));

    FcmSender sender = sender();
    assertThat(await(sender.send("bad-token", NOTIFICATION))).extracting(PushOutcome::kind, PushOutcome::status)
        .containsExactly(Kind.GONE, 400);
    PushOutcome badMessage = await(sender.send("device-a", NOTIFICATION));
    assertThat(badMessage).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.REJECTED, 400);
    assertThat(badMessage.detail()).isEqualTo("HTTP 400 INVALID_ARGUMENT: Invalid value at 'message.data[0].value'");
    assertThat(await(sender.send("device-b", NOTIFICATION))).extracting(PushOutcome::kind, PushOutcome::status)
        .containsExactly(Kind.REJECTED, 403);
  }

  private static Reply fcmError(int code, String errorCode, String message, JsonObject extraDetail) {
    JsonArray details = new JsonArray().add(new JsonObject()
        .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", errorCode));
    if (extraDetail != null) {
      details.add(extraDetail);
    }
    return Reply.json(code, new JsonObject().put("error", new JsonObject()
        .put("code", code).put("message", message).put("status", code == 400 ? "INVALID_ARGUMENT" : "PERMISSION_DENIED")
        .put("details", details)));
  }

  @Test
  void unauthorizedDropsTheTokenSoTheNextSendFetchesANewOne() throws Exception {
    apiReplies.add(Reply.json(401, new JsonObject().put("error", new JsonObject().put("code", 401).put("status", "UNAUTHENTICATED"))));
    FcmSender sender = sender();

    PushOutcome unauthorized = await(sender.send("device-a", NOTIFICATION));
    PushOutcome delivered = await(sender.send("device-a", NOTIFICATION));

    assertThat(unauthorized).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.RETRY, 401);
    assertThat(delivered.kind()).isEqualTo(Kind.DELIVERED);
    assertThat(tokenFetches).hasValue(2);
    assertMessageRequest(fcm.next(), "token-1", "device-a");
    assertMessageRequest(fcm.next(), "token-2", "device-a");
  }

  @Test
  void throttlingAndOutagesAreRetriesHonouringRetryAfter() {
    apiReplies.add(Reply.of(429).withHeader("Retry-After", "30"));
    apiReplies.add(Reply.of(503));
    FcmSender sender = sender();

    PushOutcome throttled = await(sender.send("device-a", NOTIFICATION));
    PushOutcome unavailable = await(sender.send("device-a", NOTIFICATION));

    assertThat(throttled).extracting(PushOutcome::kind, PushOutcome::status, PushOutcome::retryAfterMillis)
        .containsExactly(Kind.RETRY, 429, 30_000L);
    assertThat(unavailable).extracting(PushOutcome::kind, PushOutcome::status, PushOutcome::retryAfterMillis)
        .containsExactly(Kind.RETRY, 503, -1L);
  }

  @Test
  void aRefusedTokenIsARetryThatRevealsNoSecretAndIsNotRemembered() throws Exception {
    tokenStatus = 400;
    FcmSender sender = sender();

    PushOutcome refused = await(sender.send("device-a", NOTIFICATION));

    assertThat(refused).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.RETRY, 0);
    assertThat(refused.detail()).contains("HTTP 400 invalid_grant")
        .doesNotContain(Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded()).substring(0, 40))
        .doesNotContain("eyJ").doesNotContain("assertion");
    assertThat(fcm.waiting()).as("no message without a token").isZero();

    tokenStatus = 200;
    assertThat(await(sender.send("device-a", NOTIFICATION)).kind()).isEqualTo(Kind.DELIVERED);
    assertThat(tokenFetches).hasValue(2);
  }

  @Test
  void anUnreachableTokenEndpointOrApiIsARetry() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FcmCredentials unreachable = FcmCredentials.load(writeAccount(serviceAccount("http://127.0.0.1:" + closedPort + "/token")));

    PushOutcome noToken = await(new FcmSender(client, unreachable, fcm.origin()).send("device-a", NOTIFICATION));
    PushOutcome noApi = await(new FcmSender(client, credentials, "http://127.0.0.1:" + closedPort).send("device-a", NOTIFICATION));

    assertThat(noToken).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.RETRY, 0);
    assertThat(noToken.detail()).startsWith("no access token: token endpoint unreachable");
    assertThat(noApi).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.RETRY, 0);
  }

  @Test
  void aTokenExpiringWithinAMinuteIsNotReused() {
    expiresIn = 60;
    FcmSender sender = sender();

    await(sender.send("device-a", NOTIFICATION));
    await(sender.send("device-a", NOTIFICATION));

    assertThat(tokenFetches).hasValue(2);
  }

  @Test
  void aServiceAccountFileMissingAFieldIsAClearErrorThatNeverQuotesTheKey() throws Exception {
    String keyFragment = Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded()).substring(100, 140);
    for (String field : new String[] {"project_id", "client_email", "private_key", "token_uri"}) {
      Path file = writeAccount(serviceAccount("https://oauth2.googleapis.com/token").put(field, (String) null));
      assertThatThrownBy(() -> FcmCredentials.load(file)).as(field).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + field + "\"").hasMessageContaining(file.toString()).hasMessageNotContaining(keyFragment);
    }
    Path pkcs1 = writeAccount(serviceAccount("https://oauth2.googleapis.com/token")
        .put("private_key", pem().replace("PRIVATE KEY", "RSA PRIVATE KEY")));
    assertThatThrownBy(() -> FcmCredentials.load(pkcs1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private_key").hasMessageNotContaining(keyFragment);
    String[] lines = pem().split("\n");
    lines[3] = "";
    Path garbled = writeAccount(serviceAccount("https://oauth2.googleapis.com/token").put("private_key", String.join("\n", lines)));
    assertThatThrownBy(() -> FcmCredentials.load(garbled)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private_key is not a readable RSA key").hasMessageNotContaining(lines[5]);
    Path truncated = Files.writeString(dir.resolve("truncated.json"), serviceAccount("https://x").encode().substring(0, 300));
    assertThatThrownBy(() -> FcmCredentials.load(truncated)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object").hasMessageNotContaining("BEGIN");
    assertThatThrownBy(() -> FcmCredentials.load(dir.resolve("missing.json"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.json");
    assertThat(credentials.toString()).contains(PROJECT).doesNotContain("BEGIN").doesNotContain(keyFragment);
  }
}
