package dev.gerbang.notify.push;

import static dev.gerbang.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gerbang.TestServer;
import dev.gerbang.notify.push.PushOutcome.Kind;
import dev.gerbang.notify.push.StandIn.Received;
import dev.gerbang.notify.push.StandIn.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Web Push over real HTTP to a local push service that checks what a real one checks, and answers as scripted. */
class WebPushSenderTest {
  private static final String SUBJECT = "mailto:ops@gerbang.dev";
  private static final JsonObject PAYLOAD = new JsonObject()
      .put("title", "New comment").put("body", "Ana replied to “Hello”").put("path", "/articles/42#c7")
      .put("id", "c7").put("type", "comment");

  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private Vertx vertx;
  private WebClient client;
  private Path dataDir;
  private VapidKeys keys;
  private StandIn push;
  private WebPushSender sender;
  private Subscriber subscriber;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    dataDir = Files.createTempDirectory("gerbang-push");
    keys = VapidKeys.loadOrCreate(new dev.gerbang.secrets.FileSecrets(dataDir));
    push = StandIn.start(vertx, request -> replies.poll());
    sender = new WebPushSender(client, keys, SUBJECT);
    subscriber = Subscriber.random();
  }

  @AfterEach
  void stop() {
    push.close();
    client.close();
    await(vertx.close());
    TestServer.deleteTree(dataDir);
  }

  private PushOutcome send(String path) {
    return await(sender.send(push.origin() + path, subscriber.p256dh(), subscriber.auth(), PAYLOAD, 3600, "high"));
  }

  /** What the push service sees: the headers, a VAPID token it accepts, and a body only the subscriber can read. */
  private void assertWellFormedPush(Received request, String path) throws Exception {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(path);
    assertThat(request.header("TTL")).isEqualTo("3600");
    assertThat(request.header("Urgency")).isEqualTo("high");
    assertThat(request.header("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");

    JsonObject claims = Jwts.vapidClaims(request.header("Authorization"), keys.publicKeyBase64Url());
    long now = System.currentTimeMillis() / 1000;
    assertThat(claims.getString("aud")).isEqualTo(push.origin());
    assertThat(claims.getLong("exp")).isGreaterThan(now).isLessThanOrEqualTo(now + 24 * 3600);
    assertThat(claims.getString("sub")).isEqualTo(SUBJECT);

    byte[] plaintext = subscriber.decrypt(request.body().getBytes());
    assertThat(new JsonObject(new String(plaintext, StandardCharsets.UTF_8))).isEqualTo(PAYLOAD);
  }

  @Test
  void createdGoneAndTooManyRequestsAreDeliveredGoneAndRetryAfterItsDelay() throws Exception {
    replies.add(Reply.of(201).withHeader("Location", "/m/1"));
    replies.add(Reply.of(410).withBody("push subscription has unsubscribed or expired"));
    replies.add(Reply.of(429).withHeader("Retry-After", "7"));

    PushOutcome delivered = send("/wpush/v2/first");
    assertWellFormedPush(push.next(), "/wpush/v2/first");
    PushOutcome gone = send("/wpush/v2/second");
    assertWellFormedPush(push.next(), "/wpush/v2/second");
    PushOutcome retry = send("/wpush/v2/third");
    assertWellFormedPush(push.next(), "/wpush/v2/third");

    assertThat(delivered).isEqualTo(new PushOutcome(Kind.DELIVERED, 201, -1, "HTTP 201"));
    assertThat(gone.kind()).isEqualTo(Kind.GONE);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.detail()).isEqualTo("HTTP 410: push subscription has unsubscribed or expired");
    assertThat(retry.kind()).isEqualTo(Kind.RETRY);
    assertThat(retry.status()).isEqualTo(429);
    assertThat(retry.retryAfterMillis()).isEqualTo(7000);
  }

  @Test
  void notFoundIsGoneAndServerErrorsAreRetriesHonouringAnHttpDate() {
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    replies.add(Reply.of(404));
    replies.add(Reply.of(503).withHeader("Retry-After", inTwoMinutes));
    replies.add(Reply.of(500));

    assertThat(send("/a").kind()).isEqualTo(Kind.GONE);
    PushOutcome unavailable = send("/b");
    PushOutcome broken = send("/c");

    assertThat(unavailable.kind()).isEqualTo(Kind.RETRY);
    assertThat(unavailable.retryAfterMillis()).isBetween(110_000L, 120_000L);
    assertThat(broken.kind()).isEqualTo(Kind.RETRY);
    assertThat(broken.retryAfterMillis()).isEqualTo(-1);
  }

  @Test
  void badRequestIsRejectedWithTheServicesWordsCutShort() {
    replies.add(Reply.of(400).withBody("Invalid\r\nVAPID token " + "x".repeat(1_000_000)));
    replies.add(Reply.of(413));
    replies.add(Reply.of(301).withHeader("Location", "http://elsewhere.example/"));

    PushOutcome rejected = send("/a");

    assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.detail()).startsWith("HTTP 400: Invalid VAPID token xxx").hasSizeLessThanOrEqualTo(200);
    assertThat(send("/b")).extracting(PushOutcome::kind, PushOutcome::status).containsExactly(Kind.REJECTED, 413);
    assertThat(send("/c")).as("redirects are not followed").extracting(PushOutcome::kind, PushOutcome::status)
        .containsExactly(Kind.REJECTED, 301);
    assertThat(push.waiting()).isEqualTo(3);
  }

  @Test
  void aRefusedConnectionIsARetry() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    PushOutcome outcome = await(sender.send("http://127.0.0.1:" + closedPort + "/push", subscriber.p256dh(), subscriber.auth(),
        PAYLOAD, 60, "normal"));

    assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
    assertThat(outcome.status()).isZero();
    assertThat(outcome.retryAfterMillis()).isEqualTo(-1);
    assertThat(outcome.detail()).containsIgnoringCase("refused");
  }

  @Test
  void aPushServiceThatNeverAnswersIsARetryAfterTheTimeout() {
    WebPushSender impatient = new WebPushSender(client, keys, SUBJECT, 300);
    long started = System.nanoTime();

    PushOutcome outcome = await(impatient.send(push.origin() + "/stuck", subscriber.p256dh(), subscriber.auth(), PAYLOAD, 60, "low"));

    assertThat(outcome.kind()).isEqualTo(Kind.RETRY);
    assertThat(outcome.status()).isZero();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    assertThat(push.next().path()).isEqualTo("/stuck");
  }

  @Test
  void subscriptionsThatCanNeverReceiveArePushedNowhereAndReportedGone() {
    byte[] offCurve = subscriber.publicKey();
    offCurve[64] ^= 1;
    String badPoint = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(offCurve);
    String endpoint = push.origin() + "/x";

    assertThat(await(sender.send(endpoint, badPoint, subscriber.auth(), PAYLOAD, 60, "normal")).kind()).isEqualTo(Kind.GONE);
    assertThat(await(sender.send(endpoint, subscriber.p256dh(), "c2hvcnQ", PAYLOAD, 60, "normal")).kind()).isEqualTo(Kind.GONE);
    assertThat(await(sender.send(endpoint, "not base64!", subscriber.auth(), PAYLOAD, 60, "normal")).kind()).isEqualTo(Kind.GONE);
    assertThat(await(sender.send("ftp://127.0.0.1/x", subscriber.p256dh(), subscriber.auth(), PAYLOAD, 60, "normal")).kind())
        .isEqualTo(Kind.GONE);
    assertThat(await(sender.send("not a url", subscriber.p256dh(), subscriber.auth(), PAYLOAD, 60, "normal")).kind())
        .isEqualTo(Kind.GONE);
    assertThat(push.waiting()).isZero();
  }

  @Test
  void standardBase64KeysWithPaddingWorkToo() throws Exception {
    replies.add(Reply.of(201));
    String p256dh = java.util.Base64.getEncoder().encodeToString(subscriber.publicKey());
    String auth = java.util.Base64.getEncoder().encodeToString(subscriber.authSecret());

    assertThat(await(sender.send(push.origin() + "/std", p256dh, auth, PAYLOAD, 3600, "high")).kind()).isEqualTo(Kind.DELIVERED);
    assertWellFormedPush(push.next(), "/std");
  }

  @Test
  void aPayloadTooLargeForOneMessageIsRejectedWithoutARequest() {
    JsonObject huge = new JsonObject().put("body", "x".repeat(4000));

    PushOutcome outcome = await(sender.send(push.origin() + "/x", subscriber.p256dh(), subscriber.auth(), huge, 60, "normal"));

    assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
    assertThat(outcome.detail()).contains("3993").doesNotContain("xxx");
    assertThat(push.waiting()).isZero();
  }

  @Test
  void aBadUrgencyTtlOrSubjectIsTheCallersBug() {
    String endpoint = push.origin() + "/x";
    assertThatThrownBy(() -> sender.send(endpoint, subscriber.p256dh(), subscriber.auth(), PAYLOAD, 60, "urgent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sender.send(endpoint, subscriber.p256dh(), subscriber.auth(), PAYLOAD, -1, "normal"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebPushSender(client, keys, "ops@gerbang.dev")).isInstanceOf(IllegalArgumentException.class);
  }
}
