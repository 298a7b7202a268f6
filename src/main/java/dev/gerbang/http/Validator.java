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
      throw new Problem(415, "unsupported-media-type", "Unsupported media type",
          "Send the body as application/json", List.of());
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw Problem.badRequest("A JSON object body is required");
    }
    JsonObject json;
    try {
      Object parsed = ctx.body().asJsonObject();
      json = (JsonObject) parsed;
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("The request body is not a valid JSON object");
    }
    if (json == null) {
      throw Problem.badRequest("A JSON object body is required");
    }
    Validator validator = new Validator(json);
    Set<String> known = Set.of(knownFields);
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        validator.add(field, "is not a known field");
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

  public boolean ok(String field) {
    return errors.stream().noneMatch(e -> e.field().equals(field));
  }

  /** A required string, trimmed, with its length in characters between min and max. */
  public String text(String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      add(field, "is required");
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
      add(field, "must be a single line: no line breaks, tabs or other control characters", "single_line");
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
      add(field, "must be a string");
      return null;
    }
    String text = s.strip();
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      add(field, min == 1 ? "must not be empty" : "must be at least " + min + " characters long");
      return null;
    }
    if (length > max) {
      add(field, "must be at most " + max + " characters long");
      return null;
    }
    if (CONTROL.matcher(text).find()) {
      add(field, "must not contain control characters");
      return null;
    }
    return text;
  }

  /** A required string taken exactly as sent (no trimming): for passwords and tokens. */
  public String secret(String field, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      add(field, "is required");
      return null;
    }
    if (!(value instanceof String s)) {
      add(field, "must be a string");
      return null;
    }
    if (s.isEmpty()) {
      add(field, "must not be empty");
      return null;
    }
    if (s.length() > max) {
      add(field, "must be at most " + max + " characters long");
      return null;
    }
    return s;
  }

  public String email(String field) {
    String email = text(field, 1, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      add(field, "must be an email address such as name@example.com");
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
      add(field, "must be true or false");
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
      add(field, "must be a list");
      return null;
    }
    List<String> result = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || !allowed.contains(s)) {
        add(field, "may only contain " + String.join(", ", new java.util.TreeSet<>(allowed)));
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
          JsonObject error = (JsonObject) item;
          add(error.getString("field"), error.getString("message"));
        });
      }
      return Future.failedFuture(Problem.validation(errors));
    });
  }
}
