package dev.gerbang.content;

import dev.gerbang.Components;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The content feature's routes: articles, comments, categories and tags. */
public final class ContentRoutes {
  private final Components c;
  private final Vertx vertx;

  public ContentRoutes(Vertx vertx, Components components) {
    this.vertx = vertx;
    this.c = components;
  }

  public void mount(Router api) {
    new ArticleRoutes(c, ArticleService.proxy(vertx)).mount(api);
    new CommentRoutes(c, CommentService.proxy(vertx)).mount(api);
    new TaxonomyRoutes(c, TaxonomyService.proxy(vertx)).mount(api);
  }
}
