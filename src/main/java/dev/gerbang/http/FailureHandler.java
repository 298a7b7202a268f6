package dev.gerbang.http;

import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that turns a failure into a response: RFC 9457 application/problem+json, its title, detail and
 * field messages in the caller's {@link Language} (named by Content-Language), from the keys failures carry.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
  public static final String PROBLEM_JSON = "application/problem+json";

  private final Messages messages;
  private final String defaultLanguage;

  /** defaultLanguage: the language of callers who are not signed in and ask for none there are texts for. */
  public FailureHandler(Messages messages, String defaultLanguage) {
    this.messages = messages;
    this.defaultLanguage = messages.languages().contains(defaultLanguage) ? defaultLanguage : Messages.ENGLISH;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      // Too late for a problem body: the client already has a status. Log and cut the response.
      log.warn("failure after the response started, request {}", RequestIds.of(ctx), ctx.failure());
      ctx.response().reset();
      return;
    }
    render(ctx, toProblem(ctx));
  }

  /** Answers with this problem, for failures that reach an error handler with no useful status or exception. */
  public void render(RoutingContext ctx, Problem problem) {
    var response = ctx.response();
    response.setStatusCode(problem.status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    String language = Language.of(ctx, messages.languages(), defaultLanguage);
    response.putHeader(HttpHeaders.CONTENT_LANGUAGE, language);
    response.headers().add(HttpHeaders.VARY, "Accept-Language");
    if (problem.status() == 401) {
      String error = "invalid-token".equals(problem.type()) ? ", error=\"invalid_token\"" : "";
      response.putHeader("WWW-Authenticate", "Bearer realm=\"gerbang\"" + error);
    }
    if (problem.status() == 405 && ctx.get(ALLOWED_METHODS) != null) {
      response.putHeader(HttpHeaders.ALLOW, ctx.<String>get(ALLOWED_METHODS));
    }
    if (problem.status() == 429 && ctx.get(RETRY_AFTER) != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, ctx.<String>get(RETRY_AFTER));
    }
    if (problem.status() == 429 && ctx.get(RATE_LIMIT_HEADERS) != null) {
      ctx.<io.vertx.core.MultiMap>get(RATE_LIMIT_HEADERS).forEach(response.headers()::set);
    }
    if (ctx.request().method().name().equals("HEAD")) {
      response.end();
    } else {
      response.end(toJson(problem, language, RequestIds.of(ctx)).encode());
    }
  }

  private JsonObject toJson(Problem problem, String language, String requestId) {
    JsonObject body = new JsonObject()
        .put("type", Problem.TYPE_BASE + problem.type())
        .put("title", messages.render(language, problem.title(), null))
        .put("status", problem.status())
        .put("detail", messages.render(language, problem.getMessage(), problem.params()))
        .put("requestId", requestId);
    if (!problem.errors().isEmpty()) {
      JsonArray list = new JsonArray();
      problem.errors().forEach(e -> list.add(toJson(e, language)));
      body.put("errors", list);
    }
    return body;
  }

  /** A field error as clients see it: the message in their language; rule, the stable code to match on. */
  private JsonObject toJson(FieldError error, String language) {
    JsonObject json = new JsonObject().put("field", error.field())
        .put("message", messages.render(language, error.message(), error.params()));
    String rule = error.rule() != null ? error.rule() : ruleOf(error.message());
    if (rule != null) {
      json.put("rule", rule);
    }
    return error.params().isEmpty() ? json : json.put("params", error.params());
  }

  /** The rule a field message key names, for clients to match on: field.required is "required", field.body.article "body.article". */
  static String ruleOf(String key) {
    if (key == null || !key.startsWith("field.") || key.contains(" ")) {
      return null;
    }
    return key.substring("field.".length());
  }

  /** Context key for the methods a 405's path does allow (RFC 9110 asks for an Allow header). */
  public static final String ALLOWED_METHODS = "gerbang.allowedMethods";

  /** Context key under which a handler may leave a Retry-After value for a 429. */
  public static final String RETRY_AFTER = "gerbang.retryAfter";

  /** Context key for the RateLimit-Limit / -Remaining / -Reset headers of a 429 from the rate limiter. */
  public static final String RATE_LIMIT_HEADERS = "gerbang.rateLimitHeaders";

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    Failure business = Failure.of(failure);
    if (business != null) {
      return toProblem(business);
    }
    if (failure instanceof DecodeException) {
      return Problem.badRequest("detail.body.not_json");
    }
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    if (failure == null || failure instanceof HttpException) {
      if (status >= 400 && status < 500 || status == 503) {
        return forStatus(status);
      }
    }
    log.error("unexpected failure, request {} {} {}", RequestIds.of(ctx), ctx.request().method(),
        ctx.request().path(), failure);
    return new Problem(500, "internal", titleFor(500), "detail.internal", List.of());
  }

  /** The one mapping of a business failure's kind to an HTTP status. */
  Problem toProblem(Failure failure) {
    int status = switch (failure.kind()) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_MANY -> 429;
      case UNAVAILABLE -> 503;
    };
    String title = failure.title() == null ? titleFor(status) : failure.title();
    return new Problem(status, failure.type(), title, failure.getMessage(), failure.params(), failure.errors());
  }

  private Problem forStatus(int status) {
    return switch (status) {
      case 401 -> Problem.unauthorized("detail.unauthorized.bearer_needed");
      case 403 -> Problem.forbidden("detail.forbidden.generic");
      case 404 -> Problem.notFound("detail.not_found.nothing_here");
      case 405 -> new Problem(405, "method-not-allowed", titleFor(405), "detail.method_not_allowed", List.of());
      case 413 -> new Problem(413, "payload-too-large", titleFor(413), "detail.payload_too_large", List.of());
      case 503 -> new Problem(503, "timeout", titleFor(503), "detail.timeout", List.of());
      case 415 -> new Problem(415, "unsupported-media-type", titleFor(415), "detail.body.not_json_type", List.of());
      default -> new Problem(status, "http-" + status, titleFor(status), titleFor(status), List.of());
    };
  }

  /** The key of a status's title (title.status.404); a status without one keeps its English reason phrase. */
  String titleFor(int status) {
    String key = "title.status." + status;
    return messages.texts(Messages.ENGLISH).containsKey(key) ? key : HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
