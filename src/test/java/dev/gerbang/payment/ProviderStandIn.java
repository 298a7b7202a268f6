package dev.gerbang.payment;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local stand-ins for Midtrans (Snap: POST /snap/v1/transactions; Core API: GET /v2/{order_id}/status, POST
 * /v2/{order_id}/expire) and Stripe (POST /v1/checkout/sessions, GET /v1/checkout/sessions/{id}, POST
 * /v1/checkout/sessions/{id}/expire), speaking their documented formats over HTTP on a port of their own. They check the
 * server's credentials, keep every request for the tests to look at, and answer the status each test sets. Their
 * payment pages (/pay/midtrans/{order}, /pay/stripe/{session}) play the customer paying: the stand-in sends the
 * signed notification or webhook to Gerbang, then redirects the browser to the return URL, as the real ones do.
 */
public final class ProviderStandIn implements AutoCloseable {
  static final String SERVER_KEY = "SB-Mid-server-test-key";
  static final String STRIPE_KEY = "sk_test_standin";
  static final String WEBHOOK_SECRET = "whsec_standin_secret";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final WebClient client = WebClient.create(vertx);
  /** The Snap requests' bodies and the Checkout requests' forms, in order. */
  final List<JsonObject> snapRequests = new CopyOnWriteArrayList<>();
  final List<MultiMap> checkoutRequests = new CopyOnWriteArrayList<>();
  public final List<String> statusRequests = new CopyOnWriteArrayList<>();
  /** What the status API answers per order id (absent: 404 as Midtrans does for an unknown transaction). */
  final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
  /** The expire calls of both providers, in order: {provider, id (order or session), authorization, idempotencyKey}. */
  final List<JsonObject> expireRequests = new CopyOnWriteArrayList<>();
  /** The Checkout Sessions' state as Stripe has it: {id, object, status (open, complete, expired), payment_status}. */
  final Map<String, JsonObject> sessionStates = new ConcurrentHashMap<>();
  private final AtomicInteger failingExpires = new AtomicInteger();
  private final AtomicInteger failingCheckouts = new AtomicInteger();
  private final AtomicInteger sessionsCreated = new AtomicInteger();
  private volatile long checkoutDelayMs;
  /** The first answer to each Idempotency-Key of a session creation: {status, body}. */
  private final Map<String, JsonObject> keyedAnswers = new ConcurrentHashMap<>();
  private volatile int expireFailure = 500;
  private final Map<String, String> returnUrls = new ConcurrentHashMap<>();
  private final Map<String, MultiMap> sessions = new ConcurrentHashMap<>();
  private volatile String gerbangBase;

