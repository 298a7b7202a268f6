package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One message in the outbox: the channel (email, webpush, fcm), its recipient (an address, or the subscription's
 * or device's id), the template or notice type and locale, and its delivery state. The variables (what the
 * template is filled with, or the push's payload) are for the notify verticle; the admins' list leaves them out.
 */
@DataObject
public final class OutboxMessage {
  private final String id;
  private final String channel;
  private final String recipient;
  private final String userId;
  private final String template;
  private final String locale;
  private final JsonObject variables;
  private final OutboxStatus status;
  private final long attempts;
  private final String nextAttemptAt;
  private final String lastError;
  private final String createdAt;
  private final String sentAt;

  public OutboxMessage(String id, String channel, String recipient, String userId, String template, String locale,
                       JsonObject variables, OutboxStatus status, long attempts, String nextAttemptAt, String lastError,
                       String createdAt, String sentAt) {
    this.id = id;
    this.channel = channel;
    this.recipient = recipient;
    this.userId = userId;
    this.template = template;
    this.locale = locale;
    this.variables = variables;
    this.status = status;
    this.attempts = attempts;
    this.nextAttemptAt = nextAttemptAt;
    this.lastError = lastError;
    this.createdAt = createdAt;
    this.sentAt = sentAt;
  }

  public OutboxMessage(JsonObject json) {
    this(json.getString("id"), json.getString("channel"), json.getString("recipient"), json.getString("userId"),
        json.getString("template"), json.getString("locale"), json.getJsonObject("variables"),
        OutboxStatus.of(json.getString("status")), json.getLong("attempts", 0L), json.getString("nextAttemptAt"),
        json.getString("lastError"), json.getString("createdAt"), json.getString("sentAt"));
  }

  /** The same message without its variables: what an admin sees. */
  public OutboxMessage withoutVariables() {
    return new OutboxMessage(id, channel, recipient, userId, template, locale, null, status, attempts, nextAttemptAt,
        lastError, createdAt, sentAt);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("channel", channel)
        .put("recipient", recipient)
        .put("userId", userId)
        .put("template", template)
        .put("locale", locale);
    if (variables != null) {
      json.put("variables", variables);
    }
    return json
        .put("status", status.id())
        .put("attempts", attempts)
        .put("nextAttemptAt", nextAttemptAt)
        .put("lastError", lastError)
        .put("createdAt", createdAt)
        .put("sentAt", sentAt);
  }

  public String id() {
    return id;
  }

  public String channel() {
    return channel;
  }

  public String recipient() {
    return recipient;
  }

  public String userId() {
    return userId;
  }

  public String template() {
    return template;
  }

  public String locale() {
    return locale;
  }

  /** The template's variables, or a push's payload; null in the admins' list. */
  public JsonObject variables() {
    return variables;
  }

  public OutboxStatus status() {
    return status;
  }

  /** Attempts so far, the one under way included. */
  public long attempts() {
    return attempts;
  }
}
