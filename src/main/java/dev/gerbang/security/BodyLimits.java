package dev.gerbang.security;

import io.vertx.core.json.JsonObject;
import dev.gerbang.config.AppConfig;
import dev.gerbang.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Request body limits beyond the BodyHandler's global one: a smaller size for the sign-in family, and a
 * cheap scan of JSON bodies for nesting depth and string length before anything parses them. The scan holds
 * bodies to strict JSON, without comments: the parser Vert.x uses accepts them, and a quote inside a comment
 * would hide any nesting from a scan that does not know comments.
 */
public final class BodyLimits {
  private final int authBytes;
  private final int maxDepth;
  private final int maxString;

  public BodyLimits(AppConfig config) {
    this.authBytes = config.maxAuthBodyBytes();
    this.maxDepth = config.maxJsonDepth();
    this.maxString = config.maxJsonStringLength();
  }

  /** Before the body is read: refuses a declared Content-Length over the route's limit. */
  public Handler<RoutingContext> declared() {
    return ctx -> {
      String length = ctx.request().getHeader("Content-Length");
      if (length != null && RouteClass.of(ctx) == RouteClass.AUTH) {
        try {
          if (Long.parseLong(length.strip()) > authBytes) {
            ctx.fail(413);
            return;
          }
        } catch (NumberFormatException e) {
          ctx.fail(Problem.badRequest("detail.bad_request.content_length"));
          return;
        }
      }
      ctx.next();
    };
  }

  /** After the body is read: the route's size (chunked bodies declare none), then the JSON shape. */
  public Handler<RoutingContext> received() {
    return ctx -> {
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      if (body == null || body.length() == 0) {
        ctx.next();
        return;
      }
      if (RouteClass.of(ctx) == RouteClass.AUTH && body.length() > authBytes) {
        ctx.fail(413);
        return;
      }
      // An article's Markdown is the one field meant to be long (up to 50,000 characters): on article writes a
      // string may be as long as the body allows; everywhere else the string limit holds.
      int stringLimit = ctx.normalizedPath().startsWith("/api/articles") ? Integer.MAX_VALUE : maxString;
      String problem = scan(body.getBytes(), maxDepth, stringLimit);
      if (COMMENTS.equals(problem)) {
        ctx.fail(Problem.badRequest(problem));
        return;
      }
      if (problem != null) {
        ctx.fail(new Problem(400, "json-too-complex", "title.status.400", problem,
            new JsonObject().put("maxDepth", maxDepth).put("maxBytes", maxString), List.of()));
        return;
      }
      ctx.next();
    };
  }

  /** What {@link #scan} answers for a comment (a 400 bad-request rather than json-too-complex). */
  static final String COMMENTS = "detail.body.comments";

  /**
   * Nesting depth and string length (in bytes) of a JSON text, without parsing it, and no comments; null when
   * within limits.
   */
  static String scan(byte[] json, int maxDepth, int maxString) {
    int depth = 0;
    boolean inString = false;
    int stringStart = 0;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
          if (i - stringStart > maxString) {
            return "detail.body.string_too_long";
          }
        }
      } else if (b == '"') {
        inString = true;
        stringStart = i + 1;
      } else if (b == '{' || b == '[') {
        if (++depth > maxDepth) {
          return "detail.body.too_deep";
        }
      } else if (b == '}' || b == ']') {
        depth--;
      } else if (b == '/' && i + 1 < json.length && (json[i + 1] == '*' || json[i + 1] == '/')) {
        return COMMENTS;
      }
    }
    if (inString && json.length - stringStart > maxString) {
      return "detail.body.string_too_long";
    }
    return null;
  }
}
