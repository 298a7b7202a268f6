package dev.gerbang.failure;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.List;

/**
 * A business failure of a service or the database layer, in terms that know no HTTP: what went wrong (its
 * {@link Kind}), a stable problem type such as "email-taken", a detail for people, and the fields at fault. Title,
 * detail and field messages are keys of the problem texts ({@code detail.not_found.user}, see http/Messages), with
 * named parameters where the text needs them ({@link #with}), so that the HTTP side answers in the caller's language.
 * Only http/FailureHandler maps a kind to a status. It crosses the event bus whole: it is the service proxy's
 * own exception type, with a codec of its own ({@link #registerCodec}).
 */
public final class Failure extends ServiceException {
  /** What went wrong. */
  public enum Kind {
    /** The input is wrong: every field at fault is listed. */
    INVALID(1),
    /** Who is asking is unknown: no, a bad or an ended credential. */
    UNAUTHENTICATED(2),
    /** Known, and not allowed. */
    FORBIDDEN(3),
    NOT_FOUND(4),
    /** The request clashes with what exists (a taken email, the last way to sign in). */
    CONFLICT(5),
    /** Too many requests for now. */
    TOO_MANY(6),
    /** Something this depends on cannot be reached now. */
    UNAVAILABLE(7);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    static Kind of(int code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      return null;
    }
  }

  private final Kind kind;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final JsonObject params;

  public Failure(Kind kind, String type, String title, String detail, List<FieldError> errors) {
    this(kind, type, title, detail, null, errors);
  }

  public Failure(Kind kind, String type, String title, String detail, JsonObject params, List<FieldError> errors) {
    super(kind.code, detail, debugInfo(type, title, params, errors));
    this.kind = kind;
    this.type = type;
    this.title = title;
    this.params = params == null ? new JsonObject() : params.copy();
    this.errors = List.copyOf(errors);
  }

  private static JsonObject debugInfo(String type, String title, JsonObject params, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(e.toJson()));
    return new JsonObject().put("failure", true).put("type", type).put("title", title).put("errors", list)
        .put("params", params == null ? new JsonObject() : params.copy());
  }

  /** This failure with one more named parameter for its detail text. */
  public Failure with(String name, Object value) {
    return new Failure(kind, type, title, getMessage(), params.copy().put(name, value), errors);
  }

  public static Failure invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? "detail.validation.one" : "detail.validation.many";
    return new Failure(Kind.INVALID, "validation", "title.validation", detail, new JsonObject().put("count", errors.size()), errors);
  }

  public static Failure invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /** A list cursor the server did not make for this list, or one that does not hold its sort key. */
  public static Failure invalidCursor(String message) {
    return new Failure(Kind.INVALID, "invalid-cursor", "title.invalid_cursor", "detail.invalid_cursor",
        List.of(new FieldError("cursor", message)));
  }

  /** Who is asking is unknown (for a service that answers anonymous callers differently). */
  public static Failure unauthenticated(String detail) {
    return new Failure(Kind.UNAUTHENTICATED, "unauthorized", "title.status.401", detail, List.of());
  }

  /** Fails with one INVALID naming these fields, or succeeds when there are none. */
  public static Future<Void> failIfAny(List<FieldError> errors) {
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(invalid(errors));
  }

  public static Failure notFound(String detail) {
    return new Failure(Kind.NOT_FOUND, "not-found", "title.status.404", detail, List.of());
  }

  public static Failure forbidden(String detail) {
    return new Failure(Kind.FORBIDDEN, "forbidden", "title.status.403", detail, List.of());
  }

  public static Failure forbidden(String type, String title, String detail) {
    return new Failure(Kind.FORBIDDEN, type, title, detail, List.of());
  }

  /** A conflict with what exists; field, when given, is the field at fault. */
  public static Failure conflict(String type, String detail, String field) {
    return new Failure(Kind.CONFLICT, type, "title.status.409", detail, field == null ? List.of() : List.of(new FieldError(field, detail)));
  }

  public Kind kind() {
    return kind;
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

  /** Whether a failure (as it arrived, over the event bus or not) is a business failure of this kind. */
  public static boolean is(Throwable failure, Kind kind) {
    Failure f = of(failure);
    return f != null && f.kind == kind;
  }

  /**
   * The business failure a throwable is, or null for anything else: a Failure, or the service exception that
   * carried one through an event bus that did not know the codec.
   */
  public static Failure of(Throwable failure) {
    if (failure instanceof Failure f) {
      return f;
    }
    if (failure instanceof ServiceException service && service.getDebugInfo() != null
        && service.getDebugInfo().getBoolean("failure", false) && Kind.of(service.failureCode()) != null) {
      return fromWire(service.failureCode(), service.getMessage(), service.getDebugInfo());
    }
    return null;
  }

  static Failure fromWire(int code, String detail, JsonObject info) {
    List<FieldError> errors = info.getJsonArray("errors", new JsonArray()).stream()
        .map(e -> FieldError.fromJson((JsonObject) e)).toList();
    return new Failure(Kind.of(code), info.getString("type"), info.getString("title"), detail, info.getJsonObject("params"), errors);
  }

  /** Lets failures cross this Vert.x's event bus (and the cluster's) as themselves. Once per Vert.x instance. */
  public static void registerCodec(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(Failure.class, new FailureCodec());
  }
}
