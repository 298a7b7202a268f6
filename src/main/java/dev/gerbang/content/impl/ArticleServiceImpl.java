package dev.gerbang.content.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.content.Article;
import dev.gerbang.content.ArticleFields;
import dev.gerbang.content.ArticleFields.Field;
import dev.gerbang.content.ArticleLikes;
import dev.gerbang.content.ArticlePage;
import dev.gerbang.content.ArticleQuery;
import dev.gerbang.content.ArticleService;
import dev.gerbang.content.ArticleStatus;
import dev.gerbang.content.ContentChanged;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.vertx.core.Future;
import dev.gerbang.webhook.Webhooks;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

public final class ArticleServiceImpl implements ArticleService {
  private static final FieldError UNKNOWN_CATEGORY = new FieldError("category", "field.unknown_category");
  private final Pool pool;
  private final Sql sql;
  private final ArticleLister lister;
  private final ArticleTags tags;
  private final Events events;

  private final Webhooks webhooks;

  public ArticleServiceImpl(Database database, Events events) {
    this.webhooks = new Webhooks(database);
    this.pool = database.pool();
    this.sql = database.sql("articles");
    this.lister = new ArticleLister(database);
    this.tags = new ArticleTags(sql);
    this.events = events;
  }

  @Override
  public Future<ArticlePage> list(Actor actor, ArticleQuery query) {
    return lister.list(Viewer.of(actor), query);
  }

  @Override
  public Future<Article> find(Actor actor, String slug) {
    return visible(pool, Viewer.of(actor), slug).map(ArticleRows::full);
  }

