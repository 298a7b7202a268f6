package dev.gerbang.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed webhook to a checked {@link Destination}: the connection goes to the address that was checked,
 * while the URL's host names the server for TLS (SNI and certificate check) and the Host header. Redirects are not
 * followed (the target was never checked); connections are not kept (a pooled one could outlive a DNS change).
 * Connecting and answering each get timeoutMillis; a receiver that does not answer in time is cut off.
 */
final class WebhookSender {
  private final Vertx vertx;
  private final HttpClient client;
  private final int timeoutMillis;

  WebhookSender(Vertx vertx, int timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setVerifyHost(true)
        .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /** The receiver's answer: its status code and Retry-After header (null when it sent none). */
  record Reply(int status, String retryAfter) {
  }

  /** The receiver's answer; a failed future when it could not be reached or did not answer in time. */
  Future<Reply> post(Destination to, String messageId, String body, List<String> secrets) {
    long timestamp = System.currentTimeMillis() / 1000;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setServer(SocketAddress.inetSocketAddress(to.port(), to.address().getHostAddress()))
        .setHost(to.host()).setPort(to.port()).setSsl(to.ssl()).setURI(to.pathAndQuery())
        .setConnectTimeout(timeoutMillis).setIdleTimeout(timeoutMillis).setFollowRedirects(false)
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "Gerbang-Webhooks")
        .putHeader("webhook-id", messageId)
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", Signatures.header(secrets, messageId, timestamp, body));
    return client.request(options).compose(request -> {
      long deadline = vertx.setTimer(timeoutMillis, id -> request.reset(0, new TimeoutException(
          "no answer within " + timeoutMillis + " ms")));
      return request.send(Buffer.buffer(body))
          .compose(response -> {
            // The body is not read for anything: drained, so that the exchange completes.
            response.handler(chunk -> { });
            return response.end().map(done -> new Reply(response.statusCode(), response.getHeader("Retry-After")));
          })
          .onComplete(done -> vertx.cancelTimer(deadline));
    });
  }

  Future<Void> close() {
    return client.close();
  }
}
