package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A claimed delivery, for the webhook verticle: {id, endpointId, messageId, eventType, payload, attempts, url,
 * secret, previousSecret}. The secrets are still sealed (see {@link SecretBox}): they cross the event bus only
 * encrypted, and the verticle opens them to sign. previousSecret is null when no rotation overlap is running.
 */
@DataObject
public final class WebhookJob {
  private final JsonObject json;

  public WebhookJob(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String endpointId() {
    return json.getString("endpointId");
  }

  public String messageId() {
    return json.getString("messageId");
  }

  public String eventType() {
    return json.getString("eventType");
  }

  public String payload() {
    return json.getString("payload");
  }

  /** Attempts so far, the one under way included. */
  public long attempts() {
    return json.getLong("attempts", 1L);
  }

  public String url() {
    return json.getString("url");
  }

  public String sealedSecret() {
    return json.getString("secret");
  }

  public String sealedPreviousSecret() {
    return json.getString("previousSecret");
  }
}
