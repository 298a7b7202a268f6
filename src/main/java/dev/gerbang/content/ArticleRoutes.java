package dev.gerbang.content;

import dev.gerbang.Components;
import dev.gerbang.audit.Actor;
import dev.gerbang.audit.Audit;
import dev.gerbang.auth.AuthUser;
import dev.gerbang.http.Problem;
import dev.gerbang.http.QueryParams;
import dev.gerbang.http.Responses;
import dev.gerbang.user.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** /api/articles: the public list and pages (cached), and writing, publishing, deleting and liking. */
final class ArticleRoutes {
  private static final Set<String> STATUSES = Arrays.stream(ArticleQuery.Status.values()).map(ArticleQuery.Status::json)
      .collect(Collectors.toUnmodifiableSet());
  /** Whoever asks for the public list: it is the same for everyone, and cached as such. */
  private static final Actor EVERYONE = new Actor(null, List.of(), null, null);

  private final Components c;
  private final ContentSettings settings;
  private final ArticleService articles;
  private final ContentCache cache;

  ArticleRoutes(Components components, ContentSettings settings, ContentCache cache, ArticleService articles) {
    this.c = components;
    this.settings = settings;
    this.articles = articles;
    this.cache = cache;
  }

  void mount(Router api) {
    var editors = c.auth().required(Roles.EDITOR, Roles.ADMIN);
    api.get("/articles").handler(c.auth().optional()).handler(this::list);
    api.post("/articles").handler(c.auth().required()).handler(this::create);
    api.get("/articles/:slug").handler(c.auth().optional()).handler(this::get);
    api.patch("/articles/:slug").handler(c.auth().required()).handler(this::update);
    api.delete("/articles/:slug").handler(c.auth().required()).handler(this::delete);
    api.post("/articles/:slug/publish").handler(editors).handler(ctx -> setStatus(ctx, ArticleStatus.PUBLISHED));
    api.post("/articles/:slug/unpublish").handler(editors).handler(ctx -> setStatus(ctx, ArticleStatus.DRAFT));
    api.put("/articles/:slug/like").handler(c.auth().required()).handler(ctx -> like(ctx, true));
    api.delete("/articles/:slug/like").handler(c.auth().required()).handler(ctx -> like(ctx, false));
  }

  private void list(RoutingContext ctx) {
    ArticleQuery query = query(ctx);
    if (!query.shared() && AuthUser.of(ctx) == null) {
      ctx.fail(Problem.unauthorized("detail.unauthorized.drafts"));
      return;
    }
    if (!query.shared()) {
      articles.list(Audit.actor(ctx), query)
          .onSuccess(page -> ContentResponses.send(ctx, ContentCache.Entry.of(page.toJson()), false)).onFailure(ctx::fail);
      return;
    }
    String key = ContentCache.listKey(query);
    ContentCache.Entry cached = cache.get(key);
    if (cached != null) {
      ContentResponses.send(ctx, cached, true);
      return;
    }
    long version = cache.version();
    articles.list(EVERYONE, query).onSuccess(page -> {
      ContentCache.Entry entry = ContentCache.Entry.of(page.toJson());
      cache.put(key, version, entry);
      ContentResponses.send(ctx, entry, true);
    }).onFailure(ctx::fail);
  }

  /** The list's query parameters, checked: tag is a comma-separated list, status and sort have defaults. */
  private static ArticleQuery query(RoutingContext ctx) {
    JsonObject params = QueryParams.of(ctx, "q", "category", "tag", "author", "status", "from", "to", "sort", "limit", "cursor")
        .text("q", 200).text("category", 80).list("tag", 5, 50).id("author").choice("status", STATUSES)
        .instant("from").instant("to").choice("sort", ArticleSort.parameters()).limit().cursor().validate();
    return new ArticleQuery(ArticleQuery.Status.fromJson(params.getString("status", "published")), params.getString("q"),
        params.getString("category"), params.getJsonArray("tag", new JsonArray()).stream().map(String::valueOf).toList(),
        params.getString("author"), params.getLong("from"), params.getLong("to"),
        ArticleSort.of(params.getString("sort", "-published")), params.getInteger("limit"), params.getString("cursor"));
  }

  private void get(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    String key = ContentCache.articleKey(slug);
    ContentCache.Entry cached = cache.get(key);
    if (cached != null) {
      ContentResponses.send(ctx, cached, true);
      return;
    }
    long version = cache.version();
    articles.find(Audit.actor(ctx), slug).onSuccess(article -> {
      ContentCache.Entry entry = ContentCache.Entry.of(article.toJson());
      if (article.published()) {
        cache.put(key, version, entry);
      }
      ContentResponses.send(ctx, entry, article.published());
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    AuthUser me = AuthUser.of(ctx);
    boolean editor = me.hasAnyRole(Roles.EDITOR, Roles.ADMIN);
    if (!editor && !settings.usersMayWriteDrafts()) {
      ctx.fail(Problem.forbidden("detail.forbidden.write_articles"));
      return;
    }
    ArticleInput.read(ctx, true, articles).compose(article -> articles.create(Audit.actor(ctx), article)).onSuccess(created -> {
      ctx.response().putHeader("Location", "/api/articles/" + created.slug());
      Responses.json(ctx, 201, created.toJson());
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    ArticleInput.read(ctx, false, articles)
        .compose(changes -> articles.update(Audit.actor(ctx), ctx.pathParam("slug"), changes))
        .onSuccess(article -> Responses.ok(ctx, article.toJson())).onFailure(ctx::fail);
  }

  private void setStatus(RoutingContext ctx, ArticleStatus status) {
    articles.setStatus(Audit.actor(ctx), ctx.pathParam("slug"), status)
        .onSuccess(article -> Responses.ok(ctx, article.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    articles.delete(Audit.actor(ctx), ctx.pathParam("slug")).onSuccess(done -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void like(RoutingContext ctx, boolean liked) {
    articles.like(Audit.actor(ctx), ctx.pathParam("slug"), liked).onSuccess(likes -> Responses.ok(ctx, likes.toJson()))
        .onFailure(ctx::fail);
  }
}
