package dev.gerbang;

import dev.gerbang.db.DataServices;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.http.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * One feature's entry point: its data services (bound on the database worker), its routes (mounted on each
 * HTTP verticle), and what it runs on the node besides (listeners, caches, verticles of its own). Built with
 * the node's {@link Components} and its own settings record; {@link Features} holds the one list.
 */
public interface Feature extends DataServices, ApiRoutes {
  @Override
  default void bind(ServiceRegistry services) {
  }

  @Override
  default void mount(Router api, Vertx vertx) {
  }

  /** Node-wide work before the HTTP verticles deploy (listeners on the event bus, say). */
  default void start(Vertx vertx) {
  }

  /** Verticles of its own, deployed after the database worker and before the HTTP verticles: their ids. */
  default Future<List<String>> deploy(Vertx vertx) {
    return Future.succeededFuture(List.of());
  }
}
