package dev.gerbang.http;

import dev.gerbang.cluster.Cluster;
import dev.gerbang.config.AppConfig;
import dev.gerbang.db.DatabaseVerticle;
import dev.gerbang.security.ConnectionCap;
import dev.gerbang.security.Cors;
import dev.gerbang.security.Deadlines;
import dev.gerbang.security.HeaderDeadline;
import dev.gerbang.security.RateLimiter;
import dev.gerbang.security.SecurityHeaders;
import dev.gerbang.tracing.Tracing;
import dev.gerbang.tracing.TracingSettings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One per event loop: the root router (API, health, static SPA) and the HTTP server. */
public final class HttpVerticle extends VerticleBase {
  /** Published on this node when its HTTP verticles stop: streaming responses end. */
  public static final String STOPPING = "gerbang.http.stopping";

  private static final String NOT_API = "^/(?!api(/|$)).*";
  private final AppConfig config;
  private final RateLimiter limiter;
  private final List<? extends ApiRoutes> features;
  private final Cluster cluster;
  private HttpServer server;
  private HttpServer redirect;
  private HeaderDeadline deadline;
  private ConnectionCap cap;

  /** limiter: the node's rate limiter, which every HTTP verticle shares; features: what each serves under /api. */
  public HttpVerticle(AppConfig config, RateLimiter limiter, List<? extends ApiRoutes> features, Cluster cluster) {
    this.config = config;
    this.limiter = limiter;
    this.features = features;
    this.cluster = cluster;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler(Messages.bundled(), config.defaultLocale());
    router.route().handler(ClientInfo.resolver(config.trustedProxies()));
    router.route().handler(new RequestIds());
    boolean traced = TracingSettings.from(config).enabled();
    if (traced) {
      router.route().handler(Tracing.requestTags());
    }
    if (config.logRequests()) {
      router.route().handler(new AccessLog());
    }
    router.route().handler(new SecurityHeaders(config.tlsEnabled() ? config.hstsSeconds() : 0));
    router.route().handler(new Deadlines(config.bodyTimeoutSeconds(), config.requestTimeoutSeconds()));
    router.route("/api/*").handler(new Cors(config.corsOrigins()));

    router.get("/health/live").handler(ctx -> Responses.ok(ctx, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(readiness());

    Router api = ApiRouter.create(vertx, config, limiter, features);
    router.route("/api/*").subRouter(api);

    // Static files and the SPA fallback never answer under /api, so an API path with the wrong method is a 405.
    router.routeWithRegex(NOT_API).method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(HttpVerticle::revalidate)
        .handler(StaticHandler.create("webroot").setIndexPage("index.html").setDefaultContentEncoding("UTF-8"));
    router.routeWithRegex(NOT_API).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::spaFallback);

    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, ctx -> {
      ctx.put(FailureHandler.ALLOWED_METHODS, ApiRouter.allowedMethods(api, ctx.request().path()));
      failures.handle(ctx);
    });
    router.errorHandler(500, failures);
    // A path with a malformed percent escape (/articles/%E0%A4%A) fails in the router, before any route: a page
    // address still gets the SPA (whose router shows "not found"), anything else a 400 problem.
    router.errorHandler(400, ctx -> {
      if (wantsPage(ctx) && !ctx.request().path().startsWith("/api/")) {
        sendIndex(ctx);
      } else {
        failures.render(ctx, Problem.badRequest("detail.bad_request.malformed_path"));
      }
    });

    HttpServerOptions options = limits(new HttpServerOptions())
        .setHost(config.httpHost())
        .setPort(config.httpPort())
        .setCompressionSupported(true);
    if (config.tlsEnabled()) {
      // HTTP/2 is offered by ALPN (h2, then http/1.1); plain HTTP/1.1 clients keep working.
      options.setSsl(true).setUseAlpn(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath()).setKeyPath(config.tlsKeyPath()));
    }
    deadline = new HeaderDeadline(vertx, config.headerTimeoutSeconds());
    cap = new ConnectionCap(vertx, config.maxConnectionsPerClient(), config.trustedProxies());
    // With tracing off, the router itself: no step more per request than without tracing.
    Handler<HttpServerRequest> routing = traced ? request -> router.handle(Tracing.routeNamed(request)) : router;
    server = vertx.createHttpServer(options).connectionHandler(this::opened).requestHandler(request -> {
      deadline.received(request);
      routing.handle(request);
    });
    Future<?> listening = PortInUse.explain(server.listen(), config.httpHost(), config.httpPort(), "GERBANG_HTTP_PORT");
    if (config.tlsEnabled() && config.tlsRedirectPort() > 0) {
      listening = listening.compose(https -> startRedirect());
    }
    return listening;
  }

  /** Header, URI and idle limits that keep slow or huge requests from pinning the server. */
  private HttpServerOptions limits(HttpServerOptions options) {
    // No cleartext HTTP/2 (h2c: no browser uses it): its upgrade check would hold a new connection back from
    // the connection handler until its first request's headers are complete, hiding slow-header clients.
    return options
        .setHttp2ClearTextEnabled(false)
        .setMaxHeaderSize(config.maxHeaderBytes())
        .setMaxInitialLineLength(config.maxInitialLineLength())
        .setIdleTimeout(config.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  /** A new connection: within its client's cap, or closed at once; then on the clock for its first headers. */
  private void opened(HttpConnection connection) {
    Runnable release = cap.admit(connection);
    if (release == null) {
      return;
    }
    deadline.opened(connection);
    connection.closeHandler(closed -> {
      release.run();
      deadline.closed(connection);
    });
  }

  /** The optional plain-HTTP listener: every request is sent to the same path on the HTTPS public URL. */
  private Future<?> startRedirect() {
    String publicUrl = config.publicUrl();
    String target = "https://" + publicUrl.substring(publicUrl.indexOf("://") + 3);
    redirect = vertx.createHttpServer(limits(new HttpServerOptions())
            .setHost(config.httpHost()).setPort(config.tlsRedirectPort()))
        .connectionHandler(this::opened)
        .requestHandler(request -> {
          deadline.received(request);
          // Host and an absolute-form request target are the client's to choose: only our path and query follow.
          String query = request.query() == null ? "" : "?" + request.query();
          request.response().setStatusCode(308).putHeader("Location", target + request.path() + query)
              .putHeader("Content-Length", "0").end();
        });
    return PortInUse.explain(redirect.listen(), config.httpHost(), config.tlsRedirectPort(), "GERBANG_TLS_REDIRECT_PORT");
  }

  private HealthCheckHandler readiness() {
    return HealthCheckHandler.create(vertx).register("database", 2000, promise ->
        vertx.eventBus().request(DatabaseVerticle.PING, null, new DeliveryOptions().setSendTimeout(2000).setLocalOnly(true))
            .onComplete(reply -> promise.complete(reply.succeeded() ? Status.OK() : Status.KO())))
        // In a cluster: is this node in it, and who else is. A node that fell out of its cluster is not ready.
        .register("cluster", 2000, promise -> {
          JsonObject membership = new JsonObject().put("clustered", cluster.clustered()).put("nodeId", cluster.nodeId())
              .put("nodes", new io.vertx.core.json.JsonArray(cluster.nodes()));
          promise.complete(cluster.joined() ? Status.OK(membership) : Status.KO(membership));
        });
  }

  /**
   * The SPA's modules have no version in their names, so browsers must ask again on every load (a cheap 304
   * when nothing changed): StaticHandler's default "immutable, max-age=86400" would keep old modules for a
   * day after an upgrade, mixed with new ones.
   */
  private static void revalidate(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status == 200 || status == 304) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
      }
    });
    ctx.next();
  }

  /** The SPA routes on the client: unknown non-API pages that want HTML get index.html. */
  private void spaFallback(RoutingContext ctx) {
    if (wantsPage(ctx)) {
      sendIndex(ctx);
    } else {
      ctx.fail(404);
    }
  }

  private static boolean wantsPage(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    HttpMethod method = ctx.request().method();
    return (method == HttpMethod.GET || method == HttpMethod.HEAD) && accept != null && accept.contains("text/html");
  }

  private static void sendIndex(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile("webroot/index.html");
  }

  @Override
  public Future<?> stop() {
    // Stop accepting, let in-flight requests finish (up to the configured time), then close. Long-lived
    // responses (notification streams) were told to end by Gerbang.stop, once for all the instances.
    if (deadline != null) {
      deadline.stop();
    }
    Future<Void> redirectClosed = redirect == null ? Future.succeededFuture() : redirect.close();
    return redirectClosed.compose(closed -> server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS));
  }
}
