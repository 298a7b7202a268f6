package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A comment to write: its body, and the id of the comment it answers (null for none). */
@DataObject
public final class NewComment {
  private final String body;
  private final String parentId;

  public NewComment(String body, String parentId) {
    this.body = body;
    this.parentId = parentId;
  }

  public NewComment(JsonObject json) {
    this(json.getString("body"), json.getString("parentId"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("body", body).put("parentId", parentId);
  }

  public String body() {
    return body;
  }

  public String parentId() {
    return parentId;
  }
}
