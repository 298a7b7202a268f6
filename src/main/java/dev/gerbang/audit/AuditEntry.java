package dev.gerbang.audit;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * An audit row to write on its own ({@link AuditService#record}): for events that have no transaction of their
 * own, such as a refused sign-in. A change's row is written in its service's transaction ({@link AuditLog}).
 */
@DataObject
public final class AuditEntry {
  private final String event;
  private final String userId;
  private final String actorId;
  private final String ip;
  private final String requestId;
  private final JsonObject detail;

  /** An event about userId (who it concerns), done by actorId; every field but event may be null. */
  public AuditEntry(String event, String userId, String actorId, String ip, String requestId, JsonObject detail) {
    this.event = event;
    this.userId = userId;
    this.actorId = actorId;
    this.ip = ip;
    this.requestId = requestId;
    this.detail = detail;
  }

  public AuditEntry(JsonObject json) {
    this(json.getString("event"), json.getString("userId"), json.getString("actorId"), json.getString("ip"),
        json.getString("requestId"), json.getJsonObject("detail"));
  }

  /** An event about userId asked by this actor; an anonymous actor (a refused sign-in) counts as the user. */
  public static AuditEntry of(Actor actor, String event, String userId, JsonObject detail) {
    return new AuditEntry(event, userId, actor.userId() == null ? userId : actor.userId(), actor.ip(), actor.requestId(), detail);
  }

  /** An event of the server's own (a command line): nobody asked over HTTP. */
  public static AuditEntry system(String event, String userId, JsonObject detail) {
    return new AuditEntry(event, userId, null, null, null, detail);
  }

  public JsonObject toJson() {
    return new JsonObject().put("event", event).put("userId", userId).put("actorId", actorId).put("ip", ip)
        .put("requestId", requestId).put("detail", detail);
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
