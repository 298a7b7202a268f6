package dev.gerbang.http;

import dev.gerbang.failure.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The failure a handler fails with: an HTTP status, a problem type, a detail for people and, for
 * validation, the fields at fault. Only {@link FailureHandler} turns it into a response.
 */
public final class Problem extends RuntimeException {
  public static final String TYPE_BASE = "https://gerbang.dev/problems/";

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static Problem validation(List<FieldError> errors) {
    String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
    return new Problem(400, "validation", "Invalid request", detail, errors);
  }

  /** A list cursor the server did not make for this list, or one that does not hold its sort key. */
  public static Problem invalidCursor(String message) {
    return new Problem(400, "invalid-cursor", "Invalid cursor", "The cursor is invalid: ask for the first page again",
        List.of(new FieldError("cursor", message)));
  }

  public static Problem badRequest(String detail) {
    return new Problem(400, "bad-request", "Bad request", detail, List.of());
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail, List.of());
  }

  public static Problem invalidToken(String detail) {
    return new Problem(401, "invalid-token", "Invalid or expired token", detail, List.of());
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail, List.of());
  }

  public static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail, List.of());
  }

  public static Problem conflict(String type, String detail, List<FieldError> errors) {
    return new Problem(409, type, "Conflict", detail, errors);
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

  JsonObject toJson(String requestId) {
    JsonObject body = new JsonObject()
        .put("type", TYPE_BASE + type)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage())
        .put("requestId", requestId);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(e.toJson()));
      body.put("errors", list);
    }
    return body;
  }
}
