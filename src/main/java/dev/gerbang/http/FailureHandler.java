package dev.gerbang.http;

import dev.gerbang.failure.Failure;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only place that turns a failure into a response: RFC 9457 application/problem+json. */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
  public static final String PROBLEM_JSON = "application/problem+json";

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
      response.end(problem.toJson(RequestIds.of(ctx)).encode());
    }
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
      return Problem.badRequest("The request body is not valid JSON");
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
    return new Problem(500, "internal", titleFor(500),
        "Something went wrong on our side. Quote the request id if you report it.", List.of());
  }

  /** The one mapping of a business failure's kind to an HTTP status. */
  static Problem toProblem(Failure failure) {
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
    return new Problem(status, failure.type(), title, failure.getMessage(), failure.errors());
  }

  private static Problem forStatus(int status) {
    return switch (status) {
      case 401 -> Problem.unauthorized("Sign in first: this needs a bearer access token");
      case 403 -> Problem.forbidden("You are not allowed to do this");
      case 404 -> Problem.notFound("There is nothing here");
      case 405 -> new Problem(405, "method-not-allowed", titleFor(405), "This method is not allowed here", List.of());
      case 413 -> new Problem(413, "payload-too-large", titleFor(413), "The request body is too large", List.of());
      case 503 -> new Problem(503, "timeout", titleFor(503), "The request took too long; try again", List.of());
      case 415 -> new Problem(415, "unsupported-media-type", titleFor(415), "Send the body as application/json", List.of());
      default -> new Problem(status, "http-" + status, titleFor(status), titleFor(status), List.of());
    };
  }

  static String titleFor(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Authentication required";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 413 -> "Payload too large";
      case 429 -> "Too many requests";
      case 500 -> "Internal server error";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }
}
