package dev.gerbang.failure;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One invalid field: message is a key of the problem texts (see http/Messages), such as {@code field.required},
 * with its named params ({@code {"min": 12}}); rule names the rule that failed where a field has several (password
 * rules). A data object (a class, not a record: codegen 5.0 refuses records), so that a service can answer field
 * errors typed.
 */
@DataObject
public final class FieldError {
  private final String field;
  private final String message;
  private final String rule;
  private final JsonObject params;

  public FieldError(String field, String message, String rule, JsonObject params) {
    this.field = field;
    this.message = message;
    this.rule = rule;
    this.params = params == null || params.isEmpty() ? null : params.copy();
  }

  public FieldError(String field, String message, String rule) {
    this(field, message, rule, null);
  }

  public FieldError(String field, String message) {
    this(field, message, null);
  }

  public FieldError(JsonObject json) {
    this(json.getString("field"), json.getString("message"), json.getString("rule"), json.getJsonObject("params"));
  }

  public String field() {
    return field;
  }

  public String message() {
    return message;
  }

  public String rule() {
    return rule;
  }

  /** The message's named parameters, empty when it has none. */
  public JsonObject params() {
    return params == null ? new JsonObject() : params.copy();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("field", field).put("message", message);
    if (rule != null) {
      json.put("rule", rule);
    }
    return params == null ? json : json.put("params", params.copy());
  }

  /** Field errors as services answer them: [{field, message, rule}]. */
  public static JsonArray toJsonArray(List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(e.toJson()));
    return list;
  }

  static FieldError fromJson(JsonObject json) {
    return new FieldError(json);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldError e && Objects.equals(field, e.field) && Objects.equals(message, e.message)
        && Objects.equals(rule, e.rule) && Objects.equals(params, e.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, message, rule, params);
  }

  @Override
  public String toString() {
    return "FieldError[field=" + field + ", message=" + message + ", rule=" + rule + ", params=" + params + "]";
  }
}
