package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * What became of one attempt, for the books: {deliveryId, endpointId, delivered, statusCode (0 when no answer
 * came), error, retryAt (-1 when there is no further attempt)}.
 */
@DataObject
public final class AttemptResult {
  private final JsonObject json;

  public AttemptResult(JsonObject json) {
    this.json = json.copy();
  }

  public static AttemptResult delivered(WebhookJob job, int statusCode) {
    return new AttemptResult(new JsonObject().put("deliveryId", job.id()).put("endpointId", job.endpointId())
        .put("delivered", true).put("statusCode", statusCode).put("retryAt", -1L));
  }

  public static AttemptResult failed(WebhookJob job, int statusCode, String error, long retryAt) {
    String text = String.valueOf(error);
    return new AttemptResult(new JsonObject().put("deliveryId", job.id()).put("endpointId", job.endpointId())
        .put("delivered", false).put("statusCode", statusCode)
        .put("error", text.length() > 500 ? text.substring(0, 500) : text).put("retryAt", retryAt));
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String deliveryId() {
    return json.getString("deliveryId");
  }

  public String endpointId() {
    return json.getString("endpointId");
  }

  public boolean delivered() {
    return json.getBoolean("delivered", false);
  }

  public int statusCode() {
    return json.getInteger("statusCode", 0);
  }

  public String error() {
    return json.getString("error");
  }

  public long retryAt() {
    return json.getLong("retryAt", -1L);
  }
}
