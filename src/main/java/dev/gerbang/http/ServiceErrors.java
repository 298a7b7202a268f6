package dev.gerbang.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Business failures crossing the event bus: a {@link ServiceException} whose failure code is the HTTP
 * status, whose message is the detail, and whose debug info carries the problem type, title and field errors.
 */
public final class ServiceErrors {
  private ServiceErrors() {
  }

  public static ServiceException of(Problem problem) {
    return new ServiceException(problem.status(), problem.getMessage(),
        new JsonObject().put("type", problem.type()).put("title", problem.title())
            .put("errors", fieldErrors(problem.errors())));
  }

  /** Field errors as services answer them: [{field, message, rule}]. */
  public static JsonArray fieldErrors(List<Problem.FieldError> list) {
    JsonArray errors = new JsonArray();
    list.forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("message", e.message()).put("rule", e.rule())));
    return errors;
  }

  /** A 400 naming these fields; succeeds when there are none. */
  public static io.vertx.core.Future<Void> failIfAny(List<Problem.FieldError> errors) {
    return errors.isEmpty() ? io.vertx.core.Future.succeededFuture()
        : io.vertx.core.Future.failedFuture(of(Problem.validation(errors)));
  }

  public static ServiceException notFound(String detail) {
    return of(Problem.notFound(detail));
  }

  public static ServiceException conflict(String type, String detail, String field) {
    return of(Problem.conflict(type, detail, field == null ? List.of() : List.of(new Problem.FieldError(field, detail))));
  }

  /** The problem a service failure stands for, or null when it is not a business failure. */
  static Problem toProblem(ServiceException e) {
    int status = e.failureCode();
    if (status < 400 || status > 499) {
      return null;
    }
    JsonObject info = e.getDebugInfo() == null ? new JsonObject() : e.getDebugInfo();
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonArray list = info.getJsonArray("errors", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject error = list.getJsonObject(i);
      errors.add(new Problem.FieldError(error.getString("field"), error.getString("message"), error.getString("rule")));
    }
    String type = info.getString("type", "error");
    return new Problem(status, type, info.getString("title", FailureHandler.titleFor(status)), e.getMessage(), errors);
  }
}
