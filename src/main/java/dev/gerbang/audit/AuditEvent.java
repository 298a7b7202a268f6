package dev.gerbang.audit;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A stored audit row as admins read it: when (ISO-8601), what, about whom, by whom, from where; detail may be null. */
@DataObject
public final class AuditEvent {
  private final String id;
  private final String at;
  private final String event;
  private final String userId;
  private final String actorId;
  private final String ip;
  private final String requestId;
  private final JsonObject detail;

  public AuditEvent(String id, String at, String event, String userId, String actorId, String ip, String requestId,
                    JsonObject detail) {
    this.id = id;
    this.at = at;
    this.event = event;
    this.userId = userId;
    this.actorId = actorId;
    this.ip = ip;
    this.requestId = requestId;
    this.detail = detail;
  }

  public AuditEvent(JsonObject json) {
    this(json.getString("id"), json.getString("at"), json.getString("event"), json.getString("userId"),
        json.getString("actorId"), json.getString("ip"), json.getString("requestId"), json.getJsonObject("detail"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("at", at)
        .put("event", event)
        .put("userId", userId)
        .put("actorId", actorId)
        .put("ip", ip)
        .put("requestId", requestId)
        .put("detail", detail);
  }

  public String id() {
    return id;
  }

  public String at() {
    return at;
  }

  public String event() {
    return event;
  }

  public String userId() {
    return userId;
  }

  public String actorId() {
    return actorId;
  }

  public String ip() {
    return ip;
  }

  public String requestId() {
    return requestId;
  }

  public JsonObject detail() {
    return detail;
  }
}
