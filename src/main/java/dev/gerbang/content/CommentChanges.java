package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A change of a comment: a new body (its author's), a new status (a moderator's), or both; null leaves it. */
@DataObject
public final class CommentChanges {
  private final String body;
  private final CommentStatus status;

  public CommentChanges(String body, CommentStatus status) {
    this.body = body;
    this.status = status;
  }

  public CommentChanges(JsonObject json) {
    this(json.getString("body"), json.getString("status") == null ? null : CommentStatus.fromJson(json.getString("status")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("body", body).put("status", status == null ? null : status.json());
  }

  /** The new body; null when the body stays. */
  public String body() {
    return body;
  }

  /** The new status; null when the status stays. */
  public CommentStatus status() {
    return status;
  }
}
