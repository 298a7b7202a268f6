package dev.gerbang.http;

import dev.gerbang.failure.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field and collects every problem, so that one 400 lists all the
 * fields at fault (and every password rule that failed) instead of only the first.
 */
public final class Validator {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
  /** Control characters (line feeds and tabs included) and the Unicode line and paragraph separators. */
  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

  private final JsonObject body;
  private final List<FieldError> errors = new ArrayList<>();

  private Validator(JsonObject body) {
    this.body = body;
  }

  /** The request's JSON object body; 415 when it is not JSON, 400 when it is malformed or names unknown fields. */
  public static Validator body(RoutingContext ctx, String... knownFields) {
    String type = ctx.request().getHeader("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase();
    if (!mime.equals("application/json") && !mime.endsWith("+json")) {
      throw new Problem(415, "unsupported-media-type", "title.unsupported_media_type", "detail.body.not_json_type", List.of());
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw Problem.badRequest("detail.body.required");
    }
    JsonObject json;
    try {
      Object parsed = ctx.body().asJsonObject();
      json = (JsonObject) parsed;
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("detail.body.not_object");
    }
    if (json == null) {
      throw Problem.badRequest("detail.body.required");
    }
    Validator validator = new Validator(json);
    Set<String> known = Set.of(knownFields);
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        validator.add(field, "field.unknown_field");
      }
    }
    return validator;
  }

  /** A validator over an already parsed object, such as query parameters gathered by a handler. */
  public static Validator of(JsonObject values) {
    return new Validator(values);
  }

  public boolean has(String field) {
    return body.containsKey(field);
  }

  public JsonObject raw() {
    return body;
  }

  public Validator add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public Validator add(String field, String message, String rule) {
    errors.add(new FieldError(field, message, rule));
    return this;
  }

  public Validator add(FieldError error) {
    errors.add(error);
    return this;
  }

  /** A field error whose message (a key of the problem texts) has named parameters, such as {"max": 80}. */
  public Validator add(String field, String message, JsonObject params) {
    errors.add(new FieldError(field, message, null, params));
    return this;
  }

  public boolean ok(String field) {
    return errors.stream().noneMatch(e -> e.field().equals(field));
  }

  /** A required string, trimmed, with its length in characters between min and max. */
  public String text(String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      add(field, "field.required");
      return null;
    }
    return checkText(field, value, min, max);
  }

  /**
   * A required single-line string: as {@link #text}, and refusing line breaks, tabs and every other control
   * character (rule single_line). For names, titles, subjects: whatever may reach a mail header.
   */
  public String line(String field, int min, int max) {
    return singleLine(field, text(field, min, max));
  }

  /** An optional single-line string: null when absent or null; otherwise as {@link #line}. */
  public String optionalLine(String field, int min, int max) {
    return singleLine(field, optionalText(field, min, max));
  }

  private String singleLine(String field, String text) {
    if (text != null && LINE_BREAKING.matcher(text).find()) {
      add(field, "field.single_line", "single_line");
      return null;
    }
    return text;
  }

  /** An optional string: null when absent or null; otherwise as {@link #text}. */
  public String optionalText(String field, int min, int max) {
    Object value = body.getValue(field);
    return value == null ? null : checkText(field, value, min, max);
  }

  private String checkText(String field, Object value, int min, int max) {
    if (!(value instanceof String s)) {
      add(field, "field.not_string");
      return null;
    }
    String text = s.strip();
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      if (min == 1) {
        add(field, "field.empty");
      } else {
        add(field, "field.too_short", new JsonObject().put("min", min));
      }
      return null;
    }
    if (length > max) {
      add(field, "field.too_long", new JsonObject().put("max", max));
      return null;
    }
    if (CONTROL.matcher(text).find()) {
      add(field, "field.control_characters");
      return null;
    }
    return text;
  }

  /** A required string taken exactly as sent (no trimming): for passwords and tokens. */
  public String secret(String field, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      add(field, "field.required");
      return null;
    }
    if (!(value instanceof String s)) {
      add(field, "field.not_string");
      return null;
    }
    if (s.isEmpty()) {
      add(field, "field.empty");
      return null;
    }
    if (s.length() > max) {
      add(field, "field.too_long", new JsonObject().put("max", max));
      return null;
    }
    return s;
  }

  public String email(String field) {
    String email = text(field, 1, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      add(field, "field.email");
      return null;
    }
    return email;
  }

  public String pattern(String field, String value, Pattern pattern, String message) {
    if (value != null && !pattern.matcher(value).matches()) {
      add(field, message);
      return null;
    }
    return value;
  }

  public Boolean optionalBoolean(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean b)) {
      add(field, "field.not_boolean");
      return null;
    }
    return b;
  }

  /** An optional list of strings, each one of the allowed values. */
  public List<String> optionalChoices(String field, Set<String> allowed) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      add(field, "field.not_list");
      return null;
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || !allowed.contains(s)) {
        add(field, "field.only_choices", new JsonObject().put("allowed", String.join(", ", new java.util.TreeSet<>(allowed))));
        return null;
      }
      if (!result.contains(s)) {
        result.add(s);
      }
    }
    return result;
  }

  /** Throws a 400 listing every problem found so far. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
  }

  /**
   * {@link #validate()} for a body that names other resources (ids, slugs) only a service can look up: when a
   * field is already at fault, asks the service which references are unknown ([{field, message}]) and fails with
   * one 400 listing both kinds; when none is, succeeds, and the write itself checks the references.
   */
  public Future<Void> validate(Supplier<Future<JsonArray>> unknownReferences) {
    if (errors.isEmpty()) {
      return Future.succeededFuture();
    }
    return unknownReferences.get().transform(checked -> {
      if (checked.succeeded()) {
        checked.result().forEach(item -> {
          errors.add(new FieldError((JsonObject) item));
        });
      }
      return Future.failedFuture(Problem.validation(errors));
    });
  }
}