  public ProviderStandIn() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/snap/v1/transactions").handler(ctx -> {
      if (!basic().equals(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(401).end(new JsonObject().put("error_messages", List.of("Access denied")).encode());
        return;
      }
      JsonObject body = ctx.body().asJsonObject();
      snapRequests.add(body);
      String orderId = body.getJsonObject("transaction_details").getString("order_id");
      returnUrls.put(orderId, body.getJsonObject("callbacks").getString("finish"));
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("token", "snap-token-" + orderId).put("redirect_url", base() + "/pay/midtrans/" + orderId).encode());
    });
    router.get("/v2/:orderId/status").handler(ctx -> {
      statusRequests.add(ctx.pathParam("orderId"));
      if (!basic().equals(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      JsonObject status = statuses.get(ctx.pathParam("orderId"));
      ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end((status == null
          ? new JsonObject().put("status_code", "404").put("status_message", "Transaction doesn't exist.") : status).encode());
    });
    router.post("/v1/checkout/sessions").handler(ctx -> {
      if (!("Bearer " + STRIPE_KEY).equals(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      MultiMap form = ctx.request().formAttributes();
      String key = String.valueOf(ctx.request().getHeader("Idempotency-Key"));
      checkoutRequests.add(MultiMap.caseInsensitiveMultiMap().addAll(form).add("Idempotency-Key", key));
      // Stripe's idempotency layer: a key's first answer, a 500 included, is the answer to every request with that key.
      JsonObject kept = keyedAnswers.get(key);
      if (kept != null) {
        ctx.response().setStatusCode(kept.getInteger("status")).putHeader("Content-Type", "application/json")
            .end(kept.getString("body"));
        return;
      }
      if (failingCheckouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        String error = new JsonObject().put("error", new JsonObject().put("type", "api_error")).encode();
        keyedAnswers.put(key, new JsonObject().put("status", 500).put("body", error));
        ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json").end(error);
        return;
      }
      // One id per session, as Stripe's: two sessions of one order are told apart.
      String id = "cs_test_" + form.get("client_reference_id").replace("-", "") + "_" + sessionsCreated.incrementAndGet();
      sessions.put(id, MultiMap.caseInsensitiveMultiMap().addAll(form));
      sessionStates.putIfAbsent(id, new JsonObject().put("id", id).put("object", "checkout.session").put("status", "open")
          .put("payment_status", "unpaid").put("client_reference_id", form.get("client_reference_id")));
      String created = new JsonObject().put("id", id).put("object", "checkout.session").put("url", base() + "/pay/stripe/" + id).encode();
      keyedAnswers.put(key, new JsonObject().put("status", 200).put("body", created));
      if (checkoutDelayMs > 0) {
        vertx.setTimer(checkoutDelayMs, t -> ctx.response().putHeader("Content-Type", "application/json").end(created));
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(created);
      }
    });
    router.post("/v2/:orderId/expire").handler(ctx -> {
      if (expireCall(ctx, "midtrans", ctx.pathParam("orderId"), basic())) {
        midtransExpire(ctx, ctx.pathParam("orderId"));
      }
    });
    router.post("/v1/checkout/sessions/:id/expire").handler(ctx -> {
      if (expireCall(ctx, "stripe", ctx.pathParam("id"), "Bearer " + STRIPE_KEY)) {
        stripeExpire(ctx, ctx.pathParam("id"));
      }
    });
    router.get("/v1/checkout/sessions/:id").handler(ctx -> {
      JsonObject session = sessionStates.get(ctx.pathParam("id"));
      if (!("Bearer " + STRIPE_KEY).equals(ctx.request().getHeader("Authorization")) || session == null) {
        ctx.response().setStatusCode(session == null ? 404 : 401).end();
        return;
      }
      ctx.response().putHeader("Content-Type", "application/json").end(session.encode());
    });
    // The customer pays on the provider's page: the provider tells the server, then sends the browser back.
    router.get("/pay/midtrans/:orderId").handler(ctx -> {
      String orderId = ctx.pathParam("orderId");
      JsonObject snap = snapRequests.stream().filter(r -> r.getJsonObject("transaction_details").getString("order_id").equals(orderId))
          .findFirst().orElseThrow();
      String gross = snap.getJsonObject("transaction_details").getLong("gross_amount") + ".00";
      statuses.put(orderId, status(orderId, "settlement", gross));
      client.postAbs(gerbangBase + "/api/payments/midtrans/notification").sendJsonObject(notification(orderId, "settlement", "200", gross))
          .onComplete(sent -> ctx.redirect(backToGerbang(returnUrls.get(orderId))));
    });
    router.get("/pay/stripe/:session").handler(ctx -> {
      MultiMap form = sessions.get(ctx.pathParam("session"));
      long total = Long.parseLong(form.get("line_items[0][price_data][unit_amount]")) * Long.parseLong(form.get("line_items[0][quantity]"));
      JsonObject event = completed("evt_" + ctx.pathParam("session"), form.get("client_reference_id"), total,
          form.get("line_items[0][price_data][currency]"), "pi_" + ctx.pathParam("session"));
      byte[] payload = event.encode().getBytes(StandardCharsets.UTF_8);
      completeSession(ctx.pathParam("session"));
      client.postAbs(gerbangBase + "/api/payments/stripe/webhook").putHeader("Content-Type", "application/json")
          .putHeader("Stripe-Signature", StripeSignature.sign(payload, WEBHOOK_SECRET, System.currentTimeMillis() / 1000))
          .sendBuffer(io.vertx.core.buffer.Buffer.buffer(payload))
          .onComplete(sent -> ctx.redirect(backToGerbang(form.get("success_url"))));
    });
    server = TestServer.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  /** Records an expire call; answers it here (and false) when its credentials are wrong or a failure was asked for. */
  private boolean expireCall(io.vertx.ext.web.RoutingContext ctx, String provider, String id, String authorization) {
    String given = ctx.request().getHeader("Authorization");
    expireRequests.add(new JsonObject().put("provider", provider).put("id", id).put("authorization", given)
        .put("idempotencyKey", ctx.request().getHeader("Idempotency-Key")));
    if (!authorization.equals(given)) {
      ctx.response().setStatusCode(401).end();
      return false;
    }
    if (failingExpires.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      ctx.response().setStatusCode(expireFailure).end();
      return false;
    }
    return true;
  }

  /** Midtrans expires a pending transaction (407), knows none before a payment method was chosen (404), and 412 otherwise. */
  private void midtransExpire(io.vertx.ext.web.RoutingContext ctx, String orderId) {
    JsonObject status = statuses.get(orderId);
    JsonObject answer;
    if (status == null) {
      answer = new JsonObject().put("status_code", "404").put("status_message", "Transaction doesn't exist.");
    } else if (status.getString("transaction_status").equals("pending")) {
      statuses.put(orderId, status.copy().put("transaction_status", "expire").put("status_code", "407"));
      answer = status.copy().put("status_code", "407").put("status_message", "Success, transaction has expired")
          .put("transaction_status", "expire");
    } else {
      answer = new JsonObject().put("status_code", "412").put("status_message", "Merchant cannot modify the status of the transaction");
    }
    ctx.response().putHeader("Content-Type", "application/json").end(answer.encode());
  }

  /** Stripe expires an open session, and refuses any other with 400 (as it words it). */
  private void stripeExpire(io.vertx.ext.web.RoutingContext ctx, String sessionId) {
    JsonObject session = sessionStates.get(sessionId);
    if (session == null) {
      ctx.response().setStatusCode(404).end();
    } else if (session.getString("status").equals("open")) {
      JsonObject expired = session.copy().put("status", "expired");
      sessionStates.put(sessionId, expired);
      ctx.response().putHeader("Content-Type", "application/json").end(expired.encode());
    } else {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(new JsonObject().put("error", new JsonObject()
          .put("type", "invalid_request_error").put("message", "Only Checkout Sessions with a status in [\"open\"] can be expired. "
              + "This Checkout Session has a status of `" + session.getString("status") + "`.")).encode());
    }
  }

  /** The next expire calls (of either provider) answer this HTTP status, as a provider in trouble does. */
  void failExpires(int times, int status) {
    expireFailure = status;
    failingExpires.set(times);
  }

  /** The next session creations answer 500, as Stripe in trouble does (and keeps that answer for their keys). */
  void failCheckouts(int times) {
    failingCheckouts.set(times);
  }

  /** Session creations answer this much later, as a slow Stripe does. */
  void delayCheckouts(long millis) {
    checkoutDelayMs = millis;
  }

  /** The customer paid on the Checkout page (the webhook saying so may still be on its way). */
  public void completeSession(String sessionId) {
    sessionStates.computeIfPresent(sessionId, (id, session) -> session.copy().put("status", "complete").put("payment_status", "paid"));
  }

  /** The return URL on the server under test (its public URL in the tests is not the address it listens on). */
  private String backToGerbang(String returnUrl) {
    java.net.URI uri = java.net.URI.create(returnUrl);
    return gerbangBase + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  public String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Where Gerbang listens, for the notifications the payment pages send. */
  public void notifies(String gerbangBaseUrl) {
    this.gerbangBase = gerbangBaseUrl;
  }

  /** The settings that point Gerbang's providers at this stand-in. */
  public JsonObject config() {
    return new JsonObject()
        .put("midtrans", new JsonObject().put("serverKey", SERVER_KEY).put("baseUrl", base()).put("apiUrl", base()))
        .put("stripe", new JsonObject().put("secretKey", STRIPE_KEY).put("webhookSecret", WEBHOOK_SECRET).put("apiBase", base()))
        .put("payments", new JsonObject().put("providerTimeoutMs", 2000));
  }

  /** The Basic authorization Midtrans expects: the server key as user name, no password. */
  static String basic() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** A Midtrans status API answer. */
  static JsonObject status(String orderId, String transactionStatus, String grossAmount) {
    return new JsonObject().put("status_code", transactionStatus.equals("pending") ? "201" : "200").put("transaction_id", "tx-" + orderId)
        .put("order_id", orderId).put("gross_amount", grossAmount).put("currency", "IDR").put("payment_type", "qris")
        .put("transaction_status", transactionStatus).put("fraud_status", "accept");
  }

  /** A Midtrans HTTP notification, signed as Midtrans signs it (with the given server key). */
  static JsonObject notification(String orderId, String transactionStatus, String statusCode, String grossAmount, String serverKey) {
    return status(orderId, transactionStatus, grossAmount).put("status_code", statusCode)
        .put("signature_key", sha512(orderId + statusCode + grossAmount + serverKey));
  }

  static JsonObject notification(String orderId, String transactionStatus, String statusCode, String grossAmount) {
    return notification(orderId, transactionStatus, statusCode, grossAmount, SERVER_KEY);
  }

  static String sha512(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A checkout.session.completed event as Stripe sends it (the fields Gerbang reads). */
  static JsonObject completed(String eventId, String orderId, long amountTotal, String currency, String paymentIntent) {
    return event(eventId, "checkout.session.completed", new JsonObject().put("id", "cs_" + eventId).put("object", "checkout.session")
        .put("client_reference_id", orderId).put("metadata", new JsonObject().put("order_id", orderId))
        .put("amount_total", amountTotal).put("currency", currency).put("payment_status", "paid").put("status", "complete")
        .put("payment_intent", paymentIntent));
  }

  static JsonObject event(String eventId, String type, JsonObject object) {
    return new JsonObject().put("id", eventId).put("object", "event").put("type", type).put("api_version", "2024-06-20")
        .put("created", System.currentTimeMillis() / 1000).put("data", new JsonObject().put("object", object));
  }

  @Override
  public void close() {
    client.close();
    TestServer.await(vertx.close());
  }
}
