package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One delivery of one event to one endpoint, as admins see it: {id, endpointId, messageId, eventType, status
 * (pending, sending, delivered, failed), attempts, lastStatusCode, lastError, nextAttemptAt, lastAttemptAt,
 * deliveredAt, createdAt}.
 */
@DataObject
public final class WebhookDelivery {
  private final JsonObject json;

  public WebhookDelivery(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String status() {
    return json.getString("status");
  }
}
