package dev.gerbang.content;

import dev.gerbang.Components;
import dev.gerbang.Feature;
import dev.gerbang.content.impl.ArticleServiceImpl;
import dev.gerbang.content.impl.CommentServiceImpl;
import dev.gerbang.content.impl.TaxonomyServiceImpl;
import dev.gerbang.db.ServiceRegistry;
import dev.gerbang.notify.NotifyFeature;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The blog: articles, comments, categories and tags, and the node's cache of public content. */
public final class ContentFeature implements Feature {
  private final Components c;
  private final NotifyFeature notify;
  private final ContentSettings settings;
  private final ContentCache cache;

  public ContentFeature(Vertx vertx, Components components, NotifyFeature notify) {
    this.c = components;
    this.notify = notify;
    this.settings = ContentSettings.from(components.config().reader());
    this.cache = new ContentCache(components.events(), settings.cacheMegabytes() * 1024L * 1024L);
  }

  /** The node's cache of public lists and pages, shared by its HTTP verticles. */
  public ContentCache cache() {
    return cache;
  }

  @Override
  public void bind(ServiceRegistry services) {
    services.register(ArticleService.class, ArticleService.ADDRESS,
        new ArticleServiceImpl(services.database(), services.events()));
    services.register(CommentService.class, CommentService.ADDRESS,
        new CommentServiceImpl(services.database(), notify.notices(services), services.events()));
    services.register(TaxonomyService.class, TaxonomyService.ADDRESS,
        new TaxonomyServiceImpl(services.database(), services.events()));
  }

  @Override
  public void start(Vertx vertx) {
    cache.listen();
  }

  @Override
  public void mount(Router api, Vertx vertx) {
    new ArticleRoutes(c, settings, cache, ArticleService.proxy(vertx)).mount(api);
    new CommentRoutes(c, CommentService.proxy(vertx)).mount(api);
    new TaxonomyRoutes(c, TaxonomyService.proxy(vertx)).mount(api);
  }
}
