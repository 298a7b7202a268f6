package dev.gerbang.payment;

import dev.gerbang.failure.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client of the payment providers: a timeout on every call, and retries (at most two, after 200 ms and
 * 800 ms) only for calls the provider says are safe to repeat (a status read, a creation under an
 * Idempotency-Key), and only after a timeout, a lost connection or a 5xx.
 */
final class ProviderClient {
  private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);
  private static final List<Long> BACKOFF = List.of(200L, 800L);

  private final Vertx vertx;
  private final WebClient web;
  private final int timeoutMs;

  ProviderClient(Vertx vertx, int timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Gerbang").setFollowRedirects(false)
        .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs / 1000 + 1));
  }

  HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String url) {
    return web.requestAbs(method, url).timeout(timeoutMs);
  }

  /** Sends once (not safe to repeat), failing with UNAVAILABLE when the provider cannot be reached or answers 5xx. */
  Future<HttpResponse<Buffer>> once(String what, Supplier<Future<HttpResponse<Buffer>>> call) {
    return call.get().transform(sent -> checked(what, sent.succeeded() ? sent.result() : null, sent.cause()));
  }

  /** Sends, and again after a timeout, a lost connection or a 5xx (for calls that are safe to repeat). */
  Future<HttpResponse<Buffer>> retrying(String what, Supplier<Future<HttpResponse<Buffer>>> call) {
    return attempt(what, call, 0);
  }

  private Future<HttpResponse<Buffer>> attempt(String what, Supplier<Future<HttpResponse<Buffer>>> call, int tried) {
    return call.get().transform(sent -> {
      boolean retry = sent.failed() || sent.result().statusCode() >= 500;
      if (retry && tried < BACKOFF.size()) {
        log.info("{}: retrying after {}", what, sent.failed() ? sent.cause().getClass().getSimpleName() : sent.result().statusCode());
        return vertx.timer(BACKOFF.get(tried)).compose(done -> attempt(what, call, tried + 1));
      }
      return checked(what, sent.succeeded() ? sent.result() : null, sent.cause());
    });
  }

  private static Future<HttpResponse<Buffer>> checked(String what, HttpResponse<Buffer> response, Throwable cause) {
    if (response == null || response.statusCode() >= 500) {
      log.warn("{}: the provider did not answer ({})", what, response == null ? cause.toString() : "HTTP " + response.statusCode());
      return Future.failedFuture(unavailable("detail.payment_provider.unreachable"));
    }
    return Future.succeededFuture(response);
  }

  /** The provider has the money (or is taking it): a cancel must not end the order, its payment will. */
  static Failure beingPaid(String provider) {
    return new Failure(Failure.Kind.CONFLICT, "order-being-paid", "title.order_being_paid", "detail.conflict.order_being_paid",
        new JsonObject().put("provider", provider), List.of());
  }

  static Failure unavailable(String detail) {
    return new Failure(Failure.Kind.UNAVAILABLE, "payment-provider-unavailable", "title.payment_provider_unavailable", detail, List.of());
  }
}
