package dev.gerbang.audit;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An admin's search of the audit trail: each filter off when null; from and to in epoch ms, inclusive. */
@DataObject
public final class AuditQuery {
  private final String event;
  private final String userId;
  private final Long from;
  private final Long to;
  private final int limit;
  private final String cursor;

  public AuditQuery(String event, String userId, Long from, Long to, int limit, String cursor) {
    this.event = event;
    this.userId = userId;
    this.from = from;
    this.to = to;
    this.limit = limit;
    this.cursor = cursor;
  }

  /** From the validated query parameters {event, userId, from, to, limit, cursor}; limit 20 when absent. */
  public AuditQuery(JsonObject json) {
    this(json.getString("event"), json.getString("userId"), json.getLong("from"), json.getLong("to"),
        json.getInteger("limit", 20), json.getString("cursor"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("event", event).put("userId", userId).put("from", from).put("to", to)
        .put("limit", limit).put("cursor", cursor);
  }

  public String event() {
    return event;
  }

  public String userId() {
    return userId;
  }

  public Long from() {
    return from;
  }

  public Long to() {
    return to;
  }

  public int limit() {
    return limit;
  }

  public String cursor() {
    return cursor;
  }
}
