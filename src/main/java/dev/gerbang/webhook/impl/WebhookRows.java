package dev.gerbang.webhook.impl;

import dev.gerbang.db.Rows;
import dev.gerbang.webhook.WebhookDelivery;
import dev.gerbang.webhook.WebhookEndpoint;
import dev.gerbang.webhook.WebhookJob;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Rows of webhook_endpoints and webhook_deliveries as the service's data objects. */
final class WebhookRows {
  private WebhookRows() {
  }

  /** Never the secrets: they leave the database only sealed, and only for the verticle ({@link #job}). */
  static WebhookEndpoint endpoint(Row row) {
    Long until = Rows.millis(row, "previous_secret_until");
    boolean overlapping = row.getString("previous_secret") != null && until != null && until > System.currentTimeMillis();
    return new WebhookEndpoint(new JsonObject()
        .put("id", row.getString("id"))
        .put("url", row.getString("url"))
        .put("description", row.getString("description"))
        .put("eventTypes", new JsonArray(row.getString("event_types")))
        .put("enabled", Rows.bool(row, "enabled"))
        .put("failingSince", Rows.iso(row, "failing_since"))
        .put("disabledAt", Rows.iso(row, "disabled_at"))
        .put("disabledReason", row.getString("disabled_reason"))
        .put("previousSecretValidUntil", overlapping ? Rows.iso(row, "previous_secret_until") : null)
        .put("createdAt", Rows.iso(row, "created_at"))
        .put("updatedAt", Rows.iso(row, "updated_at")));
  }

  static WebhookDelivery delivery(Row row) {
    Object code = row.getValue("last_status_code");
    return new WebhookDelivery(new JsonObject()
        .put("id", row.getString("id"))
        .put("endpointId", row.getString("endpoint_id"))
        .put("messageId", row.getString("message_id"))
        .put("eventType", row.getString("event_type"))
        .put("status", row.getString("status"))
        .put("attempts", Rows.millis(row, "attempts"))
        .put("lastStatusCode", code == null ? null : ((Number) code).intValue())
        .put("lastError", row.getString("last_error"))
        .put("nextAttemptAt", Rows.iso(row, "next_attempt_at"))
        .put("lastAttemptAt", Rows.iso(row, "last_attempt_at"))
        .put("deliveredAt", Rows.iso(row, "delivered_at"))
        .put("createdAt", Rows.iso(row, "created_at")));
  }

  /** A claimed delivery with the endpoint's URL and sealed secrets; the previous one only while it is valid. */
  static WebhookJob job(Row row, long now) {
    Long until = Rows.millis(row, "previous_secret_until");
    String previous = until != null && until > now ? row.getString("previous_secret") : null;
    return new WebhookJob(new JsonObject()
        .put("id", row.getString("id"))
        .put("endpointId", row.getString("endpoint_id"))
        .put("messageId", row.getString("message_id"))
        .put("eventType", row.getString("event_type"))
        .put("payload", row.getString("payload"))
        .put("attempts", Rows.millis(row, "attempts"))
        .put("url", row.getString("url"))
        .put("secret", row.getString("secret"))
        .put("previousSecret", previous));
  }
}
