package dev.gerbang.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An endpoint to register or the changes to one (already validated): {url, description, eventTypes, enabled};
 * on a change, the fields absent are left as they are.
 */
@DataObject
public final class WebhookInput {
  private final JsonObject json;

  public WebhookInput(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public boolean has(String field) {
    return json.containsKey(field);
  }

  public String url() {
    return json.getString("url");
  }

  public String description() {
    return json.getString("description");
  }

  public List<String> eventTypes() {
    JsonArray types = json.getJsonArray("eventTypes", new JsonArray());
    return types.stream().map(String::valueOf).sorted().distinct().toList();
  }

  public boolean enabled() {
    return json.getBoolean("enabled", true);
  }
}