  /** The article row when the viewer may see it: published, or a draft of theirs, or any for editors. */
  private Future<Row> visible(SqlClient client, Viewer viewer, String slug) {
    return client.preparedQuery(sql.get("findBySlug")).execute(Tuple.of(slug)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      if (row == null || !("published".equals(row.getString("status")) || viewer.is(row.getString("author_id"))
          || viewer.isEditor())) {
        return Future.failedFuture(Failure.notFound("detail.not_found.article"));
      }
      return Future.succeededFuture(row);
    });
  }

  /** Visible, and the viewer is its author or an editor: otherwise 403. */
  private Future<Row> editable(SqlClient client, Viewer viewer, String slug) {
    return visible(client, viewer, slug).compose(row -> viewer.is(row.getString("author_id")) || viewer.isEditor()
        ? Future.succeededFuture(row)
        : Future.failedFuture(Failure.forbidden("detail.forbidden.article_change")));
  }

  @Override
  public Future<Article> create(Actor actor, ArticleFields article) {
    Viewer viewer = Viewer.of(actor);
    boolean publish = article.status() == ArticleStatus.PUBLISHED;
    if (publish && !viewer.isEditor()) {
      return Future.failedFuture(Failure.forbidden("detail.forbidden.publish"));
    }
    return Changed.announce(events, insert(viewer, article, publish)
        .map(row -> new Changed<>(ArticleRows.full(row), ContentChanged.article(row.getString("slug"), publish))));
  }

  private Future<Row> insert(Viewer viewer, ArticleFields article, boolean publish) {
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    String title = article.title();
    String body = article.body();
    String html = Markdown.toSafeHtml(body);
    return pool.withTransaction(conn -> categoryId(conn, article.category())
        .compose(categoryId -> insertUnderFreeSlug(conn, Slugs.of(title, 80, "article"), slug ->
            Tuple.of(id, slug, title, title.toLowerCase(Locale.ROOT), article.summary(), body)
                .addString(html)
                .addString(publish ? "published" : "draft")
                .addString(viewer.userId())
                .addString(categoryId)
                .addValue(publish ? now : null)
                .addLong(now).addLong(now).addLong(now)))
        .compose(slug -> tags.set(conn, id, article.tags())
            .compose(done -> publish ? published(conn, id, slug) : Future.succeededFuture())
            .compose(done -> visible(conn, viewer, slug))));
  }

  @Override
  public Future<Article> update(Actor actor, String slug, ArticleFields changes) {
    Viewer viewer = Viewer.of(actor);
    return Changed.announce(events, pool.withTransaction(conn -> editable(conn, viewer, slug).compose(row -> {
      String title = changes.has(Field.TITLE) ? changes.title() : row.getString("title");
      String body = changes.has(Field.BODY) ? changes.body() : row.getString("body");
      String html = changes.has(Field.BODY) ? Markdown.toSafeHtml(body) : row.getString("html");
      String summary = changes.has(Field.SUMMARY) ? changes.summary() : row.getString("summary");
      Future<String> category = changes.has(Field.CATEGORY) ? categoryId(conn, changes.category())
          : Future.succeededFuture(row.getString("category_id"));
      String id = row.getString("id");
      return category.compose(categoryId -> conn.preparedQuery(sql.get("update")).execute(
              Tuple.of(title, title.toLowerCase(Locale.ROOT), summary, body, html, categoryId)
                  .addLong(System.currentTimeMillis()).addString(id)))
          .compose(done -> changes.has(Field.TAGS) ? tags.set(conn, id, changes.tags()) : Future.succeededFuture())
          .compose(done -> visible(conn, viewer, slug))
          .map(updated -> written(updated, row));
    })));
  }

  @Override
  public Future<Void> delete(Actor actor, String slug) {
    Viewer viewer = Viewer.of(actor);
    long now = System.currentTimeMillis();
    return Changed.announce(events, pool.withTransaction(conn -> editable(conn, viewer, slug).compose(row ->
        conn.preparedQuery(sql.get("softDelete")).execute(Tuple.of(now, now, row.getString("id")))
            .map(done -> new Changed<Void>(null, ContentChanged.article(slug, published(row)))))));
  }

  @Override
  public Future<Article> setStatus(Actor actor, String slug, ArticleStatus status) {
    Viewer viewer = Viewer.of(actor);
    if (!viewer.isEditor()) {
      return Future.failedFuture(Failure.forbidden("detail.forbidden.publish_unpublish"));
    }
    long now = System.currentTimeMillis();
    return Changed.announce(events, pool.withTransaction(conn -> visible(conn, viewer, slug).compose(row -> {
      // The first publication date stays: republishing does not move an old article to the top.
      Long publishedAt = Rows.millis(row, "published_at");
      if (status == ArticleStatus.PUBLISHED && publishedAt == null) {
        publishedAt = now;
      }
      long listedAt = publishedAt == null ? Rows.millis(row, "created_at") : publishedAt;
      boolean publishing = status == ArticleStatus.PUBLISHED && !published(row);
      return conn.preparedQuery(sql.get("setStatus"))
          .execute(Tuple.of(status.json(), publishedAt, listedAt, now, row.getString("id")))
          .compose(done -> publishing ? published(conn, row.getString("id"), slug) : Future.succeededFuture())
          .compose(done -> visible(conn, viewer, slug))
          .map(updated -> written(updated, row));
    })));
  }

  @Override
  public Future<ArticleLikes> like(Actor actor, String slug, boolean liked) {
    Viewer viewer = Viewer.of(actor);
    return Changed.announce(events, pool.withTransaction(conn -> visible(conn, viewer, slug).compose(row -> {
      String id = row.getString("id");
      Tuple key = liked ? Tuple.of(id, viewer.userId(), System.currentTimeMillis()) : Tuple.of(id, viewer.userId());
      return conn.preparedQuery(sql.get(liked ? "like" : "unlike")).execute(key)
          .compose(done -> conn.preparedQuery(sql.get("recountLikes")).execute(Tuple.of(id)))
          .compose(done -> visible(conn, viewer, slug))
          .map(updated -> new Changed<>(new ArticleLikes(ArticleRows.number(updated, "like_count"), liked),
              ContentChanged.article(slug, published(row))));
    })));
  }

  /** The written article; every public list changed too when it is or was public. */
  private static Changed<Article> written(Row updated, Row before) {
    return new Changed<>(ArticleRows.full(updated),
        ContentChanged.article(updated.getString("slug"), published(before) || published(updated)));
  }

  /** The article.published webhook, in the transaction that publishes it. */
  private Future<Void> published(SqlConnection conn, String articleId, String slug) {
    return webhooks.emit(conn, "article.published", new JsonObject().put("articleId", articleId).put("slug", slug));
  }

  private static boolean published(Row row) {
    return "published".equals(row.getString("status"));
  }

  @Override
  public Future<List<FieldError>> unknownReferences(ArticleFields article) {
    String slug = article.category();
    if (slug == null) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(sql.get("categoryIdBySlug")).execute(Tuple.of(slug))
        .map(rows -> Rows.first(rows, r -> r.getString("id")) == null ? List.of(UNKNOWN_CATEGORY) : List.of());
  }

  /** The id of the category with this slug, null for none; a 400 naming `category` when there is no such one. */
  private Future<String> categoryId(SqlConnection conn, String slug) {
    if (slug == null) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery(sql.get("categoryIdBySlug")).execute(Tuple.of(slug)).compose(rows -> {
      String id = Rows.first(rows, r -> r.getString("id"));
      return id != null ? Future.succeededFuture(id) : Future.failedFuture(Failure.invalid(List.of(UNKNOWN_CATEGORY)));
    });
  }

  /**
   * Inserts the row under the base slug, or base-2, base-3, ... whichever is free first; answers the slug. The
   * insert skips a slug taken meanwhile (ON CONFLICT DO NOTHING): SQLite serializes writers, but on PostgreSQL
   * two writers may pick the same slug at once, and the second then waits for the first and takes the next one.
   */
  private Future<String> insertUnderFreeSlug(SqlConnection conn, String base, Function<String, Tuple> rowWithSlug) {
    return conn.preparedQuery(sql.get("slugsLike")).execute(Tuple.of(base, base + "-%")).compose(rows -> {
      Set<String> taken = new HashSet<>();
      rows.forEach(row -> taken.add(row.getString("slug")));
      return insertUnderFreeSlug(conn, base, taken, rowWithSlug);
    });
  }

  private Future<String> insertUnderFreeSlug(SqlConnection conn, String base, Set<String> taken,
                                             Function<String, Tuple> rowWithSlug) {
    String slug = base;
    for (int n = 2; taken.contains(slug); n++) {
      slug = base + "-" + n;
    }
    String chosen = slug;
    return conn.preparedQuery(sql.get("insert")).execute(rowWithSlug.apply(chosen)).compose(done -> {
      if (done.rowCount() == 1) {
        return Future.succeededFuture(chosen);
      }
      taken.add(chosen);
      return insertUnderFreeSlug(conn, base, taken, rowWithSlug);
    });
  }
}
