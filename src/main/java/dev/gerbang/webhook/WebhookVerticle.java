package dev.gerbang.webhook;

import dev.gerbang.audit.Actor;
import dev.gerbang.failure.Failure;
import dev.gerbang.http.Messages;
import dev.gerbang.metrics.Metrics;
import dev.gerbang.notify.AdminMessage;
import dev.gerbang.notify.BroadcastService;
import dev.gerbang.user.Roles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook deliveries: claims the due ones every pollMillis, checks each URL's address again (DNS can
 * change since registration), signs and POSTs, and records the outcome. 2xx is delivered; 408, 429, 5xx, a
 * timeout or a connection error is retried after the backoff (or a 429's or 503's longer Retry-After, capped)
 * until maxAttempts; any other answer (a 4xx, a redirect) and a refused address fail the delivery at once. An
 * endpoint failing for disableAfterSeconds is disabled, and the admins are told with a broadcast.
 */
public final class WebhookVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WebhookVerticle.class);
  private static final int BATCH = 20;

  private final WebhookSettings settings;
  private final SecretBox box;
  private WebhookService service;
  private BroadcastService broadcasts;
  private WebhookSender sender;
  private long timer;
  private boolean draining;
  private boolean stopping;
  private Future<?> inFlight = Future.succeededFuture();

  public WebhookVerticle(WebhookSettings settings, SecretBox box) {
    this.settings = settings;
    this.box = box;
  }

  @Override
  public Future<?> start() {
    service = WebhookService.proxy(vertx);
    broadcasts = BroadcastService.proxy(vertx);
    sender = new WebhookSender(vertx, settings.timeoutMillis());
    if (settings.allowInsecure()) {
      log.warn("GERBANG_WEBHOOKS_ALLOW_INSECURE is on: webhooks may go to http and loopback URLs. "
          + "A development and test setting, never for production");
    }
    timer = vertx.setPeriodic(settings.pollMillis(), id -> drain());
    return Future.succeededFuture();
  }

  private void drain() {
    if (stopping || draining) {
      return;
    }
    draining = true;
    // A claim lasts well beyond one attempt's two timeouts, so that no other node takes a delivery under way.
    long lockMs = 4L * settings.timeoutMillis() + 30_000;
    inFlight = service.claimDue(BATCH, lockMs).compose(jobs -> {
      List<Future<?>> sent = new ArrayList<>();
      // Composed, so that a job that throws (a secret that does not open) fails alone, not the batch.
      jobs.forEach(job -> sent.add(Future.succeededFuture().compose(x -> send(job)).recover(e -> {
        log.warn("webhook delivery {} could not be processed: {}", job.id(), e.toString());
        return Future.succeededFuture();
      })));
      return Future.join(sent).map(jobs.size());
    }).onComplete(done -> {
      draining = false;
      if (done.failed()) {
        log.warn("webhook drain failed: {}", done.cause().toString());
      } else if (done.result() == BATCH) {
        drain();
      }
    });
  }

  private Future<Void> send(WebhookJob job) {
    List<String> secrets = new ArrayList<>();
    try {
      secrets.add(box.open(job.endpointId(), job.sealedSecret()));
      if (job.sealedPreviousSecret() != null) {
        secrets.add(box.open(job.endpointId(), job.sealedPreviousSecret()));
      }
    } catch (IllegalStateException e) {
      // The server's webhook key changed under the secrets: no attempt could ever be signed. Failed, not looped.
      return recorded(job, AttemptResult.failed(job, 0, e.getMessage(), -1));
    }
    Future<AttemptResult> attempt = Destination.resolve(vertx, job.url(), settings.allowInsecure())
        .compose(to -> sender.post(to, job.messageId(), job.payload(), secrets)
            .map(reply -> outcome(job, reply))
            .recover(e -> Future.succeededFuture(retry(job, 0, "not delivered: " + e.getMessage()))))
        .recover(refused -> Future.succeededFuture(Failure.is(refused, Failure.Kind.INVALID)
            ? AttemptResult.failed(job, 0, "the URL " + detail(refused) + "; checked again before sending", -1)
            : retry(job, 0, refused.toString())));
    return attempt.compose(result -> recorded(job, result));
  }

  private Future<Void> recorded(WebhookJob job, AttemptResult result) {
    // Each attempt by its outcome: delivered, retry (another attempt is due) or failed (no further attempt).
    Metrics.of(vertx).count("gerbang.webhook.deliveries", "outcome",
        result.delivered() ? "delivered" : result.retryAt() > 0 ? "retry" : "failed");
    if (!result.delivered()) {
      log.warn("webhook {} to endpoint {} attempt {} failed: {}", job.id(), job.endpointId(), job.attempts(), result.error());
    }
    return service.record(result, settings.disableAfterSeconds() * 1000L)
        .compose(disabled -> disabled ? tellAdmins(job) : Future.succeededFuture());
  }

  private static String detail(Throwable refused) {
    // Stored for admins in the delivery's last error: the problem text in English, not its key.
    Failure failure = Failure.of(refused);
    return failure.errors().isEmpty()
        ? Messages.bundled().render(Messages.ENGLISH, failure.getMessage(), failure.params())
        : Messages.bundled().render(Messages.ENGLISH, failure.errors().get(0).message(), failure.errors().get(0).params());
  }

  private AttemptResult outcome(WebhookJob job, WebhookSender.Reply reply) {
    int status = reply.status();
    if (status >= 200 && status < 300) {
      return AttemptResult.delivered(job, status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return retry(job, status, "HTTP " + status, reply.retryAfter());
    }
    return AttemptResult.failed(job, status, "HTTP " + status + ": not retried", -1);
  }

  private AttemptResult retry(WebhookJob job, int status, String error) {
    return retry(job, status, error, null);
  }

  /** Another attempt after the backoff, or later when a 429 or 503 asked for it (see {@link NextAttempt}). */
  private AttemptResult retry(WebhookJob job, int status, String error, String retryAfter) {
    if (job.attempts() >= settings.maxAttempts()) {
      return AttemptResult.failed(job, status, error, -1);
    }
    long now = System.currentTimeMillis();
    NextAttempt next = NextAttempt.after(settings, job.attempts(), status, retryAfter, now,
        ThreadLocalRandom.current().nextDouble());
    return AttemptResult.failed(job, status, error + next.note(), now + next.delayMillis());
  }

  private Future<Void> tellAdmins(WebhookJob job) {
    log.warn("webhook endpoint {} disabled after failing for {} s", job.endpointId(), settings.disableAfterSeconds());
    AdminMessage message = AdminMessage.toRole("A webhook endpoint was disabled",
        "The endpoint " + job.url() + " failed every delivery for " + duration(settings.disableAfterSeconds())
            + " and was disabled. Check it, then enable it again on the Webhooks screen.",
        "/admin/webhooks", Roles.ADMIN);
    return broadcasts.queue(Actor.system("webhooks"), message, "webhook-disabled-" + job.endpointId() + "-" + job.id())
        .mapEmpty();
  }

  private static String duration(int seconds) {
    return seconds % 3600 == 0 ? seconds / 3600 + " hours" : seconds + " seconds";
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return inFlight.timeout(10, TimeUnit.SECONDS).transform(done -> sender.close());
  }
}
