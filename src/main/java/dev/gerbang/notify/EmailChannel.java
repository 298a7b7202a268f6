package dev.gerbang.notify;

import dev.gerbang.account.EmailTokens;
import dev.gerbang.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail over SMTP, rendered from the templates. With no SMTP host configured the messages are held; their
 * links (live tokens that sign in or reset a password) are logged only with the development setting
 * mail.logLinks, so that a newcomer can verify an account locally and production logs never hold them.
 */
final class EmailChannel implements Channel {
  private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

  private final AppConfig config;
  private final MailSettings settings;
  private final Templates templates;
  private final EmailTokens tokens;
  private final MailClient mail;

  EmailChannel(Vertx vertx, AppConfig config, MailSettings settings, Templates templates, EmailTokens tokens) {
    this.config = config;
    this.settings = settings;
    this.templates = templates;
    this.tokens = tokens;
    this.mail = settings.smtpHost().isEmpty() ? null : MailClient.create(vertx, new MailConfig()
        .setHostname(settings.smtpHost())
        .setPort(settings.smtpPort())
        .setStarttls(StartTLSOptions.valueOf(settings.smtpStartTls()))
        .setSsl(settings.smtpSsl())
        .setUsername(settings.smtpUsername().isEmpty() ? null : settings.smtpUsername())
        .setPassword(settings.smtpPassword().isEmpty() ? null : settings.smtpPassword())
        .setKeepAlive(true));
  }

  boolean configured() {
    return mail != null;
  }

  /** Said once at start-up, so that an operator knows why nobody receives mail. */
  void announce() {
    if (mail != null) {
      return;
    }
    if (settings.logLinks()) {
      log.warn("no SMTP server configured (smtp.host): mail is held in the outbox, and its links are logged "
          + "because mail.logLinks is on: a development setting, never for production");
    } else {
      log.warn("no SMTP server configured (smtp.host): mail is held in the outbox and sent once one is; "
          + "for local development, GERBANG_MAIL_LOG_LINKS=true logs the links of held mail");
    }
  }

  @Override
  public Future<Delivery> deliver(OutboxMessage message) {
    String id = message.id();
    JsonObject variables = variables(message);
    Templates.Rendered rendered = templates.render(message.template(), message.locale(), variables);
    if (mail == null) {
      if (settings.logLinks()) {
        log.info("mail not sent (no SMTP configured): to={} template={} link={}", message.recipient(),
            message.template(), variables.getString("link", "-"));
      } else {
        log.info("mail held (no SMTP configured): template={} id={}", message.template(), id);
      }
      return Future.succeededFuture(Delivery.held("no SMTP server configured"));
    }
    String recipient = message.recipient();
    if (!Templates.headerValue(recipient).equals(recipient)) {
      // Never a header of someone else's making: an address with a line break is no address.
      return Future.succeededFuture(Delivery.dead("the recipient address holds control characters"));
    }
    MailMessage mailMessage = new MailMessage()
        .setFrom(settings.smtpFrom())
        .setTo(recipient)
        .setSubject(rendered.subject())
        .setText(rendered.text())
        .setHtml(rendered.html())
        // A stable Message-ID: should a crash fall between the server's acceptance and our bookkeeping,
        // the retry carries the same id and mail systems can drop the duplicate.
        .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", "<" + id + "@gerbang>"));
    return mail.sendMail(mailMessage).map(sent -> Delivery.sent());
  }

  /** The template's variables plus the product name, public URL and, for a token, the link built from it. */
  private JsonObject variables(OutboxMessage message) {
    JsonObject variables = message.variables().copy()
        .put("productName", settings.productName())
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
  public Future<Void> close() {
    return mail == null ? Future.succeededFuture() : mail.close();
  }
}
