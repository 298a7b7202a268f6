package dev.gerbang.notify;

import dev.gerbang.account.EmailTokens;
import dev.gerbang.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: claims due messages, renders them, sends them over SMTP, and records the outcome.
 * Failures are retried with exponential backoff (retryBaseMillis x 2^(attempt-1), at most an hour) until
 * mail.maxAttempts, then the message is dead (an admin can retry it). With no SMTP host configured the
 * messages are kept as `held` and their links logged, so a newcomer can verify an account locally.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(NotifyVerticle.class);
  private static final int BATCH = 10;
  private static final long CLAIM_MILLIS = 120_000;
  private static final long MAX_BACKOFF_MILLIS = 3_600_000;

  private final AppConfig config;
  private final Templates templates;
  private final EmailTokens tokens;
  private OutboxService outbox;
  private MailClient mail;
  private MessageConsumer<Object> wakeConsumer;
  private long timer;
  private boolean draining;
  private boolean again;

  public NotifyVerticle(AppConfig config, Templates templates, EmailTokens tokens) {
    this.config = config;
    this.templates = templates;
    this.tokens = tokens;
  }

  @Override
  public Future<?> start() {
    outbox = OutboxService.proxy(vertx);
    Future<?> ready = Future.succeededFuture();
    if (!config.smtpHost().isEmpty()) {
      mail = MailClient.create(vertx, new MailConfig()
          .setHostname(config.smtpHost())
          .setPort(config.smtpPort())
          .setStarttls(StartTLSOptions.valueOf(config.smtpStartTls()))
          .setSsl(config.smtpSsl())
          .setUsername(config.smtpUsername().isEmpty() ? null : config.smtpUsername())
          .setPassword(config.smtpPassword().isEmpty() ? null : config.smtpPassword())
          .setKeepAlive(true));
      ready = outbox.releaseHeld().onSuccess(n -> {
        if (n > 0) {
          log.info("{} held messages queued for sending now that SMTP is configured", n);
        }
      });
    } else {
      log.info("no SMTP server configured (GERBANG_SMTP_HOST): mails are kept in the outbox and their links logged");
    }
    wakeConsumer = vertx.eventBus().consumer(Outbox.WAKE, message -> drain());
    timer = vertx.setPeriodic(config.mailPollMillis(), id -> drain());
    return ready.onSuccess(x -> drain());
  }

  /** One drain at a time; a wake-up during a drain makes it go round once more. */
  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    outbox.claimDue(BATCH, CLAIM_MILLIS)
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

  private Future<Integer> sendAll(JsonArray messages) {
    Future<Void> chain = Future.succeededFuture();
    for (Object item : messages) {
      JsonObject message = (JsonObject) item;
      chain = chain.compose(x -> send(message).recover(e -> {
        log.warn("outbox message {} could not be processed: {}", message.getString("id"), e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain.map(done -> messages.size());
  }

  private Future<Void> send(JsonObject message) {
    String id = message.getString("id");
    JsonObject variables = variables(message);
    Templates.Rendered rendered = templates.render(message.getString("template"), message.getString("locale"), variables);
    if (mail == null) {
      log.info("mail not sent (no SMTP configured): to={} template={} link={}", message.getString("recipient"),
          message.getString("template"), variables.getString("link", "-"));
      return outbox.markHeld(id, "no SMTP server configured");
    }
    MailMessage mailMessage = new MailMessage()
        .setFrom(config.smtpFrom())
        .setTo(message.getString("recipient"))
        .setSubject(rendered.subject())
        .setText(rendered.text())
        .setHtml(rendered.html())
        // A stable Message-ID: should a crash fall between the server's acceptance and our bookkeeping,
        // the retry carries the same id and mail systems can drop the duplicate.
        .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", "<" + id + "@gerbang>"));
    return mail.sendMail(mailMessage)
        .compose(sent -> outbox.markSent(id))
        .recover(failure -> {
          long attempts = message.getLong("attempts", 1L);
          boolean dead = attempts >= config.mailMaxAttempts();
          long delay = Math.min(MAX_BACKOFF_MILLIS, config.mailRetryBaseMillis() * (1L << Math.min(20, attempts - 1)));
          String error = String.valueOf(failure.getMessage());
          log.warn("mail {} attempt {} failed{}: {}", id, attempts, dead ? " for the last time" : "", error);
          return outbox.markFailed(id, dead, System.currentTimeMillis() + delay, error.length() > 500 ? error.substring(0, 500) : error);
        });
  }

  /** The template's variables plus the product name, public URL and, for a token, the link built from it. */
  private JsonObject variables(JsonObject message) {
    JsonObject variables = message.getJsonObject("variables").copy()
        .put("productName", config.mailProductName())
        .put("publicUrl", config.publicUrl());
    String tokenId = variables.getString("tokenId");
    String linkPath = variables.getString("linkPath");
    if (tokenId != null && linkPath != null) {
      variables.put("link", config.publicUrl() + linkPath + "?token=" + tokens.tokenFor(tokenId));
    } else if (variables.getString("path") != null) {
      variables.put("link", config.publicUrl() + variables.getString("path"));
    }
    return variables;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    Future<?> closed = mail == null ? Future.succeededFuture() : mail.close();
    return Future.join(wakeConsumer.unregister(), closed);
  }
}
