package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * An admin broadcast job: the message, who sent it, where it stands, and how many accounts it reached so far.
 * JSON: {id, title, body, path, to, createdBy, status, done, recipients, createdAt, startedAt, finishedAt}.
 */
@DataObject
public final class Broadcast {
  private final String id;
  private final AdminMessage message;
  private final String createdBy;
  private final BroadcastStatus status;
  private final long recipients;
  private final String createdAt;
  private final String startedAt;
  private final String finishedAt;

  public Broadcast(String id, AdminMessage message, String createdBy, BroadcastStatus status, long recipients,
                   String createdAt, String startedAt, String finishedAt) {
    this.id = id;
    this.message = message;
    this.createdBy = createdBy;
    this.status = status;
    this.recipients = recipients;
    this.createdAt = createdAt;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
  }

  public Broadcast(JsonObject json) {
    this(json.getString("id"), new AdminMessage(json), json.getString("createdBy"), BroadcastStatus.of(json.getString("status")),
        json.getLong("recipients", 0L), json.getString("createdAt"), json.getString("startedAt"), json.getString("finishedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).mergeIn(message.toJson())
        .put("createdBy", createdBy)
        .put("status", status.id())
        .put("done", done())
        .put("recipients", recipients)
        .put("createdAt", createdAt)
        .put("startedAt", startedAt)
        .put("finishedAt", finishedAt);
  }

  public String id() {
    return id;
  }

  public AdminMessage message() {
    return message;
  }

  public BroadcastStatus status() {
    return status;
  }

  public boolean done() {
    return status == BroadcastStatus.DONE;
  }

  /** Accounts reached so far (all of them once done). */
  public long recipients() {
    return recipients;
  }
}
