package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A registered endpoint as admins see it: {id, url, description, eventTypes, enabled, failingSince,
 * disabledAt, disabledReason, previousSecretValidUntil, createdAt, updatedAt}; the signing secret only in the
 * answers to its creation and to a rotation (field "secret"), never in a list or a read.
 */
@DataObject
public final class WebhookEndpoint {
  private final JsonObject json;

  public WebhookEndpoint(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  /** The same endpoint with its new secret: the one time it is shown. */
  public WebhookEndpoint withSecret(String secret) {
    return new WebhookEndpoint(json.copy().put("secret", secret));
  }

  public String id() {
    return json.getString("id");
  }

  public String url() {
    return json.getString("url");
  }

  public boolean enabled() {
    return json.getBoolean("enabled", false);
  }

  public JsonArray eventTypes() {
    return json.getJsonArray("eventTypes");
  }
}
