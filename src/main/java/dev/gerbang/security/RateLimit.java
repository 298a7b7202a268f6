package dev.gerbang.security;

import dev.gerbang.config.AppConfig;
import dev.gerbang.http.ClientInfo;
import dev.gerbang.http.FailureHandler;
import dev.gerbang.http.Problem;
import dev.gerbang.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Takes a token per API request from the bucket of (route class, client address); 429 when it is empty. */
public final class RateLimit implements Handler<RoutingContext> {
  private final RateLimiter limiter;
  private final Map<RouteClass, RateLimiter.Limit> limits = new EnumMap<>(RouteClass.class);

  public RateLimit(RateLimiter limiter, AppConfig config) {
    this.limiter = limiter;
    limits.put(RouteClass.AUTH, new RateLimiter.Limit("auth", config.rateLimitAuthPerMinute()));
    limits.put(RouteClass.WRITE, new RateLimiter.Limit("write", config.rateLimitWritePerMinute()));
    limits.put(RouteClass.READ, new RateLimiter.Limit("read", config.rateLimitReadPerMinute()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String ip = ClientInfo.ip(ctx);
    Future<RateLimiter.Decision> decision = limiter.consume(ip == null ? "unknown" : ip, limits.get(RouteClass.of(ctx)));
    if (!decision.isComplete()) {
      // A cluster's bucket answers after a network hop, and this runs before the body handler: the body waits
      // (the body handler resumes the request).
      ctx.request().pause();
    }
    decision.onComplete(decided -> {
      if (decided.failed()) {
        ctx.fail(decided.cause());
      } else {
        apply(ctx, decided.result());
      }
    });
  }

  private static void apply(RoutingContext ctx, RateLimiter.Decision decision) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("RateLimit-Limit", Long.toString(decision.limit()))
        .add("RateLimit-Remaining", Long.toString(decision.remaining()))
        .add("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    if (decision.allowed()) {
      ctx.response().headers().addAll(headers);
      ctx.next();
      return;
    }
    Metrics.of(ctx.vertx()).count("gerbang.ratelimit.rejections", "route_class", RouteClass.of(ctx).name().toLowerCase(Locale.ROOT));
    ctx.put(FailureHandler.RATE_LIMIT_HEADERS, headers);
    ctx.put(FailureHandler.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    ctx.fail(new Problem(429, "rate-limited", "title.status.429", "detail.rate_limited", List.of())
        .with("seconds", decision.retryAfterSeconds()));
  }
}
