package dev.gerbang.failure;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One invalid field; rule names the rule that failed where a field has several (password rules). A data object
 * (a class, not a record: codegen 5.0 refuses records), so that a service can answer field errors typed.
 */
@DataObject
public final class FieldError {
  private final String field;
  private final String message;
  private final String rule;

  public FieldError(String field, String message, String rule) {
    this.field = field;
    this.message = message;
    this.rule = rule;
  }

  public FieldError(String field, String message) {
    this(field, message, null);
  }

  public FieldError(JsonObject json) {
    this(json.getString("field"), json.getString("message"), json.getString("rule"));
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
    return new FieldError(json);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldError e && Objects.equals(field, e.field) && Objects.equals(message, e.message)
        && Objects.equals(rule, e.rule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, message, rule);
  }

  @Override
  public String toString() {
    return "FieldError[field=" + field + ", message=" + message + ", rule=" + rule + "]";
  }
}
