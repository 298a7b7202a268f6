package dev.gerbang.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** What a feature serves under /api: mounted once per HTTP verticle (so once per event loop). */
public interface ApiRoutes {
  void mount(Router api, Vertx vertx);
}
