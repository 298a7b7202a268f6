package dev.gerbang.content;

import io.vertx.core.json.JsonObject;

/** Who wrote an article or a comment, as the API shows them: {id, name}. */
public record Author(String id, String name) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }

  public static Author fromJson(JsonObject json) {
    return new Author(json.getString("id"), json.getString("name"));
  }
}
