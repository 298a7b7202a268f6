package dev.gerbang.failure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One invalid field; rule names the rule that failed where a field has several (password rules). */
public record FieldError(String field, String message, String rule) {
  public FieldError(String field, String message) {
    this(field, message, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("field", field).put("message", message);
    return rule == null ? json : json.put("rule", rule);
  }

  /** Field errors as services answer them: [{field, message, rule}]. */
  public static JsonArray toJsonArray(List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(e.toJson()));
    return list;
  }

  static FieldError fromJson(JsonObject json) {
    return new FieldError(json.getString("field"), json.getString("message"), json.getString("rule"));
  }
}
