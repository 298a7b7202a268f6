package dev.gerbang.notify;

import dev.gerbang.http.Backoff;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import dev.gerbang.account.EmailTokens;
import dev.gerbang.config.AppConfig;
import dev.gerbang.notify.push.FcmCredentials;
import dev.gerbang.notify.push.FcmSender;
import dev.gerbang.notify.push.VapidKeys;
import dev.gerbang.notify.push.WebPushSender;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: claims due messages, hands each to its channel (email, webpush, fcm), and records the
 * outcome. Every channel follows the same rules: a failure is retried with exponential backoff ({@link Backoff}:
 * retryBaseMillis x 2^(attempt-1), at most an hour, less a random fifth at most; or later when the far end asks)
 * until mail.maxAttempts, then the message is dead (an admin can retry it). A channel that is not configured
 * holds its messages. Claims expire, so a node that dies mid-send leaves its messages to the others; a message is
 * marked sent right after the far end accepted it. It also runs the admins' broadcasts ({@link BroadcastRunner}).
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(NotifyVerticle.class);
  private static final int BATCH = 10;
  private static final long CLAIM_MILLIS = 120_000;
  private static final long PURGE_EVERY_MILLIS = 3_600_000;

  private final AppConfig config;
  private final MailSettings mail;
  private final Templates templates;
  private final EmailTokens tokens;
  private final NotifySettings settings;
  private final VapidKeys vapid;
  private final FcmCredentials fcm;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private OutboxService outbox;
  private MessageConsumer<Object> wakeConsumer;
  private BroadcastRunner broadcasts;
  private long timer;
  private long purgeTimer;
  private boolean draining;
  private boolean again;
  private boolean stopping;
  /** The drain under way, so that stop() lets it record its outcomes first. */
  private Future<?> inFlight = Future.succeededFuture();

  /** fcm is null when mobile push is not configured: its messages are then held. */
  public NotifyVerticle(AppConfig config, MailSettings mail, Templates templates, EmailTokens tokens, NotifySettings settings,
                        VapidKeys vapid, FcmCredentials fcm) {
    this.config = config;
    this.mail = mail;
    this.templates = templates;
    this.tokens = tokens;
    this.settings = settings;
    this.vapid = vapid;
    this.fcm = fcm;
  }

  @Override
  public Future<?> start() {
    outbox = OutboxService.proxy(vertx);
    EmailChannel email = new EmailChannel(vertx, config, mail, templates, tokens);
    channels.put("email", email);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Gerbang").setFollowRedirects(false)
        .setConnectTimeout(10_000).setIdleTimeout(60));
    PushService push = PushService.proxy(vertx);
    channels.put(PushService.WEB_PUSH, new PushChannel(push, PushService.WEB_PUSH, settings.pushTtlSeconds(),
        new WebPushSender(client, vapid, settings.vapidSubject()), null));
    if (fcm != null) {
      channels.put(PushService.FCM, new PushChannel(push, PushService.FCM, settings.pushTtlSeconds(), null,
          new FcmSender(client, fcm, settings.fcmApiUrl())));
    }
    List<Future<?>> released = new ArrayList<>();
    for (String channel : channels.keySet()) {
      if (!channel.equals("email") || email.configured()) {
        released.add(outbox.releaseHeld(channel).onSuccess(n -> {
          if (n > 0) {
            log.info("{} held {} messages queued now that the channel is configured", n, channel);
          }
        }));
      }
    }
    email.announce();
    wakeConsumer = vertx.eventBus().consumer(Outbox.WAKE, message -> drain());
    timer = vertx.setPeriodic(mail.pollMillis(), id -> drain());
    NotificationService notifications = NotificationService.proxy(vertx);
    purgeTimer = vertx.setPeriodic(1000, PURGE_EVERY_MILLIS, id -> purge(notifications));
    broadcasts = new BroadcastRunner(vertx, BroadcastService.proxy(vertx));
    broadcasts.start();
    return Future.all(released).onSuccess(x -> drain());
  }

  /** Old notifications go, so that inboxes do not grow for ever (notifications.retentionDays). */
  private void purge(NotificationService notifications) {
    long before = System.currentTimeMillis() - settings.retentionDays() * 86_400_000L;
    notifications.purge(before).onComplete(done -> {
      if (done.failed()) {
        log.warn("purging old notifications failed: {}", done.cause().toString());
      } else if (done.result() > 0) {
        log.info("purged {} notifications older than {} days", done.result(), settings.retentionDays());
      }
    });
  }

  /** One drain at a time; a wake-up during a drain makes it go round once more. */
  private void drain() {
    if (stopping) {
      return;
    }
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    inFlight = outbox.claimDue(BATCH, CLAIM_MILLIS)
        .compose(this::sendAll)
        .onComplete(done -> {
          draining = false;
          if (done.failed()) {
            log.warn("outbox drain failed: {}", done.cause().toString());
          } else if (again || done.result() == BATCH) {
            drain();
          }
        });
  }

  private Future<Integer> sendAll(List<OutboxMessage> messages) {
    Future<Void> chain = Future.succeededFuture();
    for (OutboxMessage message : messages) {
      chain = chain.compose(x -> send(message).recover(e -> {
        log.warn("outbox message {} could not be processed: {}", message.id(), e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain.map(done -> messages.size());
  }

  private Future<Void> send(OutboxMessage message) {
    Channel channel = channels.get(message.channel());
    Future<Delivery> attempt = channel == null
        ? Future.succeededFuture(Delivery.held("channel " + message.channel() + " is not configured"))
        // Composed, so that a channel that throws counts as a failed attempt like one whose future fails.
        : Future.succeededFuture().compose(x -> channel.deliver(message))
            .recover(failure -> Future.succeededFuture(Delivery.retry(String.valueOf(failure.getMessage()), -1)));
    // Counted once recorded, so that the counter never runs ahead of the outbox's rows.
    return attempt.compose(delivery -> record(message, delivery).onSuccess(recorded -> Metrics.of(vertx).count(
        "gerbang.deliveries", "channel", channelTag(message.channel()),
        "outcome", delivery.kind().name().toLowerCase(java.util.Locale.ROOT))));
  }

  /** A channel's name as a label: one of the known channels, so a stray value cannot add series. */
  private static String channelTag(String name) {
    return java.util.Set.of("email", "webpush", "fcm").contains(name) ? name : "other";
  }

  private Future<Void> record(OutboxMessage message, Delivery delivery) {
    String id = message.id();
    return switch (delivery.kind()) {
      case SENT -> outbox.markSent(id);
      case HELD -> outbox.markHeld(id, delivery.detail());
      case DEAD -> {
        log.warn("{} {} failed for good: {}", message.channel(), id, delivery.detail());
        yield outbox.markFailed(id, true, System.currentTimeMillis(), trim(delivery.detail()));
      }
      case RETRY -> retry(message, delivery);
    };
  }

  private Future<Void> retry(OutboxMessage message, Delivery delivery) {
    long attempts = Math.max(1, message.attempts());
    boolean dead = attempts >= mail.maxAttempts();
    long delay = Math.max(Backoff.millis(mail.retryBaseMillis(), attempts),
        Math.min(Backoff.MAX_MILLIS, delivery.retryAfterMillis()));
    log.warn("{} {} attempt {} failed{}: {}", message.channel(), message.id(), attempts,
        dead ? " for the last time" : "", delivery.detail());
    return outbox.markFailed(message.id(), dead, System.currentTimeMillis() + delay, trim(delivery.detail()));
  }

  private static String trim(String error) {
    String text = String.valueOf(error);
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  /**
   * Takes no new work, lets the messages being sent finish and record their outcome (up to 10 s; the database is
   * stopped after this verticle), then closes the channels. A message cut off keeps its claim, and is sent again
   * when the claim runs out.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(purgeTimer);
    return Future.join(wakeConsumer.unregister(), broadcasts.stop())
        .transform(done -> inFlight.timeout(10, TimeUnit.SECONDS).transform(finished -> Future.succeededFuture()))
        .compose(done -> {
          List<Future<?>> closed = new ArrayList<>();
          channels.values().forEach(channel -> closed.add(channel.close()));
          return Future.join(closed);
        });
  }
}
