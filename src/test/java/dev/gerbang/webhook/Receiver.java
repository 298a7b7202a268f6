package dev.gerbang.webhook;

import dev.gerbang.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a local port, as a third party would run one: it records every request and answers by its
 * path: /ok/* 200, /fail-once/* 500 then 200, /hang-once/* no answer then 200, /always-500/* 500, /reject/* 400;
 * a test may {@link #script} a path's next answers first (a status with a Retry-After, say). Its signature check
 * is written here from the Standard Webhooks specification, independent of the server's.
 */
public final class Receiver implements AutoCloseable {
  /** One request, with the time it arrived (epoch millis). */
  public record Received(String path, String id, String timestamp, String signature, String body, long receivedAt) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();

  private record Answer(int status, String retryAfter) {
  }

  public Receiver(Vertx vertx) {
    this.server = TestServer.await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      String path = request.path();
      received.add(new Received(path, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
          request.getHeader("webhook-signature"), body.toString(StandardCharsets.UTF_8), System.currentTimeMillis()));
      Answer next = scripted.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
      if (next != null) {
        if (next.retryAfter() != null) {
          request.response().putHeader("Retry-After", next.retryAfter());
        }
        request.response().setStatusCode(next.status()).end();
        return;
      }
      int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      if (path.startsWith("/hang-once/") && call == 1) {
        return;
      }
      int status = path.startsWith("/fail-once/") && call == 1 ? 500
          : path.startsWith("/always-500/") ? 500 : path.startsWith("/reject/") ? 400 : 200;
      request.response().setStatusCode(status).end();
    });
  }

  /** The path's next answer, before its prefix's rule: this status, with this Retry-After unless it is null. */
  public void script(String path, int status, String retryAfter) {
    scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(new Answer(status, retryAfter));
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until the path received at least n requests; fails after 20 s. */
  public List<Received> await(String path, int n) {
    poll(() -> at(path).size() >= n, "at least " + n + " requests to " + path);
    return at(path);
  }

  static void poll(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * The Standard Webhooks check: HMAC-SHA256 keyed with the base64 after "whsec_", over "id.timestamp.body",
   * base64, compared in constant time with each "v1," entry of the space-separated header; the timestamp within
   * five minutes of now.
   */
  public static boolean verifies(String secret, Received message) {
    long timestamp = Long.parseLong(message.timestamp());
    if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      byte[] expected = mac.doFinal((message.id() + "." + message.timestamp() + "." + message.body())
          .getBytes(StandardCharsets.UTF_8));
      for (String entry : message.signature().split(" ")) {
        String[] parts = entry.split(",", 2);
        if (parts.length == 2 && parts[0].equals("v1")
            && java.security.MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
          return true;
        }
      }
      return false;
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    TestServer.await(server.close());
  }
}
