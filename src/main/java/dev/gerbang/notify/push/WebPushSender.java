package dev.gerbang.notify.push;

import dev.gerbang.notify.push.PushOutcome.Kind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sends one encrypted, VAPID-signed Web Push message (RFC 8030, 8291, 8292) and answers what became of it.
 * HTTP, network and subscription problems are outcomes: the future never fails for them.
 */
public final class WebPushSender {
  static final Set<String> URGENCIES = Set.of("very-low", "low", "normal", "high");
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  private static final int KEPT_RESPONSE_BYTES = 512;

  private final WebClient client;
  private final VapidKeys keys;
  private final String subject;
  private final long timeoutMillis;

  /** subject: the operator's contact, a mailto: or https: URL, sent to push services in every VAPID token. */
  public WebPushSender(WebClient client, VapidKeys keys, String subject) {
    this(client, keys, subject, DEFAULT_TIMEOUT_MILLIS);
  }

  WebPushSender(WebClient client, VapidKeys keys, String subject, long timeoutMillis) {
    VapidKeys.requireSubject(subject);
    this.client = client;
    this.keys = keys;
    this.subject = subject;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Pushes payload.encode() to a subscription (endpoint and its base64url keys p256dh and auth) with a TTL in
   * seconds and an urgency (very-low, low, normal, high). Throws IllegalArgumentException only for a bad ttl
   * or urgency, which are the caller's bugs.
   */
  public Future<PushOutcome> send(String endpoint, String p256dh, String auth, JsonObject payload, int ttlSeconds, String urgency) {
    if (ttlSeconds < 0 || !URGENCIES.contains(urgency)) {
      throw new IllegalArgumentException("ttl must be >= 0 and urgency one of " + URGENCIES);
    }
    byte[] plaintext = payload.encode().getBytes(StandardCharsets.UTF_8);
    if (plaintext.length > WebPushCrypto.MAX_PLAINTEXT) {
      return Future.succeededFuture(PushOutcome.of(Kind.REJECTED, 0,
          "payload of " + plaintext.length + " bytes is above the " + WebPushCrypto.MAX_PLAINTEXT + " a push message holds"));
    }
    byte[] uaPublic = decodeKey(p256dh);
    byte[] authSecret = decodeKey(auth);
    if (!WebPushCrypto.isValidPublicKey(uaPublic) || authSecret == null || authSecret.length != 16) {
      // Such a subscription can never receive anything: report it gone so it gets removed.
      return Future.succeededFuture(PushOutcome.of(Kind.GONE, 0, "invalid subscription keys"));
    }
    String authorization;
    HttpRequest<Buffer> request;
    try {
      authorization = keys.authorization(endpoint, subject, System.currentTimeMillis() / 1000);
      request = client.postAbs(endpoint);
    } catch (RuntimeException e) {
      return Future.succeededFuture(PushOutcome.of(Kind.GONE, 0, "invalid subscription endpoint"));
    }
    byte[] body = WebPushCrypto.encrypt(plaintext, uaPublic, authSecret);
    CappedBody answer = new CappedBody(KEPT_RESPONSE_BYTES);
    return request.as(BodyCodec.pipe(answer))
        .followRedirects(false)
        .connectTimeout(timeoutMillis)
        .idleTimeout(timeoutMillis)
        .putHeader("TTL", Integer.toString(ttlSeconds))
        .putHeader("Urgency", urgency)
        .putHeader("Content-Encoding", "aes128gcm")
        .putHeader("Content-Type", "application/octet-stream")
        .putHeader("Authorization", authorization)
        .sendBuffer(Buffer.buffer(body))
        // Idle and connect timeouts restart with every byte; this one bounds the whole exchange.
        .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .map(response -> outcome(response.statusCode(), response.getHeader("Retry-After"), answer.text()))
        .otherwise(PushOutcome::networkFailure);
  }

  /** RFC 8030 section 5 and 8.4, and what Mozilla autopush, FCM and Apple answer in practice. */
  static PushOutcome outcome(int status, String retryAfter, String body) {
    String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body);
    if (status == 200 || status == 201 || status == 202) {
      return PushOutcome.of(Kind.DELIVERED, status, "HTTP " + status);
    }
    if (status == 404 || status == 410) {
      return PushOutcome.of(Kind.GONE, status, detail);
    }
    if (status == 429 || status >= 500) {
      return PushOutcome.retry(status, retryAfter, detail);
    }
    return PushOutcome.of(Kind.REJECTED, status, detail);
  }

  /** Browsers give base64url without padding; accept standard base64 and padding too, as some clients convert. */
  private static byte[] decodeKey(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(value.trim().replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
