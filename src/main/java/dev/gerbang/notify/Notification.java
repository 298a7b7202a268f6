package dev.gerbang.notify;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** One row of a user's in-app inbox, as the API shows it. Times are ISO-8601; readAt is null while unread. */
@DataObject
public final class Notification {
  private final String id;
  private final String type;
  private final String title;
  private final String body;
  private final String path;
  private final String createdAt;
  private final String readAt;

  public Notification(String id, String type, String title, String body, String path, String createdAt, String readAt) {
    this.id = id;
    this.type = type;
    this.title = title;
    this.body = body;
    this.path = path;
    this.createdAt = createdAt;
    this.readAt = readAt;
  }

  public Notification(JsonObject json) {
    this(json.getString("id"), json.getString("type"), json.getString("title"), json.getString("body"),
        json.getString("path"), json.getString("createdAt"), json.getString("readAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("title", title)
        .put("body", body)
        .put("path", path)
        .put("createdAt", createdAt)
        .put("readAt", readAt);
  }

  public String id() {
    return id;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public String path() {
    return path;
  }

  public String createdAt() {
    return createdAt;
  }

  public String readAt() {
    return readAt;
  }
}
