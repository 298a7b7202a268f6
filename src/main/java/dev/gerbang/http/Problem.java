package dev.gerbang.http;

import dev.gerbang.failure.FieldError;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The failure a handler fails with: an HTTP status, a problem type, a detail for people and, for
 * validation, the fields at fault. Title, detail and field messages are keys of the problem texts (see
 * {@link Messages}), the detail's named parameters added with {@link #with}. Only {@link FailureHandler} turns it
 * into a response, in the caller's language.
 */
public final class Problem extends RuntimeException {
  public static final String TYPE_BASE = "https://gerbang.dev/problems/";

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final JsonObject params;

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    this(status, type, title, detail, null, errors);
  }

  public Problem(int status, String type, String title, String detail, JsonObject params, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.params = params == null ? new JsonObject() : params.copy();
    this.errors = List.copyOf(errors);
  }

  /** This problem with one more named parameter for its detail text. */
  public Problem with(String name, Object value) {
    return new Problem(status, type, title, getMessage(), params.copy().put(name, value), errors);
  }

  public static Problem validation(List<FieldError> errors) {
    String detail = errors.size() == 1 ? "detail.validation.one" : "detail.validation.many";
    return new Problem(400, "validation", "title.validation", detail, new JsonObject().put("count", errors.size()), errors);
  }

  /** A list cursor the server did not make for this list, or one that does not hold its sort key. */
  public static Problem invalidCursor(String message) {
    return new Problem(400, "invalid-cursor", "title.invalid_cursor", "detail.invalid_cursor",
        List.of(new FieldError("cursor", message)));
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "bad-request", "title.status.400", detail, List.of());
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "title.status.401", detail, List.of());
  }

  public static Problem invalidToken(String detail) {
    return new Problem(401, "invalid-token", "title.invalid_token", detail, List.of());
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "title.status.403", detail, List.of());
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "title.status.404", detail, List.of());
  }

  public static Problem conflict(String type, String detail, List<FieldError> errors) {
    return new Problem(409, type, "title.status.409", detail, errors);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The named parameters of the detail text. */
  public JsonObject params() {
    return params.copy();
  }
}
